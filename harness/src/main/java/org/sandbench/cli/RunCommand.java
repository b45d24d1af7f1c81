package org.sandbench.cli;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sandbench.backend.TrialSettings;
import org.sandbench.harness.OverheadRun;
import org.sandbench.harness.Progress;
import org.sandbench.harness.SandbenchException;
import org.sandbench.measure.ConfoundManifest;
import org.sandbench.measure.CpuPinning;
import org.sandbench.measure.SetupCosts;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.models.Mode;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.landlock.CompatLevel;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.results.Csv;
import org.sandbench.results.Environment;
import org.sandbench.results.OverheadRow;
import org.sandbench.results.OverheadTable;
import org.sandbench.workloads.Manifest;
import org.sandbench.workloads.WorkloadCatalog;
import org.sandbench.workloads.WorkloadInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", description = "Run the overhead matrix: workloads under the baseline and each model, interleaved.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--models", split = ",", paramLabel = "M",
            description = "Models to compare with the baseline (default: every model this host supports).")
    List<String> models;

    @Option(names = "--workloads", split = ",", paramLabel = "W", description = "Workloads (default: the default micro workloads).")
    List<String> workloads;

    @Option(names = "--quick", description = "Fewer rounds, batches and parameter values: a minute or two.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/runs/<UTC time>).")
    Path out;

    @Option(names = "--mode", paramLabel = "retrofit|self", defaultValue = "retrofit",
            description = "Who applies the sandbox: a launcher before exec (retrofit) or the workload itself (self).")
    String mode;

    @Option(names = "--rounds", paramLabel = "N", description = "Interleaved rounds per model and workload (default 5, quick 3).")
    Integer rounds;

    @Option(names = "--batches", paramLabel = "N", description = "Batches per trial (default 30, quick 10).")
    Integer batches;

    @Option(names = "--batch-ms", paramLabel = "MS", description = "Target length of a batch (default 10, quick 5).")
    Double batchMs;

    @Option(names = "--cpu", paramLabel = "auto|none|N", defaultValue = "auto",
            description = "Pin trials to a CPU: auto (default: the highest CPU allowed), none, or a CPU number.")
    String cpu;

    @Option(names = "--seccomp-default", paramLabel = "ACTION",
            description = "Default action of seccomp allowlists: trap (default; names a denied call), kill-process, errno.")
    String seccompDefault;

    @Option(names = "--seccomp-optimize", paramLabel = "1|2", defaultValue = "1",
            description = "libseccomp filter layout: 1 linear (default), 2 binary tree.")
    int seccompOptimize;

    @Option(names = "--landlock-abi", paramLabel = "N",
            description = "Compile Landlock rulesets for this ABI (default: the newest sandbench knows, masked to the kernel's).")
    Integer landlockAbi;

    @Option(names = "--landlock-compat", paramLabel = "best-effort|hard", defaultValue = "best-effort",
            description = "What to do when the kernel lacks a right: drop it and report (best-effort) or refuse (hard).")
    String landlockCompat;

    private final Session session = new Session();

    @Override
    public Integer call() {
        Mode m;
        SeccompAction def;
        CompatLevel compat;
        try {
            m = Mode.parse(mode);
            def = seccompDefault == null ? null : SeccompAction.parse(seccompDefault);
            compat = CompatLevel.parse(landlockCompat);
            if (seccompOptimize != 1 && seccompOptimize != 2)
                throw new IllegalArgumentException("--seccomp-optimize must be 1 or 2");
            if (landlockAbi != null && landlockAbi < 1)
                throw new IllegalArgumentException("--landlock-abi must be 1 or more");
        } catch (IllegalArgumentException e) {
            throw SandbenchException.usage(e.getMessage());
        }
        List<SandboxModel> chosen = models == null
                ? session.availableModels().stream().filter(x -> x != LinuxLaunchModel.NONE).toList()
                : session.resolveModels(models).stream().filter(x -> x != LinuxLaunchModel.NONE).toList();
        List<Manifest> manifests = workloads == null ? session.catalog().defaults()
                : workloads.stream().map(w -> session.catalog().get(w.trim())).toList();
        List<WorkloadInstance> instances = new ArrayList<>();
        for (Manifest mf : manifests)
            instances.addAll(WorkloadCatalog.instances(mf, quick));

        int r = rounds != null ? rounds : quick ? 3 : 5;
        CpuPinning pin = CpuPinning.choose(cpu);
        TrialSettings settings = new TrialSettings(batches != null ? batches : quick ? 10 : 30,
                batchMs != null ? batchMs : quick ? 5 : 10, quick ? 20 : 50, pin.cpu());
        Path dir = out != null ? out : session.home().root().resolve("results/runs")
                .resolve(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
        var config = new OverheadRun.Config(LinuxLaunchModel.NONE, chosen, instances, m, r, settings,
                new SeccompCompiler.Options(def, seccompOptimize, false),
                new LandlockCompiler.Options(landlockAbi == null ? LandlockAbi.LATEST_KNOWN : new LandlockAbi(landlockAbi), compat),
                dir);

        System.err.printf("sandbench run: %d workload instances x (baseline + %d models) x %d rounds = %d trials -> %s%n",
                instances.size(), chosen.size(), r, config.totalTrials(), dir);
        Environment env = Environment.capture(session.home(), session.kernel(), commandLine(),
                session.syscalls().libseccompVersion());
        Map<String, Object> settingsMap = new LinkedHashMap<>();
        settingsMap.put("mode", m.id());
        settingsMap.put("rounds", r);
        settingsMap.put("batches", settings.batches());
        settingsMap.put("batch_ms", settings.batchMs());
        settingsMap.put("warmup_ms", settings.warmupMs());
        settingsMap.put("cpu", settings.cpu());
        settingsMap.put("cpu_choice", pin.reason());
        settingsMap.put("quick", quick);
        settingsMap.put("seccomp_default", def == null ? "policy (trap)" : def.toString());
        settingsMap.put("seccomp_optimize", seccompOptimize);
        settingsMap.put("landlock_abi", config.landlock().abi().version());
        settingsMap.put("landlock_compat", compat.id);
        env.put("settings", settingsMap);
        env.put("backend", Map.of("id", "local"));

        OverheadRun.Outcome outcome = new OverheadRun(session.home(), session.localBackend(), Progress.lines(System.err))
                .run(config);
        List<List<String>> cells = outcome.rows().stream().map(OverheadRow::cells).toList();
        Csv.write(dir.resolve("overhead.csv"), OverheadRow.HEADER, cells);
        // Setup stages of every launch of the run (docs: README "Setup costs").
        SetupCosts.write(dir, LinuxLaunchModel.NONE.id());
        env.put("measured_process", outcome.measured().isEmpty() ? measuredProcess(outcome.rows()) : outcome.measured());
        env.put("kernel_features", ConfoundManifest.kernelFeatures(session.kernel()));
        env.write(dir.resolve("env.json"));

        System.out.println();
        System.out.print(OverheadTable.render(outcome.rows(), LinuxLaunchModel.NONE.id()));
        System.out.println();
        System.out.println("results: " + dir);
        if (!outcome.failures().isEmpty()) {
            System.err.println();
            for (String f : outcome.failures())
                System.err.println("sandbench: FAILED " + f);
            return SandbenchException.FAILED;
        }
        return 0;
    }

    private static Map<String, Object> measuredProcess(List<OverheadRow> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (OverheadRow r : rows)
            m.putIfAbsent(r.model(), r.enforced());
        return m;
    }

    static List<String> commandLine() {
        List<String> l = new ArrayList<>();
        l.add("./sandbench");
        l.addAll(List.of(Main.originalArgs));
        return l;
    }
}

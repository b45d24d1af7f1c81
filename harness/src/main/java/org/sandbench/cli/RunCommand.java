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
import org.sandbench.backend.container.ContainerBackend;
import org.sandbench.backend.container.DockerEngine;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.models.Mode;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.landlock.CompatLevel;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.oci.ContainerModel;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.report.Report;
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

    @picocli.CommandLine.Mixin
    RunBackends.Options backends = new RunBackends.Options();

    @Option(names = "--container-settle-ms", paramLabel = "MS",
            description = "Extra warm-up of a container trial, after the container starts (default 500).")
    Double containerSettleMs;

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
        backends.check();
        // Without --models: every model, those this host cannot run (a guest, an engine) as NA rows saying why.
        List<SandboxModel> chosen = models == null
                ? session.models().all().stream().filter(x -> x != LinuxLaunchModel.NONE && (x.platform()
                        != SandboxModel.Platform.LINUX_HOST || session.availability(x).available())).toList()
                : session.resolveModels(models).stream().filter(x -> x != LinuxLaunchModel.NONE).toList();
        // Container models: their own baseline in a container, NA rows with the reason when Docker is missing.
        // The runtime applies them before exec: a self-mode run without --models leaves them out.
        if (models == null && m == Mode.SELF)
            chosen = chosen.stream().filter(x -> x.platform() != SandboxModel.Platform.CONTAINER).toList();
        List<SandboxModel> containers = chosen.stream().filter(x -> x.platform() == SandboxModel.Platform.CONTAINER).toList();
        List<SandboxModel> containersNa = containers.stream().filter(x -> !session.availability(x).available()).toList();
        if (!containers.isEmpty() && m == Mode.SELF)
            throw SandbenchException.usage("container models (" + String.join(", ", containers.stream().map(SandboxModel::id)
                    .toList()) + ") are applied by the runtime before exec: drop them or use --mode retrofit");
        chosen = chosen.stream().filter(x -> !containersNa.contains(x)).toList();
        boolean containerRows = chosen.stream().anyMatch(x -> x.platform() == SandboxModel.Platform.CONTAINER);
        double settle = containerSettleMs != null ? containerSettleMs : ContainerBackend.DEFAULT_SETTLE_MS;
        if (settle < 0)
            throw SandbenchException.usage("--container-settle-ms must be 0 or more");
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

        int trialCount = config.totalTrials() + (containerRows ? instances.size() * r : 0);
        System.err.printf("sandbench run: %d workload instances x (baseline%s + %d models) x %d rounds = %d trials -> %s%n",
                instances.size(), containerRows ? "s on host and in a container" : "", chosen.size(), r, trialCount, dir);
        for (SandboxModel na : containersNa)
            System.err.println("sandbench: model " + na.id() + " is NA here: " + session.availability(na).reason());
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
        Map<String, String> load = new LinkedHashMap<>();
        load.put("start", loadAverage());
        env.put("load_average", load);
        Map<String, Object> engine = null;
        if (!containers.isEmpty()) {
            engine = new LinkedHashMap<>(DockerEngine.describe());
            engine.put("settle_ms", settle);
        }
        Map<String, String> naReasons = new LinkedHashMap<>();
        for (SandboxModel na : containersNa)
            naReasons.put(na.id(), session.availability(na).reason());
        RunBackends.Containers containerPart = new RunBackends.Containers(containerRows, settle, containersNa, naReasons, engine);

        Progress progress = Progress.auto(System.err);
        RunInterruption interruption = new RunInterruption();
        // Ctrl-C (or SIGTERM): keep what finished, mark the rest partial, and still write a report.
        Thread onInterrupt = new Thread(() -> interrupted(interruption, progress, env, dir), "sandbench-interrupted-run");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        RunBackends.Outcome routed;
        try {
            routed = RunBackends.run(session, config, backends, env, progress, containerPart, interruption);
        } catch (RuntimeException e) {
            removeHook(onInterrupt);
            throw e;
        }
        if (interruption.stopping())
            return INTERRUPTED;
        load.put("end", loadAverage());
        OverheadRun.Outcome outcome = routed.overhead();
        List<List<String>> cells = outcome.rows().stream().map(OverheadRow::cells).toList();
        Csv.write(dir.resolve("overhead.csv"), OverheadRow.HEADER, cells);
        // Setup stages of every launch of the run (docs: README "Setup costs").
        SetupCosts.write(dir, LinuxLaunchModel.NONE.id());
        env.put("measured_process", outcome.measured().isEmpty() ? measuredProcess(outcome.rows()) : outcome.measured());
        env.put("kernel_features", ConfoundManifest.kernelFeatures(session.kernel()));
        env.write(dir.resolve("env.json"));

        // One table per backend: each has its own baseline (a guest's none is not the host's).
        for (String b : outcome.rows().stream().map(OverheadRow::backend).distinct().toList()) {
            System.out.println();
            if (outcome.rows().stream().map(OverheadRow::backend).distinct().count() > 1 || !b.equals("local"))
                System.out.println("backend " + b + ":");
            System.out.print(OverheadTable.render(outcome.rows().stream().filter(row -> row.backend().equals(b)).toList(),
                    LinuxLaunchModel.NONE.id()));
        }
        System.out.println();
        System.out.println("results: " + dir);
        for (String na : routed.missing())
            System.err.println("sandbench: NA " + na);
        // The SPEC's main job includes the escape corpus: same folder, escapes.csv (issue 4).
        int escapes = models == null && workloads == null ? EscapesCommand.forRun(session, dir) : 0;
        removeHook(onInterrupt);
        if (interruption.stopping())
            return INTERRUPTED;
        writeReport(dir);
        if (!outcome.failures().isEmpty()) {
            System.err.println();
            for (String f : outcome.failures())
                System.err.println("sandbench: FAILED " + f);
            return SandbenchException.FAILED;
        }
        if (escapes != 0)
            return escapes;
        // Models a host cannot run are NA rows with the reason; only asking for them by name makes that exit 3.
        return routed.missing().isEmpty() || models == null ? 0 : SandbenchException.MISSING;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it writes the results
        }
    }

    /**
     * The 1, 5 and 15 minute load averages (proc(5), /proc/loadavg): other work on
     * the host is the first confound of a timing, and the report warns about it.
     */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "";
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /** Exit code of a run stopped by a signal (128 + SIGINT), as shells report it. */
    static final int INTERRUPTED = 130;

    @SuppressWarnings("unchecked")
    private static void interrupted(RunInterruption interruption, Progress progress, Environment env, Path dir) {
        List<OverheadRow> rows = interruption.stopAndCollect();
        progress.finish();
        System.err.printf("%nsandbench run: interrupted after %d trials; keeping what finished%n", interruption.trialsDone());
        try {
            Csv.write(dir.resolve("overhead.csv"), OverheadRow.HEADER, rows.stream().map(OverheadRow::cells).toList());
            SetupCosts.write(dir, LinuxLaunchModel.NONE.id());
            env.put("partial", true);
            if (env.asMap().get("load_average") instanceof Map<?, ?> m)
                ((Map<String, Object>) m).put("end", loadAverage());
            env.put("interrupted", "stopped by a signal after " + interruption.trialsDone() + " trials");
            env.put("measured_process", measuredProcess(rows));
            env.write(dir.resolve("env.json"));
            System.out.println("partial results: " + dir);
            reportInNewJvm(dir);
        } catch (RuntimeException e) {
            System.err.println("sandbench run: could not write the partial results: " + e);
        }
        System.out.flush();
        System.err.flush();
    }

    /**
     * During shutdown the JVM refuses new shutdown hooks, which AWT's font and
     * image code registers on first use, so the report of an interrupted run is
     * drawn by a fresh JVM: the same class path, the report command.
     */
    private static void reportInNewJvm(Path dir) {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Djava.awt.headless=true"));
        String home = System.getProperty("sandbench.home");
        if (home != null)
            cmd.add("-Dsandbench.home=" + home);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "report", dir.toString()));
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                System.err.println("sandbench run: the report took too long; retry with ./sandbench report " + dir);
            }
        } catch (java.io.IOException e) {
            System.err.println("sandbench run: could not start the report (" + e.getMessage()
                    + "); retry with ./sandbench report " + dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The report is part of a run's output, but a failure to draw must not lose the measurements. */
    private static void writeReport(Path dir) {
        try {
            Report.Written w = Report.write(dir);
            System.out.println("report: " + w.index().toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            System.err.println("sandbench run: the report could not be written (" + e.getMessage()
                    + "); the results are intact: retry with ./sandbench report " + dir);
        }
    }

    private static Map<String, Object> measuredProcess(List<OverheadRow> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (OverheadRow r : rows)
            m.putIfAbsent(r.backend().equals("local") ? r.model() : r.backend() + ":" + r.model(), r.enforced());
        return m;
    }

    /** A row for a model this host cannot run: no number, the reason in the note. */
    static OverheadRow naRow(SandboxModel model, Mode mode, WorkloadInstance w, String reason) {
        String backend = model.platform() == SandboxModel.Platform.CONTAINER ? "container" : "local";
        return new OverheadRow(backend, model.id(), mode.id(), w.id(), w.paramString(), Double.NaN, Double.NaN, Double.NaN,
                0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, "na", "", "", reason);
    }

    static List<String> commandLine() {
        List<String> l = new ArrayList<>();
        l.add("./sandbench");
        l.addAll(List.of(Main.originalArgs));
        return l;
    }
}

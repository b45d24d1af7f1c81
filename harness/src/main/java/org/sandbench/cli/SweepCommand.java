package org.sandbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.sandbench.harness.Progress;
import org.sandbench.harness.SandbenchException;
import org.sandbench.measure.ConfoundManifest;
import org.sandbench.measure.CpuPinning;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.models.SandboxModel;
import org.sandbench.results.Csv;
import org.sandbench.results.Environment;
import org.sandbench.sweep.Figure;
import org.sandbench.sweep.LandlockSweep;
import org.sandbench.sweep.LandlockSweepRun;
import org.sandbench.sweep.SeccompSweep;
import org.sandbench.sweep.SeccompSweepRun;
import org.sandbench.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `sandbench sweep seccomp|landlock`: one mechanism's parameters, each moved alone. */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Parameter sweeps of one mechanism, each axis moved alone from a base point.",
        subcommands = { SweepCommand.Seccomp.class, SweepCommand.Landlock.class })
final class SweepCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "name a sweep: seccomp or landlock (capsicum runs in a FreeBSD guest: sandbench vm sweep-capsicum)");
    }

    /** Options every sweep takes. */
    static final class Common {
        @Option(names = "--quick", description = "Fewer points, rounds and batches: well under five minutes.")
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/runs/<UTC time>-sweep-<name>).")
        Path out;

        @Option(names = "--rounds", paramLabel = "N", description = "Interleaved rounds (default 40, quick 20).")
        Integer rounds;

        @Option(names = "--batches", paramLabel = "N", description = "Batches per trial (default 10).")
        Integer batches;

        @Option(names = "--batch-ms", paramLabel = "MS", description = "Target length of a batch (default 10, quick 5).")
        Double batchMs;

        @Option(names = "--cpu", paramLabel = "auto|none|N", defaultValue = "auto",
                description = "Pin trials to a CPU: auto (default: the highest CPU allowed), none, or a number.")
        String cpu;

        @Option(names = "--dry-run", description = "Print the points (and their BPF facts) without measuring.")
        boolean dryRun;

        SweepRunner.Settings settings(CpuPinning pin) {
            // On a shared machine a trial's level varies independently of its neighbours':
            // more trials narrow the intervals more than longer ones.
            int r = rounds != null ? rounds : quick ? 20 : 40;
            int b = batches != null ? batches : 10;
            double ms = batchMs != null ? batchMs : quick ? 5 : 10;
            if (r < 1 || b < 1 || ms <= 0)
                throw SandbenchException.usage("--rounds and --batches must be >= 1 and --batch-ms > 0");
            return new SweepRunner.Settings(r, 3, new TrialSettings(b, ms, quick ? 20 : 50, pin.cpu()));
        }

        Path outDir(Session session, String name) {
            return out != null ? out : session.home().root().resolve("results/runs").resolve(
                    ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                            + "-sweep-" + name);
        }
    }

    static Environment environment(Session session, SweepRunner.Settings s, CpuPinning pin, boolean quick, String sweep) {
        Environment env = Environment.capture(session.home(), session.kernel(), RunCommand.commandLine(),
                session.syscalls().libseccompVersion());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sweep", sweep);
        settings.put("quick", quick);
        settings.put("rounds", s.rounds());
        settings.put("baseline_every", s.baselineEvery());
        settings.put("batches", s.trial().batches());
        settings.put("batch_ms", s.trial().batchMs());
        settings.put("warmup_ms", s.trial().warmupMs());
        settings.put("cpu", pin.cpu());
        settings.put("cpu_choice", pin.reason());
        settings.put("mode", "retrofit");
        env.put("settings", settings);
        env.put("backend", Map.of("id", "local"));
        env.put("kernel_features", ConfoundManifest.kernelFeatures(session.kernel()));
        return env;
    }

    static void require(Session session, SandboxModel m) {
        var a = m.availability(session.facts());
        if (!a.available())
            throw SandbenchException.missing("the " + m.id() + " sweep needs " + m.id() + ", unavailable here: " + a.reason());
    }

    static Path tempWork(String name) {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sandbench-sweep-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; leave it if it cannot be removed
        }
    }

    static int finish(Path dir, List<String> findings, List<String> failures, long t0, String title) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.add("");
        for (String f : findings)
            lines.add("- " + f);
        if (!failures.isEmpty()) {
            lines.add("");
            for (String f : failures)
                lines.add("FAILED " + f);
        }
        lines.add("");
        lines.add(String.format(java.util.Locale.ROOT, "wall time: %.1f s", (System.nanoTime() - t0) / 1e9));
        try {
            Files.writeString(dir.resolve("summary.txt"), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println();
        for (String l : lines)
            System.out.println(l);
        System.out.println("results: " + dir);
        if (!failures.isEmpty()) {
            for (String f : failures)
                System.err.println("sandbench: FAILED " + f);
            return SandbenchException.FAILED;
        }
        return 0;
    }

    @Command(name = "seccomp", mixinStandardHelpOptions = true, description = "Filter length, position of the measured rule, cacheable vs argument-inspecting, "
            + "linear vs binary tree, stacked filters, SPEC_ALLOW: each alone, getppid(2) measured.")
    static final class Seccomp implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        private final Session session = new Session();

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            require(session, LinuxLaunchModel.SECCOMP);
            CpuPinning pin = CpuPinning.choose(common.cpu);
            SweepRunner.Settings s = common.settings(pin);
            SeccompSweep.Axes axes = common.quick ? SeccompSweep.quick() : SeccompSweep.full();
            SeccompSweepRun run = new SeccompSweepRun(session.home(), session.syscalls(), session.localBackend(),
                    Progress.lines(System.err));
            Path work = tempWork("seccomp");
            try {
                if (common.dryRun) {
                    List<SeccompSweepRun.Row> rows = run.prepare(axes, work);
                    System.out.println(String.join(",", SeccompSweep.COLUMNS));
                    for (List<String> r : SeccompSweepRun.csvRows(rows))
                        System.out.println(String.join(",", r));
                    return 0;
                }
                Path dir = common.outDir(session, "seccomp");
                Environment env = environment(session, s, pin, common.quick, "seccomp");
                System.err.printf("sandbench sweep seccomp: %d points x %d rounds -> %s%n",
                        SeccompSweep.points(axes, 1).size(), s.rounds(), dir);
                SeccompSweepRun.Result res;
                try (SweepRunner.Recorder rec = new SweepRunner.Recorder(dir)) {
                    res = run.run(axes, s, work, rec);
                }
                Csv.write(dir.resolve("sweep-seccomp.csv"), SeccompSweepRun.header(), SeccompSweepRun.csvRows(res.rows()));
                SeccompSweepRun.writeFigures(dir.resolve("derived.csv"), res.figures());
                env.put("measured_process", res.measuredProcess());
                env.write(dir.resolve("env.json"));
                return finish(dir, res.findings(), res.failures(), t0, "sandbench sweep seccomp"
                        + (common.quick ? " --quick" : "") + ": overhead of getppid(2) over no filter");
            } finally {
                deleteTree(work);
            }
        }
    }

    @Command(name = "landlock", mixinStandardHelpOptions = true, description = "Path depth, number of rules, stacked layers, allowed vs denied access: "
            + "each alone, openat(2) measured.")
    static final class Landlock implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        private final Session session = new Session();

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            require(session, LinuxLaunchModel.LANDLOCK);
            CpuPinning pin = CpuPinning.choose(common.cpu);
            SweepRunner.Settings s = common.settings(pin);
            LandlockSweep.Axes axes = common.quick ? LandlockSweep.quick() : LandlockSweep.full();
            if (common.dryRun) {
                System.out.println(String.join(",", LandlockSweep.COLUMNS));
                for (LandlockSweep.Point p : LandlockSweep.points(axes))
                    for (String axis : p.axes())
                        System.out.println(String.join(",", LandlockSweepRun.axisCells(axis, p.config())));
                return 0;
            }
            Path dir = common.outDir(session, "landlock");
            Environment env = environment(session, s, pin, common.quick, "landlock");
            System.err.printf("sandbench sweep landlock: %d points x %d rounds -> %s%n",
                    LandlockSweep.points(axes).size(), s.rounds(), dir);
            LandlockSweepRun run = new LandlockSweepRun(session.home(), session.localBackend(), Progress.lines(System.err));
            Path work = tempWork("landlock");
            try {
                LandlockSweepRun.Result res;
                try (SweepRunner.Recorder rec = new SweepRunner.Recorder(dir)) {
                    res = run.run(axes, s, work, rec);
                }
                Csv.write(dir.resolve("sweep-landlock.csv"), LandlockSweepRun.header(), LandlockSweepRun.csvRows(res.rows()));
                Csv.write(dir.resolve("derived.csv"), Figure.HEADER, res.figures().stream().map(Figure::cells).toList());
                env.put("measured_process", res.measuredProcess());
                env.write(dir.resolve("env.json"));
                return finish(dir, res.findings(), res.failures(), t0, "sandbench sweep landlock"
                        + (common.quick ? " --quick" : "") + ": overhead of openat(2) over no Landlock");
            } finally {
                deleteTree(work);
            }
        }
    }
}

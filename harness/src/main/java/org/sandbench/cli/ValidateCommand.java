package org.sandbench.cli;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.sandbench.backend.TrialSettings;
import org.sandbench.harness.Progress;
import org.sandbench.harness.SandbenchException;
import org.sandbench.measure.CpuPinning;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.results.Csv;
import org.sandbench.results.Environment;
import org.sandbench.sweep.SweepRunner;
import org.sandbench.validate.ValidateRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "sandbench checks itself: its loop overhead, the kernel seccomp benchmark's "
        + "method beside its own (as ratios), and repeatability over five back-to-back quick runs.")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Fewer rounds and shorter kernel-method phases: well under a minute.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/runs/<UTC time>-validate).")
    Path out;

    @Option(names = "--rounds", paramLabel = "N", description = "Interleaved rounds, one kernel-method repetition each "
            + "(default 20, quick 10).")
    Integer rounds;

    @Option(names = "--kernel-seconds", paramLabel = "S", description = "Seconds per phase of a kernel-method "
            + "repetition (default 1, quick 0.2; the kernel's own benchmark uses 15).")
    Double kernelSeconds;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "5", description = "Back-to-back quick runs for the "
            + "repeatability check (default 5).")
    int repeat;

    @Option(names = "--cpu", paramLabel = "auto|none|N", defaultValue = "auto",
            description = "Pin trials to a CPU: auto (default), none, or a number.")
    String cpu;

    private final Session session = new Session();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        SweepCommand.require(session, LinuxLaunchModel.SECCOMP);
        int r = rounds != null ? rounds : quick ? 10 : 20;
        double ks = kernelSeconds != null ? kernelSeconds : quick ? 0.2 : 1.0;
        if (r < 2 || ks <= 0 || ks > 60 || repeat < 2)
            throw SandbenchException.usage("--rounds must be >= 2, --kernel-seconds in (0, 60], --repeat >= 2");
        CpuPinning pin = CpuPinning.choose(cpu);
        SweepRunner.Settings s = new SweepRunner.Settings(r, 3,
                new TrialSettings(10, quick ? 5 : 10, quick ? 20 : 50, pin.cpu()));
        // The repeatability runs are `run --quick`'s settings, whatever this command's.
        ValidateRun.Settings vs = new ValidateRun.Settings(s, ks, repeat, 3, new TrialSettings(10, 5, 20, pin.cpu()));
        Path dir = out != null ? out : session.home().root().resolve("results/runs").resolve(
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")) + "-validate");
        Environment env = SweepCommand.environment(session, s, pin, quick, "validate");
        System.err.printf("sandbench validate: %d rounds, kernel method %.2f s per phase, %d repeatability runs -> %s%n",
                r, ks, repeat, dir);
        Path work = SweepCommand.tempWork("validate");
        ValidateRun.Result res;
        try (SweepRunner.Recorder rec = new SweepRunner.Recorder(dir)) {
            res = new ValidateRun(session.home(), session.localBackend(), Progress.lines(System.err))
                    .run(vs, dir, work, rec, session.syscalls());
        } finally {
            SweepCommand.deleteTree(work);
        }
        Csv.write(dir.resolve("validate.csv"), ValidateRun.Check.HEADER, res.checks().stream().map(ValidateRun.Check::cells).toList());
        Csv.write(dir.resolve("repeatability.csv"), ValidateRun.REPEAT_HEADER, res.repeatability());
        Csv.write(dir.resolve("kernel-method.csv"), ValidateRun.KERNEL_HEADER, res.kernelRuns());
        env.write(dir.resolve("env.json"));
        return SweepCommand.finish(dir, res.findings(), res.failures(), t0,
                "sandbench validate" + (quick ? " --quick" : "") + ": does sandbench measure what the kernel's own benchmark measures?");
    }
}

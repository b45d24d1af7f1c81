package org.sandbench.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sandbench.harness.Home;
import org.sandbench.host.ChildProcess;
import org.sandbench.models.Availability;
import org.sandbench.models.Mode;
import org.sandbench.models.plan.LaunchPlan;

/**
 * Runs trials on this Linux host: writes the launch plan, starts the launcher
 * with a clean environment, streams the protocol lines (so a crash or timeout
 * keeps what was measured), and kills the process at the trial's timeout.
 */
public final class LocalBackend implements Backend {
    private final Home home;
    private final TrialParser parser;

    public LocalBackend(Home home, SyscallTable syscalls) {
        this.home = home;
        this.parser = new TrialParser(syscalls);
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public Availability availability() {
        return System.getProperty("os.name", "").equals("Linux") ? Availability.yes("Linux host")
                : Availability.no("the local backend needs a Linux host");
    }

    /** The command line for a trial; the plan is written beside the workspace. */
    public List<String> command(TrialSpec spec, Path planFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.launcher().toString());
        cmd.add("--plan");
        // Self mode: the launcher applies nothing; the workload applies the plan itself after its setup.
        cmd.add(spec.mode() == Mode.SELF ? emptyPlan(planFile).toString() : planFile.toString());
        cmd.add("--status-fd");
        if (spec.settings().cpu() >= 0) {
            cmd.add("--cpu");
            cmd.add(Integer.toString(spec.settings().cpu()));
        }
        cmd.add("--");
        cmd.add(spec.executable().toString());
        cmd.addAll(spec.args());
        TrialSettings s = spec.settings();
        cmd.addAll(List.of("--batches", Integer.toString(s.batches()), "--batch-ms", fmt(s.batchMs()),
                "--warmup-ms", fmt(s.warmupMs())));
        if (spec.mode() == Mode.SELF)
            cmd.addAll(List.of("--self-plan", planFile.toString()));
        return cmd;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static Path emptyPlan(Path planFile) {
        Path p = planFile.resolveSibling("empty.plan");
        try {
            if (!Files.exists(p))
                Files.writeString(p, LaunchPlan.empty("self mode: the workload applies its own plan").render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @Override
    public TrialResult run(TrialSpec spec) {
        LaunchPlan plan = (LaunchPlan) spec.compiled();
        Path planFile = spec.workdir().resolve(".sandbench").resolve(spec.model().replace('+', '_') + "-" + spec.mode().id() + ".plan");
        try {
            Files.createDirectories(planFile.getParent());
            Files.writeString(planFile, plan.render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return execute(command(spec, planFile), spec.workdir(), spec.settings().timeout().toMillis());
    }

    /** Runs a prepared command and parses what it printed. */
    public TrialResult execute(List<String> cmd, Path cwd, long timeoutMs) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // A clean, fixed environment: measurements must not depend on the caller's.
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("LC_ALL", "C");
        long t0 = System.nanoTime();
        ChildProcess p;
        try {
            p = ChildProcess.start(pb, "trial");
        } catch (IOException e) {
            return parser.parse(List.of(), -1, false, "cannot start " + cmd.get(0) + ": " + e.getMessage(), 0);
        }
        boolean timedOut = p.awaitExit(timeoutMs);
        long wall = System.nanoTime() - t0;
        return parser.parse(p.lines(), p.exitCode(), timedOut, p.stderr(), wall);
    }
}

package org.sandbench.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sandbench.harness.Home;
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
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        StringBuilder err = new StringBuilder();
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return parser.parse(List.of(), -1, false, "cannot start " + cmd.get(0) + ": " + e.getMessage(), 0);
        }
        Thread out = reader(p.getInputStream(), lines::add);
        Thread errT = reader(p.getErrorStream(), l -> {
            synchronized (err) {
                if (err.length() < 4000)
                    err.append(l).append('\n');
            }
        });
        boolean timedOut = false;
        try {
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                timedOut = true;
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            out.join(5000);
            errT.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            timedOut = true;
        }
        long wall = System.nanoTime() - t0;
        int exit = p.isAlive() ? -1 : p.exitValue();
        List<String> snapshot;
        synchronized (lines) {
            snapshot = List.copyOf(lines);
        }
        String stderr;
        synchronized (err) {
            stderr = err.toString();
        }
        return parser.parse(snapshot, exit, timedOut, stderr, wall);
    }

    private static Thread reader(java.io.InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null)
                    sink.accept(l);
            } catch (IOException ignored) {
                // process gone: keep what was read
            }
        }, "trial-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}

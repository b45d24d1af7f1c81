package org.sandbench.jvm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.ExternalProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;

/**
 * Starts JMH's forked benchmark JVM through the sandbench launcher, so the JVM that
 * runs the benchmark is inside the model from its first instruction (seccomp and
 * Landlock before ABI 8 apply per thread: a running JVM cannot be sandboxed
 * whole; implementation-notes.md).  Uses the same hook as JMH's perf profiler
 * (addJVMInvokeOptions: a command prefix).  JMH's JSON does not record the prefix,
 * so the harness records the model itself.
 *
 * <p>After the trial it collects the protocol lines the launcher and the fork wrote
 * to the fork's real stdout (JMH keeps them in a file) for the driver to pass on.
 *
 * Options: {@code launcher=PATH;plan=PATH[;cpu=N][;tmpdir=DIR]}.
 */
public final class LauncherProfiler implements ExternalProfiler {
    static final List<String> FORK_LINES = new ArrayList<>();
    static final List<String> FORK_STDERR = new ArrayList<>();

    private final String launcher;
    private final String plan;
    private final String cpu;
    private final String tmpdir;

    public LauncherProfiler(String initLine) {
        String l = null, p = null, c = null, t = null;
        for (String kv : initLine.split(";")) {
            int eq = kv.indexOf('=');
            if (eq < 0)
                continue;
            String k = kv.substring(0, eq).trim(), v = kv.substring(eq + 1).trim();
            switch (k) {
                case "launcher" -> l = v;
                case "plan" -> p = v;
                case "cpu" -> c = v;
                case "tmpdir" -> t = v;
                default -> throw new IllegalArgumentException("unknown LauncherProfiler option " + k);
            }
        }
        if (l == null || p == null)
            throw new IllegalArgumentException("LauncherProfiler needs launcher=PATH;plan=PATH");
        launcher = l;
        plan = p;
        cpu = c;
        tmpdir = t;
    }

    @Override
    public Collection<String> addJVMInvokeOptions(BenchmarkParams params) {
        List<String> cmd = new ArrayList<>();
        // libffi (under JNA) creates its scratch files in $TMPDIR, else /tmp: keep them in the
        // workspace, which the plan grants.  env runs before the launcher, outside the sandbox.
        if (tmpdir != null)
            cmd.addAll(List.of("/usr/bin/env", "TMPDIR=" + tmpdir));
        cmd.addAll(List.of(launcher, "--plan", plan, "--status-fd"));
        if (cpu != null && !cpu.isEmpty())
            cmd.addAll(List.of("--cpu", cpu));
        cmd.add("--");
        return cmd;
    }

    @Override
    public Collection<String> addJVMOptions(BenchmarkParams params) {
        return List.of();
    }

    @Override
    public void beforeTrial(BenchmarkParams benchmarkParams) {
    }

    @Override
    public Collection<? extends Result> afterTrial(BenchmarkResult br, long pid, File stdOut, File stdErr) {
        synchronized (FORK_LINES) {
            FORK_LINES.addAll(read(stdOut, true));
            FORK_STDERR.addAll(read(stdErr, false));
        }
        return List.of();
    }

    private static List<String> read(File f, boolean protocolOnly) {
        if (f == null || !f.exists())
            return List.of();
        try {
            List<String> out = new ArrayList<>();
            for (String l : Files.readAllLines(f.toPath(), StandardCharsets.UTF_8))
                if (!protocolOnly || l.startsWith("SB1 "))
                    out.add(l);
            return out;
        } catch (IOException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }

    @Override
    public boolean allowPrintOut() {
        return false;
    }

    @Override
    public boolean allowPrintErr() {
        return false;
    }

    @Override
    public String getDescription() {
        return "runs the forked benchmark JVM through the sandbench launcher (sb-launch --plan ...)";
    }
}

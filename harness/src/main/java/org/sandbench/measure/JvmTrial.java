package org.sandbench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sandbench.backend.LocalBackend;
import org.sandbench.backend.TrialResult;
import org.sandbench.backend.TrialSpec;
import org.sandbench.harness.Home;
import org.sandbench.harness.SandbenchException;
import org.sandbench.models.Enforcement;
import org.sandbench.models.Mode;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.Bindings;

/**
 * One trial of a JVM workload (workloads/jvm/*.yaml, kind jvm): the JMH driver runs
 * unsandboxed and starts its forked benchmark JVM through the launcher with the model's
 * plan (workloads/jvm: LauncherProfiler), so the measured JVM is inside the model from
 * its first instruction.  The driver prints the same protocol as a C workload, so the
 * result is an ordinary {@link TrialResult}; JMH's JSON is kept beside the CSVs.
 */
public final class JvmTrial {
    public static final String JAR = "workloads/jvm/target/sandbench-jvm.jar";
    public static final String DRIVER = "org.sandbench.jvm.Driver";

    private JvmTrial() {
    }

    /** The program a JVM workload's fork executes: this JDK's java. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static Path jar(Home home) {
        Path j = home.root().resolve(JAR);
        if (!Files.isRegularFile(j))
            throw SandbenchException.missing(j + " is not built: run ./mvnw -q -B -DskipTests package (./sandbench "
                    + "builds it on first use)");
        return j;
    }

    /** The jar inside the workspace: the fork's class path must be a file its Landlock rules grant. */
    public static Path stage(Home home, Path workdir) {
        Path dst = workdir.resolve("jvm/sandbench-jvm.jar");
        try {
            Files.createDirectories(dst.getParent());
            if (!Files.exists(dst))
                Files.copy(jar(home), dst, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dst;
    }

    /**
     * @param benchmark the JMH benchmark class (the manifest's binary)
     * @param json      where JMH writes its raw results
     */
    public static TrialResult run(Home home, LocalBackend backend, TrialSpec spec, String benchmark, Bindings bindings,
                                  Path json) {
        if (spec.mode() != Mode.RETROFIT)
            return new TrialResult(TrialResult.Status.FAILED, "JVM workloads run in retrofit mode only: seccomp without "
                    + "TSYNC and Landlock before ABI 8 confine one thread, so a running JVM cannot sandbox itself whole",
                    List.of(), Enforcement.UNKNOWN, "", Map.of(), 2, "", 0, List.of());
        Path work = spec.workdir();
        Path jar = stage(home, work);
        Path plan = work.resolve(".sandbench").resolve(spec.model().replace('+', '_') + "-jvm.plan");
        try {
            Files.createDirectories(plan.getParent());
            Files.createDirectories(json.getParent());
            Files.writeString(plan, ((LaunchPlan) spec.compiled()).render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var s = spec.settings();
        List<String> cmd = new ArrayList<>(List.of(java().toString(), "-Djava.io.tmpdir=" + work.resolve("tmp"),
                "-Djava.awt.headless=true", "-cp", jar.toString(), DRIVER, "--benchmark", benchmark,
                "--workload", spec.workload(), "--launcher", home.launcher().toString(), "--plan", plan.toString(),
                "--work", work.toString(), "--link-port", bindings.resolve("${port.jmh-link}"),
                "--echo-port", bindings.resolve("${port.echo-port}"), "--json", json.toString(),
                // JMH iterations: as many as the trial's batches, at least 20 ms each (an iteration has fixed
                // costs a C batch does not); JIT warm-up: 5 x 100 ms.
                "--batches", Integer.toString(s.batches()),
                "--batch-ms", Long.toString(Math.max(20, Math.round(s.batchMs()))),
                "--warmup-iterations", "5", "--warmup-ms", "100"));
        if (s.cpu() >= 0)
            cmd.addAll(List.of("--cpu", Integer.toString(s.cpu())));
        long timeout = 120_000 + 3L * s.batches() * Math.max(20, Math.round(s.batchMs()));
        return backend.execute(cmd, work, timeout);
    }
}

package org.sandbench.backend.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sandbench.backend.Backend;
import org.sandbench.backend.SyscallTable;
import org.sandbench.backend.TrialParser;
import org.sandbench.backend.TrialResult;
import org.sandbench.backend.TrialSettings;
import org.sandbench.backend.TrialSpec;
import org.sandbench.harness.Home;
import org.sandbench.models.Availability;
import org.sandbench.models.oci.ContainerPolicy;

/**
 * Runs trials in containers: one fresh container per trial from the FROM-scratch image
 * of native/build, the workload as the container's process (no launcher: the runtime
 * applies the seccomp profile before exec), the trial workspace bind-mounted at its host
 * path so the arguments resolve unchanged.  The workload proves its own state as on the
 * host (its proof line reads /proc/self/status), and the result's "enforced" says which
 * profile the engine was asked for and which security options it recorded.
 *
 * <p>Settling: timings taken in a container's first few hundred milliseconds read slow
 * (prior art, trap 10; here 193-207 ns per getpid in the first 50 ms against 139-165 ns
 * from about 250 ms on, docs/containers.md), so every container trial warms up
 * {@link #settleMs} longer than a host trial.  Baseline and model get the same.
 */
public final class ContainerBackend implements Backend {
    /** Extra warm-up of a container trial, in milliseconds (docs/containers.md, "Settling"). */
    public static final double DEFAULT_SETTLE_MS = 500;

    private final Home home;
    private final TrialParser parser;
    private final ContainerRunner runner = new ContainerRunner();
    private final double settleMs;
    private NativeImage image;

    public ContainerBackend(Home home, SyscallTable syscalls) {
        this(home, syscalls, DEFAULT_SETTLE_MS);
    }

    public ContainerBackend(Home home, SyscallTable syscalls, double settleMs) {
        if (settleMs < 0)
            throw new IllegalArgumentException("settle time must be >= 0 ms");
        this.home = home;
        this.parser = new TrialParser(syscalls);
        this.settleMs = settleMs;
    }

    @Override
    public String id() {
        return "container";
    }

    @Override
    public Availability availability() {
        return DockerEngine.availability();
    }

    public double settleMs() {
        return settleMs;
    }

    /** The image of the current native build, built on first use. */
    public synchronized String image() {
        if (image == null)
            image = NativeImage.of(home.nativeBuild());
        return image.ensure(DockerEngine.client());
    }

    /** Where a host binary is in the container: in the image, or bind-mounted read-only at its own path. */
    public String binaryPath(Path hostBinary, List<ContainerRunner.Mount> mounts) {
        image();
        return image.pathInImage(hostBinary).orElseGet(() -> {
            mounts.add(new ContainerRunner.Mount(hostBinary.toAbsolutePath(), hostBinary.toAbsolutePath().toString(), true));
            return hostBinary.toAbsolutePath().toString();
        });
    }

    @Override
    public TrialResult run(TrialSpec spec) {
        Availability a = availability();
        if (!a.available())
            return parser.parse(List.of(), -1, false, "", 0).withStatus(TrialResult.Status.MISSING_CAPABILITY, a.reason());
        ContainerPolicy policy = (ContainerPolicy) spec.compiled();
        List<ContainerRunner.Mount> mounts = new ArrayList<>();
        mounts.add(new ContainerRunner.Mount(spec.workdir(), spec.workdir().toString(), false));
        List<String> cmd = new ArrayList<>();
        cmd.add(binaryPath(spec.executable(), mounts));
        cmd.addAll(spec.args());
        TrialSettings s = spec.settings();
        cmd.addAll(List.of("--batches", Integer.toString(s.batches()), "--batch-ms", fmt(s.batchMs()),
                "--warmup-ms", fmt(s.warmupMs() + settleMs)));
        ContainerRunner.Invocation inv = new ContainerRunner.Invocation(image(), cmd, policy.securityOpts(), mounts, null,
                null, s.cpu() >= 0 ? Integer.toString(s.cpu()) : null, Map.of(),
                s.timeout().plus(Duration.ofMillis((long) settleMs + 30_000)));
        ContainerRunner.Outcome o = runner.run(inv);
        if (!o.started())
            return parser.parse(List.of(), -1, false, "", o.wallNs()).withStatus(TrialResult.Status.FAILED,
                    "the container did not start (" + policy.describe() + "): " + o.startError());
        TrialResult r = parser.parse(o.stdout(), o.exitCode(), o.timedOut(), o.stderr(), o.wallNs());
        String engine = "container: " + policy.describe() + "; engine security options " + o.security();
        return new TrialResult(r.status(), r.message(), r.batches(), r.enforcement(),
                r.enforced().isEmpty() ? engine : engine + "; " + r.enforced(), r.setupNs(), r.exitCode(), r.stderrTail(),
                r.wallNs(), r.lines());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

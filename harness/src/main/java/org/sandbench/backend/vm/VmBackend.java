package org.sandbench.backend.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.sandbench.backend.Backend;
import org.sandbench.backend.SyscallTable;
import org.sandbench.backend.TrialParser;
import org.sandbench.backend.TrialResult;
import org.sandbench.backend.TrialSettings;
import org.sandbench.backend.TrialSpec;
import org.sandbench.host.ToolProbes;
import org.sandbench.models.Availability;
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.Mode;
import org.sandbench.models.capsicum.CapsicumPlan;
import org.sandbench.models.plan.LaunchPlan;

/**
 * Runs trials inside a guest: vm:linux (the launcher and static binaries in a busybox
 * Linux guest) or vm:freebsd (the workloads built in the guest, Capsicum applied by the
 * workload itself).  One guest serves every trial of a run, so trials interleave with
 * their baseline exactly as on the host; the guest boots on the first trial and again
 * after a trial that lost it.  The trial workspace is mirrored into the guest at the same
 * absolute path, so plans and arguments need no rewriting.
 */
public final class VmBackend implements Backend, AutoCloseable {
    /** Where the Linux guest holds sb-udp-sink (GuestLauncher stages it). */
    static final String UDP_SINK = "/sb/bin/sb-udp-sink";
    private final GuestOs os;
    private final Supplier<GuestLauncher.Booted> boot;
    private final TrialParser parser;
    private GuestLauncher.Booted booted;
    private String bootFailure;
    private final Set<String> mirrored = new HashSet<>();
    private final Set<String> plans = new HashSet<>();
    private final List<Map<String, Object>> boots = new ArrayList<>();

    /** @param boot boots the guest (GuestLauncher.linux or .freebsd with its image and accelerator) */
    public VmBackend(GuestOs os, Supplier<GuestLauncher.Booted> boot, SyscallTable syscalls) {
        this.os = os;
        this.boot = boot;
        this.parser = new TrialParser(syscalls);
    }

    @Override
    public String id() {
        return os.backendId();
    }

    @Override
    public Availability availability() {
        return ToolProbes.qemu();
    }

    /** Every boot of this backend: accelerator, boot time, the guest's kernel and CPU (for env.json). */
    public List<Map<String, Object>> boots() {
        return List.copyOf(boots);
    }

    private static TrialResult failed(TrialParser parser, String message) {
        return parser.parse(List.of(), -1, false, "", 0).withStatus(TrialResult.Status.FAILED, message);
    }

    /** Boots now (or returns the guest already running); throws GuestException with the stage that failed. */
    public GuestLauncher.Booted guest() {
        if (booted != null && booted.agent().session().alive())
            return booted;
        if (bootFailure != null)
            throw new GuestException(bootFailure);
        if (booted != null)
            booted.agent().session().close();
        booted = null;
        mirrored.clear();
        plans.clear();
        try {
            booted = boot.get();
        } catch (GuestException e) {
            bootFailure = e.getMessage();
            throw e;
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("accel", booted.accel().id());
        b.put("boot_seconds", Math.round(booted.bootSeconds() * 10) / 10.0);
        b.put("ready", booted.agent().readyFacts());
        b.putAll(booted.facts());
        boots.add(b);
        return booted;
    }

    @Override
    public TrialResult run(TrialSpec spec) {
        if (!os.services().containsAll(spec.services().keySet()))
            return failed(parser, "workload " + spec.workload() + " needs harness services " + spec.services().keySet()
                    + " that are not provided inside " + id() + " guests yet (they provide " + os.services() + ")");
        GuestLauncher.Booted g;
        try {
            g = guest();
        } catch (GuestException e) {
            return failed(parser, "no " + id() + " guest: " + e.getMessage());
        }
        GuestAgent agent = g.agent();
        TrialSettings s = spec.settings();
        int guestTimeout = (int) Math.max(10, s.timeout().toSeconds());
        long hostTimeout = guestTimeout * 1000L + 60_000;
        List<String> argv;
        try {
            mirror(agent, spec.workdir());
            String plan = planPath(agent, spec.compiled());
            argv = command(spec, plan);
        } catch (GuestException | IllegalArgumentException e) {
            return failed(parser, "could not prepare the trial in the guest: " + e.getMessage());
        }
        GuestAgent.Exec exec;
        try {
            exec = agent.run(argv, spec.workdir().toString(), guestTimeout, hostTimeout);
        } catch (GuestException e) {
            // The guest stopped answering: kill it; the next trial boots a fresh one.
            agent.session().close();
            return parser.parse(List.of(), -1, true, e.getMessage(), hostTimeout * 1_000_000L)
                    .withStatus(TrialResult.Status.TIMEOUT, "the guest did not answer within " + hostTimeout / 1000
                            + " s and was killed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        SerialProtocol.Frame f = exec.frame();
        if (!f.intact())
            return failed(parser, "the trial's output did not arrive intact over the serial console: " + f.problem());
        // timeout(1) kills with SIGKILL at the guest deadline: busybox reports 137, FreeBSD's timeout 124.
        boolean timedOut = (f.rc() == 124 || f.rc() == 137) && exec.wallNs() >= guestTimeout * 1_000_000_000L;
        return parser.parse(f.out(), f.rc(), timedOut, String.join("\n", f.err()), exec.wallNs());
    }

    /** The guest command of a trial, with the guest's paths for the launcher and the workload. */
    List<String> command(TrialSpec spec, String planPath) {
        TrialSettings s = spec.settings();
        List<String> tail = List.of("--batches", Integer.toString(s.batches()), "--batch-ms", fmt(s.batchMs()),
                "--warmup-ms", fmt(s.warmupMs()));
        String exe = spec.executable().getFileName().toString();
        List<String> cmd = new ArrayList<>();
        // The udp-sink service, in the guest: the same port number on the guest's own loopback, bound before the
        // trial's command replaces the holder (the host's port means nothing there, but the workload's argument names it).
        if (spec.services().containsKey("udp-sink") && os == GuestOs.LINUX)
            cmd.addAll(List.of(UDP_SINK, Integer.toString(spec.services().get("udp-sink")), "--"));
        if (os == GuestOs.LINUX) {
            cmd.addAll(List.of("/sb/bin/sb-launch", "--plan", spec.mode() == Mode.SELF ? "/sb/plans/empty.plan" : planPath,
                    "--status-fd", "--", spec.executable().toAbsolutePath().toString()));
            cmd.addAll(spec.args());
            cmd.addAll(tail);
            if (spec.mode() == Mode.SELF)
                cmd.addAll(List.of("--self-plan", planPath));
        } else {
            // Capsicum is self-sandboxing only: the workload applies its plan itself (sb_self_prepare/sandbox).
            cmd.add("/sb/build/workloads/" + exe);
            cmd.addAll(spec.args());
            cmd.addAll(tail);
            cmd.addAll(List.of("--self-plan", planPath));
        }
        return cmd;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private String planPath(GuestAgent agent, CompiledPolicy compiled) {
        String text;
        if (compiled instanceof LaunchPlan lp && os == GuestOs.LINUX)
            text = lp.render();
        else if (compiled instanceof CapsicumPlan cp && os == GuestOs.FREEBSD)
            text = cp.render();
        else
            throw new IllegalArgumentException("a " + compiled.getClass().getSimpleName() + " cannot be applied in a "
                    + os.id() + " guest");
        if (os == GuestOs.LINUX && plans.add("empty"))
            agent.put("/sb/plans/empty.plan", LaunchPlan.empty("self mode: the workload applies its own plan").render(), 30_000);
        String path = "/sb/plans/" + SerialProtocol.sha256(text).substring(0, 16) + ".plan";
        if (plans.add(path))
            agent.put(path, text, 60_000);
        return path;
    }

    /** Recreates the host workspace (directories and small text fixtures) at the same path in the guest. */
    private void mirror(GuestAgent agent, Path workdir) {
        String key = workdir.toString();
        if (mirrored.contains(key))
            return;
        if (!mirrored.isEmpty())
            agent.rmtree(List.copyOf(mirrored), 30_000);
        mirrored.clear();
        List<String> dirs = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> st = Files.walk(workdir)) {
            for (Path p : st.sorted().toList()) {
                if (workdir.relativize(p).toString().startsWith(".sandbench"))
                    continue;
                if (Files.isDirectory(p))
                    dirs.add(p.toString());
                else if (Files.isRegularFile(p) && Files.size(p) <= 65536)
                    files.put(p.toString(), Files.readString(p));
                else
                    throw new GuestException("workspace file " + p + " is not a small text file; it cannot be mirrored");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One mkdir per batch of paths that fits a console line.
        List<String> batch = new ArrayList<>();
        int len = 0;
        for (String d : dirs) {
            if (len + d.length() > 700) {
                agent.mkdirs(batch, 30_000);
                batch = new ArrayList<>();
                len = 0;
            }
            batch.add(d);
            len += d.length() + 1;
        }
        if (!batch.isEmpty())
            agent.mkdirs(batch, 30_000);
        for (var e : files.entrySet())
            agent.put(e.getKey(), e.getValue(), 30_000);
        mirrored.add(key);
    }

    @Override
    public void close() {
        if (booted != null) {
            booted.agent().quit(15_000);
            booted = null;
        }
    }
}

package org.sandbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sandbench.backend.vm.AccelChooser;
import org.sandbench.backend.vm.FreeBsdImages;
import org.sandbench.backend.vm.GuestLauncher;
import org.sandbench.backend.vm.GuestOs;
import org.sandbench.backend.vm.LinuxGuestBuilder;
import org.sandbench.backend.vm.VmBackend;
import org.sandbench.backend.vm.VmStore;
import org.sandbench.harness.OverheadRun;
import org.sandbench.harness.Progress;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.ToolProbes;
import org.sandbench.models.Availability;
import org.sandbench.models.Mode;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.capsicum.CapsicumModel;
import org.sandbench.results.Environment;
import org.sandbench.results.OverheadRow;
import org.sandbench.workloads.Manifest;
import org.sandbench.workloads.WorkloadInstance;
import picocli.CommandLine.Option;

/**
 * Where `run` sends each model (docs/vm.md): the Linux models to --backend (the local
 * host, or a Linux guest under QEMU), the FreeBSD models (capsicum) to a FreeBSD guest,
 * each group with its own baseline measured on the same backend.  A group whose guest
 * cannot run gives rows with status "na" and the reason, never numbers from elsewhere.
 */
final class RunBackends {
    private RunBackends() {
    }

    /** The run command's backend options (a picocli mixin). */
    static final class Options {
        @Option(names = "--backend", defaultValue = "local", paramLabel = "local|vm:linux",
                description = "Where the Linux models run: this host (default) or a Linux guest under QEMU "
                        + "(./sandbench vm build-linux). capsicum always runs in a FreeBSD guest.")
        String backend;

        @Option(names = "--kernel", paramLabel = "PATH|NAME",
                description = "vm:linux: the guest kernel, any x86-64 bzImage or a built guest's name (default: Debian's).")
        String kernel;

        @Option(names = "--image", paramLabel = "PATH",
                description = "capsicum: the FreeBSD image (default: SANDBENCH_FREEBSD_IMAGE, else the one vm fetch got).")
        String image;

        @Option(names = "--accel", defaultValue = "auto", paramLabel = "auto|kvm|tcg",
                description = "Guests: KVM if a timed boot test showed it works (auto), or forced.")
        String accel;

        /** Bad backend options are usage errors before anything runs or is written. */
        void check() {
            if (!backend.equals("local") && !backend.equals("vm:linux"))
                throw SandbenchException.usage("unknown --backend '" + backend + "' (known: local, vm:linux; capsicum "
                        + "goes to a FreeBSD guest by itself)");
            if (kernel != null && !backend.equals("vm:linux"))
                throw SandbenchException.usage("--kernel chooses the kernel of a Linux guest: add --backend vm:linux");
        }
    }

    /**
     * The container models of a run (docs/containers.md): they run on this host's Docker engine beside the
     * local trials, against their own baseline container; those Docker cannot run here get NA rows.
     */
    record Containers(boolean rows, double settleMs, List<SandboxModel> na, Map<String, String> naReasons,
                      Map<String, Object> engine) {
        static Containers none() {
            return new Containers(false, 0, List.of(), Map.of(), null);
        }
    }

    /** The rows of every group; missing: why a requested group could not run at all (exit code 3). */
    record Outcome(OverheadRun.Outcome overhead, List<String> missing) {
    }

    /** @param interruption sees each group's run, so that Ctrl-C can keep what finished (RunCommand) */
    static Outcome run(Session session, OverheadRun.Config config, Options o, Environment env, Progress progress,
                       Containers containers, RunInterruption interruption) {
        o.check();
        if (!o.backend.equals("local") && (containers.rows() || !containers.na().isEmpty()))
            throw SandbenchException.usage("container models run on this host's Docker engine, not in a guest: drop "
                    + "--backend " + o.backend + " or the container models");
        List<SandboxModel> linux = config.models().stream().filter(m -> m.platform() != SandboxModel.Platform.FREEBSD_GUEST).toList();
        List<SandboxModel> freebsd = config.models().stream().filter(m -> m.platform() == SandboxModel.Platform.FREEBSD_GUEST).toList();
        List<OverheadRow> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>(), missing = new ArrayList<>();
        Map<String, Map<String, Object>> measured = new java.util.TreeMap<>();
        Map<String, Object> backends = new LinkedHashMap<>();
        VmStore store = VmStore.locate();
        boolean wrote = false;
        try {
            java.nio.file.Files.createDirectories(config.out());
        } catch (java.io.IOException e) {
            throw SandbenchException.usage("cannot create the result folder " + config.out() + ": " + e.getMessage());
        }

        if (!linux.isEmpty() || freebsd.isEmpty()) {
            OverheadRun.Config c = withModels(config, config.baseline(), linux, config.mode());
            if (o.backend.equals("local")) {
                OverheadRun run = interruption.track(new OverheadRun(session.home(), session.localBackend(), progress));
                if (containers.rows())
                    run.withPlatform(SandboxModel.Platform.CONTAINER, session.containerBackend(containers.settleMs()),
                            org.sandbench.models.oci.ContainerModel.NONE);
                OverheadRun.Outcome out = run.run(c);
                interruption.groupDone(out.rows());
                rows.addAll(out.rows());
                failures.addAll(out.failures());
                measured.putAll(out.measured());
                for (WorkloadInstance w : c.workloads())
                    for (SandboxModel na : containers.na())
                        rows.add(RunCommand.naRow(na, c.mode(), w, containers.naReasons().get(na.id())));
                backends.put("local", Map.of("id", "local"));
                if (containers.engine() != null)
                    backends.put("container", containers.engine());
            } else {
                Availability q = ToolProbes.qemu();
                if (!q.available()) {
                    rows.addAll(naRows("vm:linux", c, q.reason()));
                    missing.add("vm:linux: " + q.reason());
                } else {
                    c = guestWorkloads(c, GuestOs.LINUX, rows);
                    var guest = LinuxGuestBuilder.ensure(store, o.kernel);
                    AccelChooser.Decision accel = AccelChooser.choose(o.accel, store, session.home());
                    try (VmBackend vm = new VmBackend(GuestOs.LINUX, () -> GuestLauncher.linux(session.home(), guest,
                            accel.accel(), GuestLauncher.Timeouts.defaults(accel.accel())), session.syscalls())) {
                        OverheadRun.Outcome out = interruption.track(new OverheadRun(session.home(), vm, progress)).run(c);
                        interruption.groupDone(out.rows());
                        rows.addAll(out.rows());
                        failures.addAll(out.failures());
                        measured.putAll(out.measured());
                        backends.put("vm:linux", vmInfo(accel, vm, Map.of("guest", guest.name(), "guest_meta", guest.meta())));
                    }
                }
            }
            wrote = true;
        }

        if (!freebsd.isEmpty()) {
            OverheadRun.Config c = withModels(config, CapsicumModel.BASELINE, freebsd, Mode.SELF);
            if (config.mode() != Mode.SELF)
                System.err.println("sandbench run: capsicum runs in self mode: the workload acquires its descriptors "
                        + "and enters capability mode itself (cap_enter(2)); there is no retrofit Capsicum");
            Availability q = ToolProbes.qemu();
            Availability img = FreeBsdImages.availability(o.image, store);
            String why = !q.available() ? "no QEMU: " + q.reason() : !img.available() ? img.reason() : null;
            if (why != null) {
                rows.addAll(naRows("vm:freebsd", c, why));
                missing.add(String.join(",", freebsd.stream().map(SandboxModel::id).toList()) + ": " + why);
                backends.put("vm:freebsd", Map.of("id", "vm:freebsd", "available", false, "reason", why));
            } else {
                c = guestWorkloads(c, GuestOs.FREEBSD, rows);
                Path image = Path.of(img.reason());
                AccelChooser.Decision accel = AccelChooser.choose(o.accel, store, session.home());
                List<String> ids = config.workloads().stream().map(WorkloadInstance::id).distinct().toList();
                try (VmBackend vm = new VmBackend(GuestOs.FREEBSD, () -> GuestLauncher.freebsd(session.home(), image,
                        accel.accel(), GuestLauncher.Timeouts.defaults(accel.accel()), ids), session.syscalls())) {
                    OverheadRun.Outcome out = interruption.track(new OverheadRun(session.home(), vm, progress)).run(c, wrote);
                    interruption.groupDone(out.rows());
                    rows.addAll(out.rows());
                    failures.addAll(out.failures());
                    measured.putAll(out.measured());
                    backends.put("vm:freebsd", vmInfo(accel, vm, Map.of("image", image.toString())));
                }
            }
        }
        env.put("backend", backends);
        return new Outcome(new OverheadRun.Outcome(rows, failures, measured), missing);
    }

    private static Map<String, Object> vmInfo(AccelChooser.Decision accel, VmBackend vm, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", vm.id());
        m.put("accel", accel.accel().id());
        m.put("accel_reason", accel.reason());
        m.putAll(extra);
        m.put("boots", vm.boots());
        return m;
    }

    private static OverheadRun.Config withModels(OverheadRun.Config c, SandboxModel baseline, List<SandboxModel> models, Mode mode) {
        return new OverheadRun.Config(baseline, models, c.workloads(), mode, c.rounds(), c.settings(), c.seccomp(),
                c.landlock(), c.out());
    }

    /**
     * Workloads that need a harness service the guest does not provide itself ({@link GuestOs#services()}) cannot run
     * there yet: their rows say na and why, and the config keeps the others.
     */
    private static OverheadRun.Config guestWorkloads(OverheadRun.Config c, GuestOs os, List<OverheadRow> rows) {
        List<WorkloadInstance> keep = new ArrayList<>(), drop = new ArrayList<>();
        for (WorkloadInstance w : c.workloads())
            (os.services().containsAll(w.manifest().services()) ? keep : drop).add(w);
        if (!drop.isEmpty()) {
            OverheadRun.Config na = new OverheadRun.Config(c.baseline(), allModels(c), drop, c.mode(), c.rounds(), c.settings(),
                    c.seccomp(), c.landlock(), c.out());
            rows.addAll(naRows(os.backendId(), na, "needs harness services (" + String.join(", ", drop.get(0).manifest().services())
                    + ") that are not provided inside " + os.backendId() + " guests yet"));
        }
        return new OverheadRun.Config(c.baseline(), c.models(), keep, c.mode(), c.rounds(), c.settings(), c.seccomp(),
                c.landlock(), c.out());
    }

    private static List<SandboxModel> allModels(OverheadRun.Config c) {
        List<SandboxModel> l = new ArrayList<>();
        l.add(c.baseline());
        l.addAll(c.models());
        return l;
    }

    /** One "na" row per model and workload instance, with the reason in note: no number, nothing pretended. */
    static List<OverheadRow> naRows(String backend, OverheadRun.Config c, String reason) {
        List<OverheadRow> rows = new ArrayList<>();
        for (WorkloadInstance w : c.workloads())
            for (SandboxModel m : c.models())
                rows.add(new OverheadRow(backend, m.id(), c.mode().id(), w.id(), w.paramString(), Double.NaN, Double.NaN,
                        Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, "na", "",
                        "", reason));
        return rows;
    }

}

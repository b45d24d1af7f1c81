package org.sandbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.sandbench.backend.container.LibseccompResolver;
import org.sandbench.harness.Home;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.Commands;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.models.Mode;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.oci.ContainerModel;
import org.sandbench.models.oci.ContainerPolicy;
import org.sandbench.models.oci.OciExporter;
import org.sandbench.models.oci.OciImporter;
import org.sandbench.models.oci.OciProfile;
import org.sandbench.models.oci.ProfileTarget;
import org.sandbench.models.oci.SyscallResolver;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.seccomp.BpfProgram;
import org.sandbench.models.seccomp.BpfSimulator;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.models.seccomp.SeccompFilter;

/** `policy show` and `policy export` for OCI profiles (docs/containers.md). */
final class ContainerProfiles {
    private ContainerProfiles() {
    }

    /** A profile resolved for this host, and the BPF program this libseccomp builds from it. */
    record Analysis(OciImporter.Imported imported, SyscallResolver resolver, BpfProgram bpf) {
    }

    static Analysis analyse(Home home, String label, String text, String kernelRelease) {
        OciProfile p;
        OciImporter.Imported imp;
        try {
            p = OciProfile.parse(label, text);
            TreeSet<String> names = new TreeSet<>();
            p.syscalls().forEach(e -> names.addAll(e.allNames()));
            SyscallResolver r = LibseccompResolver.load(home, names);
            imp = OciImporter.importProfile(label, p, ProfileTarget.dockerDefault(kernelRelease), r);
            return new Analysis(imp, r, bpf(home, imp.filter()));
        } catch (PolicyException e) {
            throw SandbenchException.usage(e.getMessage());
        }
    }

    /** The exact program libseccomp builds (sb-launch --export-bpf), unknown names skipped as runc skips them. */
    static BpfProgram bpf(Home home, SeccompFilter f) {
        try {
            Path dir = Files.createTempDirectory("sandbench-oci");
            try {
                Path plan = dir.resolve("imported.plan");
                Files.writeString(plan, new LaunchPlan("imported profile", false, Optional.empty(), List.of(f)).render());
                Commands.Result r = Commands.run(List.of(home.launcher().toString(), "--plan", plan.toString(),
                        "--export-bpf", dir.resolve("f").toString()), 30_000);
                if (!r.ok())
                    throw SandbenchException.failed("sb-launch --export-bpf of the imported profile failed: " + r.err().trim());
                return BpfProgram.parse(Files.readAllBytes(dir.resolve("f-0.bpf")));
            } finally {
                try (var s = Files.walk(dir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void show(Home home, String label, String text, String kernelRelease, PrintStream out) {
        Analysis a = analyse(home, label, text, kernelRelease);
        out.print(a.imported().report().render());
        int cacheable = 0, known = 0;
        for (String n : a.resolver().nativeNames()) {
            int nr = a.resolver().resolve(n).x86_64();
            BpfSimulator.Result r = BpfSimulator.run(a.bpf(), nr, BpfSimulator.AUDIT_ARCH_X86_64, 0);
            known++;
            if (!r.readArgs() && r.action().equals(SeccompAction.ALLOW))
                cacheable++;
        }
        out.printf(Locale.ROOT, "libseccomp builds %d BPF instructions from it; %d of %d x86-64 calls are allowed without "
                + "reading an argument (the kernel's action cache, Linux 5.11+, skips BPF for them)%n", a.bpf().length(),
                cacheable, known);
        for (String probe : List.of("getpid", "openat", "socket", "clone", "mount")) {
            SyscallResolver.Resolution res = a.resolver().resolve(probe);
            if (res.x86_64() < 0)
                continue;
            BpfSimulator.Result r = BpfSimulator.run(a.bpf(), res.x86_64(), BpfSimulator.AUDIT_ARCH_X86_64, 0);
            out.printf(Locale.ROOT, "  %-8s -> %s after %d BPF instructions%s%n", probe, r.action(), r.executed(),
                    r.readArgs() ? " (reads arguments: not cacheable)" : "");
        }
    }

    /** The profile `policy export` writes for the command's workload and model. */
    static String export(Session s, PolicyCommand.Common c) {
        SandboxModel model = s.model(c.model());
        if (model instanceof ContainerModel cm) {
            Optional<String> profile = cm.analysisProfile();
            if (profile.isPresent()) {
                try {
                    return OciProfile.parse(c.model(), profile.get()).toJson();
                } catch (PolicyException e) {
                    throw SandbenchException.usage(e.getMessage());
                }
            }
            ContainerPolicy p = (ContainerPolicy) c.compile(s);
            if (p.profileJson() == null)
                throw SandbenchException.usage("model " + model.id() + " loads no profile of its own: nothing to export");
            return p.profileJson();
        }
        if (!(model instanceof LinuxLaunchModel lm) || !lm.usesSeccomp())
            throw SandbenchException.usage("model " + model.id() + " has no seccomp filter, and an OCI profile carries seccomp "
                    + "only (models with one: seccomp, seccomp+landlock, docker-seccomp, docker-default, oci:FILE)");
        if (c.workload == null)
            throw SandbenchException.usage("policy export needs a WORKLOAD (./sandbench policy export getpid --model seccomp)");
        if (Mode.parse(c.mode) != Mode.RETROFIT)
            throw SandbenchException.usage("an OCI runtime loads the profile before exec (retrofit): drop --mode " + c.mode);
        if (lm.usesLandlock())
            System.err.println("sandbench: note: an OCI profile carries the seccomp filter only; the Landlock rules of model "
                    + model.id() + " have no OCI form");
        try {
            SeccompAction def = c.seccompDefault == null ? null : SeccompAction.parse(c.seccompDefault);
            SeccompFilter f = ContainerModel.exportedFilter(s.catalog().get(c.workload).policy(),
                    new SeccompCompiler.Options(def, 1, false));
            return OciExporter.export(f).toJson();
        } catch (PolicyException | IllegalArgumentException e) {
            throw SandbenchException.usage("cannot export the policy of " + c.workload + ": " + e.getMessage());
        }
    }
}

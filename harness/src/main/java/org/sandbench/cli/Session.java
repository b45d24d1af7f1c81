package org.sandbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sandbench.backend.LocalBackend;
import org.sandbench.backend.SyscallTable;
import org.sandbench.backend.container.ContainerBackend;
import org.sandbench.backend.container.DockerEngine;
import org.sandbench.harness.Home;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.HostProbe;
import org.sandbench.host.ToolProbes;
import org.sandbench.models.Availability;
import org.sandbench.models.HostFacts;
import org.sandbench.models.ModelRegistry;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.oci.ContainerModel;
import org.sandbench.workloads.WorkloadCatalog;

/** What every command needs, created on first use. */
final class Session {
    private Home home;
    private WorkloadCatalog catalog;
    private JsonNode kernel;
    private HostFacts facts;
    private SyscallTable syscalls;
    private ModelRegistry models;

    Home home() {
        if (home == null)
            home = Home.locate();
        return home;
    }

    WorkloadCatalog catalog() {
        if (catalog == null)
            catalog = WorkloadCatalog.load(home().workloads());
        return catalog;
    }

    HostProbe probe() {
        return new HostProbe(home())
                .with("docker", DockerEngine::availability)
                .with("qemu", ToolProbes::qemu)
                .with("kvm", ToolProbes::kvm)
                .with("freebsd-image", ToolProbes::freebsdImage)
                .with("chromium", ToolProbes::chromium);
    }

    JsonNode kernel() {
        if (kernel == null)
            kernel = new HostProbe(home()).kernel();
        return kernel;
    }

    /** Kernel facts only (fast); feature probes of other backends are the doctor's business. */
    HostFacts facts() {
        if (facts == null)
            facts = new HostProbe(home()).with("qemu", ToolProbes::qemu)
                    .with("freebsd-image", ToolProbes::freebsdImage).facts(kernel());
        return facts;
    }

    private HostFacts containerFacts;

    /** Kernel facts and whether the Docker engine answers: probed only when a container model is involved. */
    HostFacts containerFacts() {
        if (containerFacts == null)
            containerFacts = new HostProbe(home()).with("docker", DockerEngine::availability).facts(kernel());
        return containerFacts;
    }

    /** Whether this host can run a model, probing Docker only for container models. */
    Availability availability(SandboxModel m) {
        return m.availability(m.platform() == SandboxModel.Platform.CONTAINER ? containerFacts() : facts());
    }

    SyscallTable syscalls() {
        if (syscalls == null)
            syscalls = SyscallTable.load(home().launcher());
        return syscalls;
    }

    ModelRegistry models() {
        if (models == null) {
            ModelRegistry r = ModelRegistry.linuxHost().plus(org.sandbench.models.capsicum.CapsicumModel.CAPSICUM);
            for (ContainerModel m : ContainerModel.registered())
                r = r.plus(m);
            models = r;
        }
        return models;
    }

    /** A model by id: a registered one, or oci:FILE (any profile file). Unknown is a usage error. */
    SandboxModel model(String id) {
        try {
            if (ContainerModel.isProfileId(id)) {
                ContainerModel m = ContainerModel.profile(id);
                Path f = m.profileFile().orElseThrow();
                if (!Files.isReadable(f))
                    throw SandbenchException.usage("model " + id + ": " + f + " is not a readable file (oci:FILE names an "
                            + "OCI seccomp profile, e.g. one written by ./sandbench policy export)");
                return m;
            }
            return models().get(id);
        } catch (IllegalArgumentException e) {
            throw SandbenchException.usage(e.getMessage() + " (or oci:FILE for an OCI seccomp profile)");
        }
    }

    ContainerBackend containerBackend(double settleMs) {
        return new ContainerBackend(home(), syscalls(), settleMs);
    }

    LocalBackend localBackend() {
        return new LocalBackend(home(), syscalls());
    }

    /**
     * Resolves model ids; unknown is a usage error, unavailable a missing capability, except
     * for container models, which are returned anyway: their rows are NA with the reason.
     */
    List<SandboxModel> resolveModels(List<String> ids) {
        List<SandboxModel> out = new java.util.ArrayList<>();
        for (String id : ids) {
            SandboxModel m = model(id.trim());
            Availability a = availability(m);
            // A model that needs a guest or an engine this host cannot run yet still gets rows, saying NA and why.
            if (!a.available() && m.platform() != SandboxModel.Platform.FREEBSD_GUEST
                    && m.platform() != SandboxModel.Platform.CONTAINER)
                throw SandbenchException.missing("model " + m.id() + " is unavailable on this host: " + a.reason());
            out.add(m);
        }
        return out;
    }

    /** Every model this host can run, in registry order. */
    List<SandboxModel> availableModels() {
        return models().all().stream().filter(m -> availability(m).available()).toList();
    }
}

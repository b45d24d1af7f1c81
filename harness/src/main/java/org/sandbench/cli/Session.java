package org.sandbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.sandbench.backend.LocalBackend;
import org.sandbench.backend.SyscallTable;
import org.sandbench.harness.Home;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.HostProbe;
import org.sandbench.host.ToolProbes;
import org.sandbench.models.Availability;
import org.sandbench.models.HostFacts;
import org.sandbench.models.ModelRegistry;
import org.sandbench.models.SandboxModel;
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
                .with("docker", ToolProbes::docker)
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

    SyscallTable syscalls() {
        if (syscalls == null)
            syscalls = SyscallTable.load(home().launcher());
        return syscalls;
    }

    ModelRegistry models() {
        if (models == null)
            models = ModelRegistry.linuxHost().plus(org.sandbench.models.capsicum.CapsicumModel.CAPSICUM);
        return models;
    }

    LocalBackend localBackend() {
        return new LocalBackend(home(), syscalls());
    }

    /** Resolves model ids; unknown is a usage error, unavailable a missing capability. */
    List<SandboxModel> resolveModels(List<String> ids) {
        List<SandboxModel> out = new java.util.ArrayList<>();
        for (String id : ids) {
            SandboxModel m;
            try {
                m = models().get(id.trim());
            } catch (IllegalArgumentException e) {
                throw SandbenchException.usage(e.getMessage());
            }
            Availability a = m.availability(facts());
            // A model that needs a guest this host cannot run yet still gets rows, saying NA and why (RunBackends).
            if (!a.available() && m.platform() != SandboxModel.Platform.FREEBSD_GUEST)
                throw SandbenchException.missing("model " + m.id() + " is unavailable on this host: " + a.reason());
            out.add(m);
        }
        return out;
    }

    /** Every model this host can run, in registry order. */
    List<SandboxModel> availableModels() {
        return models().all().stream().filter(m -> m.availability(facts()).available()).toList();
    }
}

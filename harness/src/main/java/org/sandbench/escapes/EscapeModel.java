package org.sandbench.escapes;

import java.util.List;
import org.sandbench.models.Availability;
import org.sandbench.models.HostFacts;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.models.SandboxModel;

/**
 * A column of the escape matrix: a sandbox mechanism and the reference policy it enforces.
 * The SPEC's models keep their ids and enforce models/reference/typical.yaml (S1 + LL-n);
 * "seccomp-naive" is the seccomp mechanism enforcing models/reference/naive-denylist.yaml (S0).
 * It is a reference policy for the bypass classics, not a sandbox model of the SPEC, so it is
 * defined here and not in the ModelRegistry (docs/escapes.md, "The naive reference policy").
 */
public record EscapeModel(String id, SandboxModel mechanism, PolicyChoice policy, String summary) {

    public enum PolicyChoice { REFERENCE, NAIVE }

    public static final EscapeModel NONE = new EscapeModel("none", LinuxLaunchModel.NONE, PolicyChoice.REFERENCE,
            "no sandbox: the baseline");
    public static final EscapeModel SECCOMP = new EscapeModel("seccomp", LinuxLaunchModel.SECCOMP, PolicyChoice.REFERENCE,
            "seccomp-bpf, reference allowlist S1 (kill-process, arch checked)");
    public static final EscapeModel LANDLOCK = new EscapeModel("landlock", LinuxLaunchModel.LANDLOCK, PolicyChoice.REFERENCE,
            "Landlock, reference ruleset LL-n at the kernel's ABI");
    public static final EscapeModel SECCOMP_LANDLOCK = new EscapeModel("seccomp+landlock", LinuxLaunchModel.SECCOMP_LANDLOCK,
            PolicyChoice.REFERENCE, "S1 and LL-n together");
    public static final EscapeModel SECCOMP_NAIVE = new EscapeModel("seccomp-naive", LinuxLaunchModel.SECCOMP, PolicyChoice.NAIVE,
            "seccomp-bpf, naive denylist S0 (open* denied, no arch check)");

    public static List<EscapeModel> all() {
        return List.of(NONE, SECCOMP, LANDLOCK, SECCOMP_LANDLOCK, SECCOMP_NAIVE);
    }

    public static EscapeModel byId(String id) {
        for (EscapeModel m : all())
            if (m.id.equals(id))
                return m;
        throw new IllegalArgumentException("unknown model '" + id + "' for the escape matrix (known: none, seccomp, landlock, "
                + "seccomp+landlock, seccomp-naive)");
    }

    public Availability availability(HostFacts host) {
        return mechanism.availability(host);
    }

    public boolean isBaseline() {
        return this == NONE;
    }
}

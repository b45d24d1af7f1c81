package org.sandbench.escapes;

import java.util.List;
import java.util.Optional;
import org.sandbench.models.Availability;
import org.sandbench.models.HostFacts;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.models.Mode;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.oci.ContainerModel;

/**
 * A column of the escape matrix: a sandbox mechanism and the reference policy it enforces.
 * The SPEC's models keep their ids and enforce models/reference/typical.yaml (S1 + LL-n);
 * "seccomp-naive" is the seccomp mechanism enforcing models/reference/naive-denylist.yaml (S0).
 * It is a reference policy for the bypass classics, not a sandbox model of the SPEC, so it is
 * defined here and not in the ModelRegistry (docs/escapes.md, "The naive reference policy").
 *
 * <p>The container columns run the attempt in a Docker container (docs/escapes.md, "Attempts in
 * containers"): {@code container-none} is the same image and user with seccomp=unconfined, the
 * column that shows what the container's namespaces, capabilities and root filesystem stop by
 * themselves; {@code docker-default} is the engine's built-in profile; {@code docker-seccomp} is
 * S1 exported as an OCI profile; {@code oci:FILE} any profile file.
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

    public static final EscapeModel CONTAINER_NONE = new EscapeModel("container-none", ContainerModel.NONE,
            PolicyChoice.REFERENCE, "a Docker container without a seccomp filter (seccomp=unconfined): what the "
            + "container's own namespaces, capabilities and root filesystem stop");
    public static final EscapeModel DOCKER_DEFAULT = new EscapeModel("docker-default", ContainerModel.DOCKER_DEFAULT,
            PolicyChoice.REFERENCE, "Docker's built-in default seccomp profile, as docker run applies it");
    public static final EscapeModel DOCKER_SECCOMP = new EscapeModel("docker-seccomp", ContainerModel.DOCKER_SECCOMP,
            PolicyChoice.REFERENCE, "S1 exported as an OCI profile, applied by Docker with no-new-privileges");

    /** The default columns: the host's mechanisms. */
    public static List<EscapeModel> all() {
        return List.of(NONE, SECCOMP, LANDLOCK, SECCOMP_LANDLOCK, SECCOMP_NAIVE);
    }

    /** The container columns, their baseline first. */
    public static List<EscapeModel> containers() {
        return List.of(CONTAINER_NONE, DOCKER_DEFAULT, DOCKER_SECCOMP);
    }

    public static EscapeModel byId(String id) {
        for (List<EscapeModel> l : List.of(all(), containers()))
            for (EscapeModel m : l)
                if (m.id.equals(id))
                    return m;
        if (ContainerModel.isProfileId(id)) {
            ContainerModel c = ContainerModel.profile(id);
            return new EscapeModel(id, c, PolicyChoice.REFERENCE, c.summary());
        }
        throw new IllegalArgumentException("unknown model '" + id + "' for the escape matrix (known: none, seccomp, landlock, "
                + "seccomp+landlock, seccomp-naive, container-none, docker-default, docker-seccomp, oci:FILE)");
    }

    public Availability availability(HostFacts host) {
        return mechanism.availability(host);
    }

    public boolean isBaseline() {
        return this.equals(NONE);
    }

    /** Runs the attempt in a container (a runtime applies the sandbox), not under sb-launch. */
    public boolean isContainer() {
        return mechanism.platform() == SandboxModel.Platform.CONTAINER;
    }

    /**
     * Why the attempt cannot run under this column at all (NA_PLATFORM), before anything runs:
     * a container runtime applies its filter before exec (retrofit only), and what the jail hands
     * an attempt through fork and exec (the controlling terminal, an inherited descriptor) does
     * not cross {@code docker run}.  Empty when it can run.
     */
    public Optional<String> notApplicable(Attempt a, Mode mode) {
        if (!isContainer())
            return Optional.empty();
        if (mode == Mode.SELF)
            return Optional.of("a container runtime applies its seccomp profile before exec: containers run in retrofit "
                    + "mode only");
        if (a.requires().contains("pty"))
            return Optional.of("the attempt needs the arena's terminal as its controlling terminal, which cannot cross "
                    + "docker run (a container's process gets no terminal of the host; -t would allocate a new one)");
        if (a.requires().contains("leak"))
            return Optional.of("the attempt needs a descriptor inherited from the jail, which cannot cross docker run "
                    + "(the runtime starts the container's process with stdio only)");
        return Optional.empty();
    }
}

package org.sandbench.models.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sandbench.models.Availability;
import org.sandbench.models.CompileContext;
import org.sandbench.models.Enforcement;
import org.sandbench.models.HostFacts;
import org.sandbench.models.Mode;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.models.seccomp.SeccompFilter;

/**
 * Models whose seccomp filter a container runtime (Docker, runc) loads: the container
 * baseline ({@code none}, seccomp=unconfined), Docker's stock profile
 * ({@code docker-default}), the workload's own allowlist exported as an OCI profile
 * ({@code docker-seccomp}) and any profile file ({@code oci:FILE}).  The runtime applies
 * the filter before exec, from outside: retrofit mode only.
 *
 * <p>Profiles sandbench hands to the engine run with no-new-privileges, as the native
 * launcher does; runc then loads the filter as its last step, so a strict profile need
 * only allow what runc does after that (the {@value #OCI_RUNTIME_GROUP} group).  The
 * stock profile runs as {@code docker run} runs it: without no-new-privileges.
 */
public final class ContainerModel implements SandboxModel {
    /** The compiler group of runc's last steps, added to every exported profile (models/data/seccomp-groups.yaml). */
    public static final String OCI_RUNTIME_GROUP = "_oci-runtime";
    /** Docker's default profile as the project ships it (a copy of moby's profiles/seccomp/default.json). */
    public static final String DOCKER_DEFAULT_RESOURCE = "/sandbench-data/docker-default-seccomp.json";
    public static final String PROFILE_PREFIX = "oci:";

    private enum Source { UNCONFINED, ENGINE, EXPORT, FILE }

    public static final ContainerModel NONE = new ContainerModel("none", Source.UNCONFINED, null,
            "no seccomp filter in a container (seccomp=unconfined): the baseline of container rows, same image, same run");
    public static final ContainerModel DOCKER_DEFAULT = new ContainerModel("docker-default", Source.ENGINE, null,
            "Docker's stock seccomp profile, applied by the engine and runc to a container");
    public static final ContainerModel DOCKER_SECCOMP = new ContainerModel("docker-seccomp", Source.EXPORT, null,
            "the workload's seccomp allowlist exported as an OCI profile, applied by Docker (no-new-privileges)");

    private final String id;
    private final Source source;
    private final String file;
    private final String summary;

    private ContainerModel(String id, Source source, String file, String summary) {
        this.id = id;
        this.source = source;
        this.file = file;
        this.summary = summary;
    }

    /** {@code oci:FILE}: a profile file, path as the user gave it (relative to the working directory). */
    public static ContainerModel profile(String id) {
        if (!id.startsWith(PROFILE_PREFIX) || id.length() == PROFILE_PREFIX.length())
            throw new IllegalArgumentException("a profile model is oci:FILE, e.g. oci:profile.json (got '" + id + "')");
        String f = id.substring(PROFILE_PREFIX.length());
        return new ContainerModel(id, Source.FILE, f, "the OCI seccomp profile " + f + ", applied by Docker (no-new-privileges)");
    }

    public static boolean isProfileId(String id) {
        return id.startsWith(PROFILE_PREFIX);
    }

    public static List<ContainerModel> registered() {
        return List.of(DOCKER_DEFAULT, DOCKER_SECCOMP);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public Platform platform() {
        return Platform.CONTAINER;
    }

    /** The profile file of an {@code oci:} model; empty for the others. */
    public Optional<Path> profileFile() {
        return file == null ? Optional.empty() : Optional.of(Path.of(file));
    }

    @Override
    public Availability availability(HostFacts host) {
        Availability docker = host.feature("docker");
        if (!docker.available())
            return docker;
        if (source == Source.FILE && !Files.isReadable(Path.of(file)))
            return Availability.no("the profile " + file + " is not a readable file");
        return docker;
    }

    @Override
    public ContainerPolicy compile(Policy policy, CompileContext ctx) {
        if (ctx.mode() == Mode.SELF)
            throw new PolicyException("model " + id + " runs in a container, where the runtime loads the filter before "
                    + "exec (retrofit): use --mode retrofit");
        String title = "model " + id + ", workload " + ctx.workload() + ", container";
        return switch (source) {
            case UNCONFINED -> new ContainerPolicy(title, ContainerPolicy.Seccomp.UNCONFINED, null, "none",
                    Optional.empty(), false);
            case ENGINE -> new ContainerPolicy(title, ContainerPolicy.Seccomp.ENGINE_DEFAULT, null,
                    "the engine's built-in default", Optional.empty(), false);
            case EXPORT -> {
                SeccompFilter f = exportedFilter(policy, ctx.seccomp());
                yield new ContainerPolicy(title, ContainerPolicy.Seccomp.PROFILE, OciExporter.export(f).toJson(),
                        "exported from the policy of " + ctx.workload(), Optional.of(f), true);
            }
            case FILE -> {
                String text = readProfile(Path.of(file));
                OciProfile.parse(file, text);
                yield new ContainerPolicy(title, ContainerPolicy.Seccomp.PROFILE, text, file, Optional.empty(), true);
            }
        };
    }

    /**
     * The workload's seccomp allowlist as a runtime must load it: compiled as the native
     * seccomp model compiles it in retrofit mode (the runtime execs the workload after
     * loading), plus runc's last steps.
     */
    public static SeccompFilter exportedFilter(Policy policy, SeccompCompiler.Options options) {
        SeccompCompiler c = new SeccompCompiler();
        List<SeccompFilter> fs = c.compile(policy, Mode.RETROFIT, options);
        if (fs.size() != 1)
            throw new PolicyException("an OCI profile holds one filter; this policy compiles to " + fs.size());
        return c.withGroup(fs.get(0), OCI_RUNTIME_GROUP);
    }

    static String readProfile(Path p) {
        try {
            return Files.readString(p);
        } catch (NoSuchFileException e) {
            throw new PolicyException(p + ": no such file (model " + PROFILE_PREFIX + "FILE needs an OCI seccomp profile)");
        } catch (IOException e) {
            throw new PolicyException(p + ": " + e.getMessage());
        }
    }

    /** Docker's default profile as shipped in models/data (its provenance: docs/containers.md). */
    public static String dockerDefaultProfileText() {
        try (InputStream in = ContainerModel.class.getResourceAsStream(DOCKER_DEFAULT_RESOURCE)) {
            if (in == null)
                throw new IllegalStateException("missing resource " + DOCKER_DEFAULT_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The profile text this model's analysis reads: the shipped default profile, a file, or none. */
    public Optional<String> analysisProfile() {
        return switch (source) {
            case ENGINE -> Optional.of(dockerDefaultProfileText());
            case FILE -> Optional.of(readProfile(Path.of(file)));
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<String> checkEnforced(org.sandbench.models.CompiledPolicy compiled, Enforcement e, Enforcement baseline) {
        ContainerPolicy cp = (ContainerPolicy) compiled;
        List<String> problems = new ArrayList<>();
        int inherited = Math.max(0, baseline.seccompFilters());
        if (cp.expectedFilters() > 0) {
            if (e.seccompMode() != 2)
                problems.add("seccomp mode is " + e.seccompMode() + " in the measured process, not 2 (filter): "
                        + "the runtime did not load " + cp.describe());
            else if (e.seccompFilters() - inherited != cp.expectedFilters())
                problems.add("the measured process has " + (e.seccompFilters() - inherited) + " seccomp filters beyond the "
                        + "baseline's, the runtime loads " + cp.expectedFilters());
        } else if (e.seccompMode() != 0 && e.seccompFilters() > inherited) {
            problems.add("a seccomp filter is installed although the model has none");
        }
        if (cp.noNewPrivileges() && !"1".equals(e.nnp()))
            problems.add("no_new_privs is " + e.nnp() + " in the measured process, not 1");
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}

package org.sandbench.models;

import java.util.Optional;
import org.sandbench.models.policy.Policy;

/**
 * A sandbox model: one unit with an availability probe, a policy compiler and an
 * enforcement check.  Backends (local launcher, container, virtual machine) run
 * what {@link #compile} produces; workloads never know which model they are under.
 */
public interface SandboxModel {

    /** Where a model's trials run. */
    enum Platform { LINUX_HOST, CONTAINER, FREEBSD_GUEST }

    /** The identifier used on the command line and in every result file. */
    String id();

    String summary();

    Platform platform();

    Availability availability(HostFacts host);

    CompiledPolicy compile(Policy policy, CompileContext ctx);

    /**
     * Why the process's own report does not show the compiled sandbox in force; empty
     * when it does.  The harness records no number for a model that fails this check.
     *
     * @param baseline the same report from the unsandboxed baseline in the same run
     */
    Optional<String> checkEnforced(CompiledPolicy compiled, Enforcement reported, Enforcement baseline);
}

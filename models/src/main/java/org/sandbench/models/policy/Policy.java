package org.sandbench.models.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sandbench.models.seccomp.SyscallGroups;

/**
 * The abstract policy of a workload: what it legitimately needs, said once and
 * compiled to every mechanism.  Paths and ports may be templates (${work}, ${port.x})
 * bound per run.
 *
 * @param promises   syscall groups in the spirit of pledge(2), see models/data/seccomp-groups.yaml
 * @param filesystem paths and the access beneath them
 * @param network    TCP ports and bind/connect
 * @param syscalls   extra seccomp rules beyond the promises
 * @param ipc        IPC with the outside the workload needs (otherwise scoped away)
 * @param seccomp    seccomp-only choices (default action, denylist reference policies)
 */
public record Policy(@JsonDeserialize(contentUsing = PromiseDeserializer.class) List<String> promises, List<PathRule> filesystem, List<PortRule> network,
                     List<SyscallRuleSpec> syscalls, Set<Ipc> ipc, SeccompSpec seccomp) {

    public Policy {
        promises = promises == null ? List.of() : List.copyOf(promises);
        filesystem = filesystem == null ? List.of() : List.copyOf(filesystem);
        network = network == null ? List.of() : List.copyOf(network);
        syscalls = syscalls == null ? List.of() : List.copyOf(syscalls);
        ipc = ipc == null || ipc.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ipc));
        seccomp = seccomp == null ? SeccompSpec.allowlist() : seccomp;
        SyscallGroups groups = SyscallGroups.standard();
        for (String p : promises) {
            if (p.startsWith("_") || !groups.contains(p))
                throw new IllegalArgumentException("unknown promise '" + p + "' (known: "
                        + String.join(", ", groups.promiseNames()) + ")");
        }
        if (seccomp.isDenylist() && !promises.isEmpty())
            throw new IllegalArgumentException("a denylist policy allows everything not denied: drop 'promises'");
    }
}

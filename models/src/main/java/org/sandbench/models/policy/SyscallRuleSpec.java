package org.sandbench.models.policy;

import java.util.List;

/** An extra seccomp rule a policy asks for beyond its promises. */
public record SyscallRuleSpec(String syscall, List<String> args, String action, String why) {
    public SyscallRuleSpec {
        if (syscall == null || syscall.isBlank())
            throw new IllegalArgumentException("a syscall rule needs a 'syscall' name");
        args = args == null ? List.of() : List.copyOf(args);
        action = action == null ? "allow" : action;
        why = why == null ? "" : why;
    }
}

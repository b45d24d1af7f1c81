package org.sandbench.models.seccomp;

import java.util.List;

/**
 * One rule of a filter: for this syscall, when all comparisons hold, take the action.
 *
 * @param origin where the rule came from (a promise, the runtime, the policy), for readers
 */
public record SeccompRule(SeccompAction action, String syscall, List<ArgCmp> args, String origin)
        implements Comparable<SeccompRule> {
    public SeccompRule {
        args = List.copyOf(args);
        origin = origin == null ? "" : origin;
    }

    public static SeccompRule allow(String syscall, String origin) {
        return new SeccompRule(SeccompAction.ALLOW, syscall, List.of(), origin);
    }

    public boolean isConditional() {
        return !args.isEmpty();
    }

    /** The plan line (docs/plan-format.md). */
    public String planLine() {
        StringBuilder sb = new StringBuilder("seccomp-rule ").append(action).append(' ').append(syscall);
        for (ArgCmp a : args)
            sb.append(' ').append(a);
        return sb.toString();
    }

    @Override
    public int compareTo(SeccompRule o) {
        int c = syscall.compareTo(o.syscall);
        return c != 0 ? c : planLine().compareTo(o.planLine());
    }
}

package org.sandbench.models.seccomp;

import java.util.List;

/**
 * One seccomp filter as the launcher will build it: the intermediate form between
 * a policy and BPF.  Several filters stack; the kernel runs all of them and the
 * strictest action wins.
 *
 * @param kind          LIBSECCOMP (arch check, x32 rejection) or RAW_NAIVE (hand-built, no arch check)
 * @param optimize      libseccomp SCMP_FLTATR_CTL_OPTIMIZE: 1 = linear, 2 = binary tree
 * @param specAllow     SECCOMP_FILTER_FLAG_SPEC_ALLOW: do not force the speculative-store-bypass mitigation
 * @param addX86        also accept i386 syscalls (int $0x80), with the same rules by name
 * @param skipUnknown   report and skip names libseccomp cannot resolve (imported profiles) instead of failing
 */
public record SeccompFilter(Kind kind, SeccompAction defaultAction, SeccompAction badArch, int optimize,
                            boolean specAllow, boolean addX86, boolean skipUnknown, List<SeccompRule> rules) {
    public enum Kind { LIBSECCOMP, RAW_NAIVE }

    public SeccompFilter {
        rules = List.copyOf(rules);
        if (optimize != 1 && optimize != 2)
            throw new IllegalArgumentException("optimize must be 1 (linear) or 2 (binary tree)");
        for (SeccompRule r : rules)
            if (r.action().equals(defaultAction))
                throw new IllegalArgumentException("rule for " + r.syscall() + " repeats the default action " + defaultAction);
        if (kind == Kind.RAW_NAIVE)
            for (SeccompRule r : rules)
                if (r.isConditional())
                    throw new IllegalArgumentException("a raw naive filter compares syscall numbers only (" + r.syscall() + ")");
    }

    public SeccompFilter withRules(List<SeccompRule> newRules) {
        return new SeccompFilter(kind, defaultAction, badArch, optimize, specAllow, addX86, skipUnknown, newRules);
    }

    public SeccompFilter withOptimize(int o) {
        return new SeccompFilter(kind, defaultAction, badArch, o, specAllow, addX86, skipUnknown, rules);
    }

    public SeccompFilter withSpecAllow(boolean s) {
        return new SeccompFilter(kind, defaultAction, badArch, optimize, s, addX86, skipUnknown, rules);
    }

    public String headerLine() {
        return "seccomp-filter kind=" + (kind == Kind.RAW_NAIVE ? "raw-naive" : "libseccomp")
                + " default=" + defaultAction + " badarch=" + badArch + " optimize=" + optimize
                + " spec_allow=" + (specAllow ? 1 : 0) + " x86=" + (addX86 ? 1 : 0)
                + " unknown=" + (skipUnknown ? "skip" : "fail");
    }
}

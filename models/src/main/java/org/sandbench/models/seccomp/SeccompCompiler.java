package org.sandbench.models.seccomp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sandbench.models.Mode;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.policy.SyscallRuleSpec;

/**
 * Policy to seccomp filter (intermediate form).  Allowlists are the union of the
 * policy's promises, the runtime group and, in retrofit mode, what exec needs.
 * Where a syscall is allowed unconditionally by one group and conditionally by
 * another, the unconditional rule wins: seccomp ORs the rules of one syscall.
 */
public final class SeccompCompiler {

    /**
     * @param defaultAction null: the policy's own choice, else {@link SeccompAction#TRAP}
     *                      (the runtime reports which call was denied)
     * @param optimize      1 linear (libseccomp's default), 2 binary tree
     */
    public record Options(SeccompAction defaultAction, int optimize, boolean specAllow) {
        public static Options defaults() {
            return new Options(null, 1, false);
        }

        public Options withDefaultAction(SeccompAction a) {
            return new Options(a, optimize, specAllow);
        }
    }

    private final SyscallGroups groups;

    public SeccompCompiler() {
        this(SyscallGroups.standard());
    }

    public SeccompCompiler(SyscallGroups groups) {
        this.groups = groups;
    }

    public List<SeccompFilter> compile(Policy policy, Mode mode, Options options) {
        if (policy.seccomp().isDenylist())
            return List.of(denylist(policy, options));
        SeccompAction def = options.defaultAction() != null ? options.defaultAction()
                : policy.seccomp().defaultAction() != null ? parseAction(policy.seccomp().defaultAction())
                : SeccompAction.TRAP;
        if (def.equals(SeccompAction.ALLOW))
            throw new PolicyException("an allowlist with default action 'allow' allows everything: use a denylist policy");

        Set<String> names = new LinkedHashSet<>();
        names.add(SyscallGroups.RUNTIME);
        if (mode == Mode.RETROFIT)
            names.add(SyscallGroups.RETROFIT);
        names.addAll(policy.promises());

        Map<String, List<SeccompRule>> bySyscall = new TreeMap<>();
        for (String n : names) {
            SyscallGroups.Group g = groups.get(n);
            for (String s : g.syscalls())
                add(bySyscall, SeccompRule.allow(s, n));
            for (SyscallGroups.GroupRule r : g.rules())
                add(bySyscall, rule(r.syscall(), r.args(), r.action(), n + (r.why().isEmpty() ? "" : ": " + r.why())));
        }
        for (SyscallRuleSpec r : policy.syscalls())
            add(bySyscall, rule(r.syscall(), r.args(), r.action(), "policy" + (r.why().isEmpty() ? "" : ": " + r.why())));

        List<SeccompRule> rules = new ArrayList<>();
        for (List<SeccompRule> rs : bySyscall.values())
            rules.addAll(normalise(rs, def));
        return List.of(new SeccompFilter(SeccompFilter.Kind.LIBSECCOMP, def, SeccompAction.KILL_PROCESS,
                options.optimize(), options.specAllow(), false, false, rules));
    }

    private SeccompFilter denylist(Policy policy, Options options) {
        SeccompAction deny = policy.seccomp().denyAction() != null ? parseAction(policy.seccomp().denyAction())
                : SeccompAction.errno(SeccompAction.EPERM);
        List<SeccompRule> rules = new ArrayList<>();
        for (String s : new java.util.TreeSet<>(policy.seccomp().deny()))
            rules.add(new SeccompRule(deny, s, List.of(), "denylist"));
        boolean naive = !policy.seccomp().archCheck();
        return new SeccompFilter(naive ? SeccompFilter.Kind.RAW_NAIVE : SeccompFilter.Kind.LIBSECCOMP,
                SeccompAction.ALLOW, SeccompAction.KILL_PROCESS, options.optimize(), options.specAllow(),
                false, false, rules);
    }

    /** Several filters to load in order: each but the last must let the next seccomp(2) through. */
    public List<SeccompFilter> stackable(List<SeccompFilter> filters) {
        List<SeccompFilter> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            SeccompFilter f = filters.get(i);
            if (i < filters.size() - 1 && !f.defaultAction().equals(SeccompAction.ALLOW)) {
                Map<String, List<SeccompRule>> by = new TreeMap<>();
                for (SeccompRule r : f.rules())
                    add(by, r);
                for (String s : groups.get(SyscallGroups.MULTI_FILTER).syscalls())
                    add(by, SeccompRule.allow(s, SyscallGroups.MULTI_FILTER));
                List<SeccompRule> rules = new ArrayList<>();
                for (List<SeccompRule> rs : by.values())
                    rules.addAll(normalise(rs, f.defaultAction()));
                f = f.withRules(rules);
            }
            out.add(f);
        }
        return out;
    }

    /**
     * The filter with a compiler group's rules added (for example what an OCI runtime still
     * does after loading the filter), merged as {@link #compile} merges: an unconditional
     * allow absorbs the syscall's other rules.
     */
    public SeccompFilter withGroup(SeccompFilter f, String group) {
        Map<String, List<SeccompRule>> by = new TreeMap<>();
        for (SeccompRule r : f.rules())
            add(by, r);
        SyscallGroups.Group g = groups.get(group);
        for (String s : g.syscalls())
            add(by, SeccompRule.allow(s, group));
        for (SyscallGroups.GroupRule r : g.rules())
            add(by, rule(r.syscall(), r.args(), r.action(), group + (r.why().isEmpty() ? "" : ": " + r.why())));
        List<SeccompRule> rules = new ArrayList<>();
        for (List<SeccompRule> rs : by.values())
            rules.addAll(normalise(rs, f.defaultAction()));
        return f.withRules(rules);
    }

    private static SeccompAction parseAction(String s) {
        try {
            return SeccompAction.parse(s);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(e.getMessage());
        }
    }

    private static SeccompRule rule(String syscall, List<String> args, String action, String origin) {
        try {
            List<ArgCmp> cmps = new ArrayList<>();
            for (String a : args)
                cmps.add(ArgCmp.parse(a));
            return new SeccompRule(SeccompAction.parse(action), syscall, cmps, origin);
        } catch (IllegalArgumentException e) {
            throw new PolicyException("rule for " + syscall + " (" + origin + "): " + e.getMessage());
        }
    }

    private static void add(Map<String, List<SeccompRule>> m, SeccompRule r) {
        m.computeIfAbsent(r.syscall(), k -> new ArrayList<>()).add(r);
    }

    /** Merges the rules of one syscall: an unconditional allow absorbs everything else. */
    private static List<SeccompRule> normalise(List<SeccompRule> rs, SeccompAction def) {
        Map<String, SeccompRule> unique = new TreeMap<>();
        SeccompRule unconditionalAllow = null;
        Set<String> origins = new LinkedHashSet<>();
        for (SeccompRule r : rs) {
            if (!r.isConditional() && r.action().equals(SeccompAction.ALLOW)) {
                unconditionalAllow = r;
                origins.add(r.origin().replaceAll(":.*", ""));
            }
        }
        if (unconditionalAllow != null)
            return List.of(new SeccompRule(SeccompAction.ALLOW, unconditionalAllow.syscall(), List.of(),
                    String.join(", ", origins)));
        for (SeccompRule r : rs) {
            if (r.action().equals(def))
                continue;
            unique.merge(r.planLine(), r, (a, b) -> new SeccompRule(a.action(), a.syscall(), a.args(),
                    a.origin().equals(b.origin()) ? a.origin() : a.origin() + "; " + b.origin()));
        }
        return List.copyOf(unique.values());
    }
}

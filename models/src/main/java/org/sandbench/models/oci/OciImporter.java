package org.sandbench.models.oci;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.seccomp.ArgCmp;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompFilter;
import org.sandbench.models.seccomp.SeccompRule;

/**
 * An OCI/Docker seccomp profile to sandbench's filter form, resolved the way Docker and
 * runc resolve it when a container starts, with a report of what that leaves:
 *
 * <ul>
 * <li>Docker drops rule groups by {@code includes}/{@code excludes} (capabilities, Go
 *     architecture, minimum kernel) and expands {@code archMap} for the engine's
 *     architecture (moby profiles/seccomp/seccomp_linux.go, setupSeccomp).</li>
 * <li>runc ignores rules whose action is the default action, skips names its libseccomp
 *     cannot resolve, and, when one rule compares the same argument twice, adds each
 *     comparison as a rule of its own, so they OR instead of AND (runc
 *     libcontainer/seccomp/seccomp_linux.go, matchCall).</li>
 * </ul>
 *
 * Names the library cannot resolve are reported, never fatal; the filter keeps them with
 * {@code unknown=skip}, so the launcher reports and skips them as runc does.
 */
public final class OciImporter {
    private OciImporter() {
    }

    public record Imported(OciProfile profile, SeccompFilter filter, ImportReport report) {
    }

    public static Imported importProfile(String source, OciProfile p, ProfileTarget target, SyscallResolver resolver) {
        List<String> notes = new ArrayList<>();
        SeccompAction def = OciActions.parse(source + ": defaultAction", p.defaultAction(), p.defaultErrnoRet());

        if (!p.architectures().isEmpty() && !p.archMap().isEmpty())
            throw new PolicyException(source + ": both 'architectures' and 'archMap' are given; Docker refuses that: keep one");
        List<String> arches = new ArrayList<>();
        if (!p.archMap().isEmpty()) {
            for (OciProfile.ArchMap am : p.archMap())
                if (target.nativeSeccompArch().equals(am.architecture())) {
                    arches.add(am.architecture());
                    arches.addAll(am.subArchitectures());
                }
        } else {
            arches.addAll(p.architectures());
        }
        boolean addX86 = arches.contains("SCMP_ARCH_X86");
        if (arches.contains("SCMP_ARCH_X32"))
            notes.add("SCMP_ARCH_X32 is listed: sandbench's x86-64 filter rejects x32 calls instead; it makes no difference "
                    + "where the kernel has no x32 ABI (CONFIG_X86_X32_ABI unset)");

        List<ImportReport.Skip> skipped = new ArrayList<>();
        Map<String, List<SeccompRule>> bySyscall = new TreeMap<>();
        Set<String> appliedNames = new TreeSet<>(), allNames = new TreeSet<>();
        int applied = 0, sameAsDefault = 0, splitRules = 0;
        for (int i = 0; i < p.syscalls().size(); i++) {
            OciProfile.Syscall e = p.syscalls().get(i);
            String where = source + ": syscalls[" + i + "]";
            if (e.name() != null && !e.name().isEmpty() && !e.names().isEmpty())
                throw new PolicyException(where + ": both 'name' and 'names' are given; Docker refuses that: use 'names'");
            List<String> names = e.allNames();
            allNames.addAll(names);
            String label = label(i, names);
            if (names.isEmpty()) {
                skipped.add(new ImportReport.Skip(i, label, "names no system call"));
                continue;
            }
            String why = skipReason(e, target);
            if (why != null) {
                skipped.add(new ImportReport.Skip(i, label, why));
                continue;
            }
            applied++;
            appliedNames.addAll(names);
            SeccompAction act = OciActions.parse(where, e.action(), e.errnoRet());
            if (act.equals(def)) {
                sameAsDefault++;
                continue;
            }
            List<List<ArgCmp>> conditions = conditions(where, e.args());
            if (conditions.size() > 1)
                splitRules++;
            String origin = e.comment() != null && !e.comment().isBlank() ? e.comment().trim() : "profile syscalls[" + i + "]";
            for (String name : names)
                for (List<ArgCmp> c : conditions)
                    bySyscall.computeIfAbsent(name, k -> new ArrayList<>()).add(new SeccompRule(act, name, c, origin));
        }
        if (sameAsDefault > 0)
            notes.add(sameAsDefault + " applicable rule group(s) repeat the default action; runc ignores them");
        if (splitRules > 0)
            notes.add(splitRules + " rule group(s) compare one argument more than once; runc adds each comparison as a "
                    + "rule of its own, so they allow when any holds");

        List<SeccompRule> rules = new ArrayList<>();
        for (Map.Entry<String, List<SeccompRule>> en : bySyscall.entrySet())
            rules.addAll(normalise(en.getKey(), en.getValue(), notes));
        SeccompFilter filter = new SeccompFilter(SeccompFilter.Kind.LIBSECCOMP, def, SeccompAction.KILL_THREAD, 1, false,
                addX86, true, rules);

        int enosysAbove = enosysAbove(p, def, arches, appliedNames, resolver);
        if (enosysAbove >= 0)
            notes.add("runc prepends a stub to the filter: x86-64 calls numbered above " + enosysAbove + " fail with ENOSYS "
                    + "whatever the profile says (runc libcontainer/seccomp/patchbpf)");

        // What the filter decides for every x86-64 call this library knows.
        TreeSet<String> allowed = new TreeSet<>(), blocked = new TreeSet<>(), enosys = new TreeSet<>();
        TreeMap<String, List<String>> conditional = new TreeMap<>();
        TreeMap<String, String> otherAction = new TreeMap<>();
        Map<String, List<SeccompRule>> finalBy = new TreeMap<>();
        for (SeccompRule r : rules)
            finalBy.computeIfAbsent(r.syscall(), k -> new ArrayList<>()).add(r);
        for (String name : resolver.nativeNames()) {
            List<SeccompRule> rs = finalBy.get(name);
            if (enosysAbove >= 0 && resolver.resolve(name).x86_64() > enosysAbove) {
                enosys.add(name);
            } else if (rs == null) {
                blocked.add(name);
            } else if (rs.size() == 1 && !rs.get(0).isConditional()) {
                if (rs.get(0).action().equals(SeccompAction.ALLOW))
                    allowed.add(name);
                else
                    otherAction.put(name, rs.get(0).action().toString());
            } else {
                List<String> d = new ArrayList<>();
                for (SeccompRule r : rs)
                    d.add(r.action() + (r.isConditional() ? " if " + String.join(" && ", r.args().stream().map(ArgCmp::toString).toList()) : ""));
                conditional.put(name, d);
            }
        }
        TreeSet<String> otherArch = new TreeSet<>(), unknown = new TreeSet<>(), unknownAnywhere = new TreeSet<>();
        for (String n : appliedNames) {
            SyscallResolver.Kind k = resolver.resolve(n).kind();
            if (k == SyscallResolver.Kind.OTHER_ARCH)
                otherArch.add(n);
            else if (k == SyscallResolver.Kind.UNKNOWN)
                unknown.add(n);
        }
        for (String n : allNames)
            if (resolver.resolve(n).kind() == SyscallResolver.Kind.UNKNOWN)
                unknownAnywhere.add(n);
        ImportReport report = new ImportReport(source, resolver.library(), target.describe(), def, List.copyOf(arches),
                p.syscalls().size(), applied, skipped, resolver.nativeNames().size(), allowed, conditional, otherAction,
                blocked, enosysAbove, enosys, otherArch, unknown, unknownAnywhere, rules.size(), notes);
        return new Imported(p, filter, report);
    }

    /**
     * runc's ENOSYS stub (libcontainer/seccomp/patchbpf/enosys_linux.go): unless the default
     * action is allow, log or trace, or the default errno is ENOSYS, runc answers ENOSYS for every
     * call numbered above the highest one the profile names (among the names its libseccomp knows),
     * on each listed architecture, so that programs fall back from calls newer than the profile.
     * -1: no stub on x86-64.
     */
    static int enosysAbove(OciProfile p, SeccompAction def, List<String> arches, Set<String> names, SyscallResolver r) {
        String raw = p.defaultAction().trim().toUpperCase(java.util.Locale.ROOT);
        if (raw.equals("SCMP_ACT_ALLOW") || raw.equals("SCMP_ACT_LOG") || raw.equals("SCMP_ACT_TRACE"))
            return -1;
        if (def.equals(SeccompAction.errno(SeccompAction.ENOSYS)) || !arches.contains("SCMP_ARCH_X86_64"))
            return -1;
        int max = -1;
        for (String n : names)
            max = Math.max(max, r.resolve(n).x86_64());
        return max > 0 ? max : -1;
    }

    private static String label(int i, List<String> names) {
        String first = String.join(", ", names.subList(0, Math.min(3, names.size())));
        return "syscalls[" + i + "] (" + first + (names.size() > 3 ? ", ... " + names.size() + " names" : "") + ")";
    }

    /** Docker's order of checks (setupSeccomp): excludes first, then includes. Null: the group applies. */
    static String skipReason(OciProfile.Syscall e, ProfileTarget t) {
        OciProfile.Filter ex = e.excludes(), in = e.includes();
        if (ex != null) {
            if (ex.arches().contains(t.goArch()))
                return "excluded on " + t.goArch();
            for (String c : ex.caps())
                if (t.capabilities().contains(c))
                    return "excluded: the container holds " + c;
            if (ex.minKernel() != null && !ex.minKernel().isEmpty() && t.kernelAtLeast(ex.minKernel()))
                return "excluded from kernel " + ex.minKernel() + " on";
        }
        if (in != null) {
            if (!in.arches().isEmpty() && !in.arches().contains(t.goArch()))
                return "only for " + String.join(", ", in.arches());
            List<String> missing = new ArrayList<>();
            for (String c : in.caps())
                if (!t.capabilities().contains(c))
                    missing.add(c);
            if (!missing.isEmpty())
                return "needs " + String.join(", ", missing) + ", which the container does not hold";
            if (in.minKernel() != null && !in.minKernel().isEmpty() && !t.kernelAtLeast(in.minKernel()))
                return "needs kernel " + in.minKernel() + " or later";
        }
        return null;
    }

    /** The rule's comparisons; several lists when runc would split a repeated argument index into separate rules. */
    static List<List<ArgCmp>> conditions(String where, List<OciProfile.Arg> args) {
        List<ArgCmp> cmps = new ArrayList<>();
        int[] perIndex = new int[6];
        for (int j = 0; j < args.size(); j++) {
            OciProfile.Arg a = args.get(j);
            String w = where + ".args[" + j + "]";
            if (a.index() < 0 || a.index() > 5)
                throw new PolicyException(w + ": index " + a.index() + " is not a syscall argument (0-5)");
            ArgCmp.Op op = OciActions.op(w, a.op());
            long value = u64(w + ".value", a.value());
            long two = a.valueTwo() == null ? 0 : u64(w + ".valueTwo", a.valueTwo());
            cmps.add(op == ArgCmp.Op.MASKED_EQ ? new ArgCmp(a.index(), op, value, two) : new ArgCmp(a.index(), op, -1L, value));
            perIndex[a.index()]++;
        }
        boolean repeated = false;
        for (int c : perIndex)
            repeated |= c > 1;
        if (!repeated)
            return List.of(cmps);
        List<List<ArgCmp>> split = new ArrayList<>();
        for (ArgCmp c : cmps)
            split.add(List.of(c));
        return split;
    }

    private static long u64(String where, BigInteger v) {
        if (v == null)
            throw new PolicyException(where + ": missing");
        if (v.signum() < 0 || v.bitLength() > 64)
            throw new PolicyException(where + ": " + v + " is not an unsigned 64-bit value");
        return v.longValue();
    }

    /**
     * The rules of one syscall as libseccomp will hold them: an unconditional allow absorbs the
     * syscall's other allow rules; duplicates go; two unconditional rules with different
     * actions cannot both be added (libseccomp refuses), so the first wins and a note says so.
     */
    private static List<SeccompRule> normalise(String name, List<SeccompRule> rs, List<String> notes) {
        SeccompRule unconditional = null;
        for (SeccompRule r : rs) {
            if (r.isConditional())
                continue;
            if (unconditional == null)
                unconditional = r;
            else if (!unconditional.action().equals(r.action()))
                notes.add(name + ": unconditional " + unconditional.action() + " and " + r.action()
                        + " in the same profile; the first is kept");
        }
        if (unconditional != null && unconditional.action().equals(SeccompAction.ALLOW))
            return List.of(unconditional);
        Map<String, SeccompRule> unique = new TreeMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SeccompRule r : rs) {
            if (!r.isConditional() && r != unconditional)
                continue;
            if (r.isConditional() && unconditional != null && r.action().equals(unconditional.action()))
                continue;
            if (seen.add(r.planLine()))
                unique.put(r.planLine(), r);
        }
        return List.copyOf(unique.values());
    }
}

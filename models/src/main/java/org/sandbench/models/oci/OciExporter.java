package org.sandbench.models.oci;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.seccomp.ArgCmp;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompFilter;
import org.sandbench.models.seccomp.SeccompRule;

/**
 * sandbench's filter form to an OCI seccomp profile, deterministically: keys sorted,
 * names sorted, one group per (action, argument comparisons), unconditional groups
 * first.  What cannot be said in a profile is refused with the reason, never dropped.
 */
public final class OciExporter {
    private OciExporter() {
    }

    public static OciProfile export(SeccompFilter f) {
        if (f.kind() == SeccompFilter.Kind.RAW_NAIVE)
            throw new PolicyException("this filter is hand-built without an architecture check (kind raw-naive); "
                    + "an OCI runtime always checks the architecture, so the profile would not be the same filter: "
                    + "export a policy with arch-check (the default)");
        SeccompAction def = f.defaultAction();
        // One group per (action, comparisons); the key orders unconditional groups first.
        Map<String, List<SeccompRule>> groups = new TreeMap<>();
        for (SeccompRule r : f.rules()) {
            for (int i = 0; i < r.args().size(); i++)
                for (int j = i + 1; j < r.args().size(); j++)
                    if (r.args().get(i).arg() == r.args().get(j).arg())
                        throw new PolicyException("the rule '" + r.planLine() + "' compares argument a" + r.args().get(i).arg()
                                + " twice; runc would OR the comparisons instead of ANDing them: split the rule");
            String key = (r.isConditional() ? "1|" : "0|") + rank(r.action()) + "|" + r.action() + "|"
                    + String.join(" ", r.args().stream().map(ArgCmp::toString).toList());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        // Groups in reading order: unconditional first, then by action, first name and comparisons.
        List<List<SeccompRule>> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparing((List<SeccompRule> g) -> g.get(0).isConditional())
                .thenComparing(g -> rank(g.get(0).action()))
                .thenComparing(g -> g.get(0).action().toString())
                .thenComparing(g -> g.stream().map(SeccompRule::syscall).min(String::compareTo).orElse(""))
                .thenComparing(g -> g.get(0).planLine()));
        List<OciProfile.Syscall> syscalls = new ArrayList<>();
        for (List<SeccompRule> g : ordered) {
            SeccompRule first = g.get(0);
            TreeSet<String> names = new TreeSet<>();
            TreeSet<String> origins = new TreeSet<>();
            for (SeccompRule r : g) {
                names.add(r.syscall());
                if (!r.origin().isEmpty())
                    origins.add(r.origin());
            }
            List<OciProfile.Arg> args = new ArrayList<>();
            for (ArgCmp a : first.args())
                args.add(a.op() == ArgCmp.Op.MASKED_EQ
                        ? new OciProfile.Arg(a.arg(), u64(a.mask()), u64(a.value()), OciActions.opName(a.op()))
                        : new OciProfile.Arg(a.arg(), u64(a.value()), null, OciActions.opName(a.op())));
            // Unconditional groups gather many origins; name them only where one rule stands alone.
            String comment = first.isConditional() || names.size() == 1 ? String.join("; ", origins) : null;
            syscalls.add(new OciProfile.Syscall(List.copyOf(names), null, OciActions.name(first.action()),
                    first.action().kind() == SeccompAction.Kind.ERRNO ? first.action().errno() : null, args,
                    comment == null || comment.isEmpty() ? null : comment, null, null));
        }
        List<String> arches = new ArrayList<>(List.of("SCMP_ARCH_X86_64"));
        if (f.addX86())
            arches.add("SCMP_ARCH_X86");
        return new OciProfile(OciActions.name(def), def.kind() == SeccompAction.Kind.ERRNO ? def.errno() : null, arches,
                List.of(), List.of(), syscalls);
    }

    /** Allow first, then the errno, trap, log and kill actions. */
    private static int rank(SeccompAction a) {
        return switch (a.kind()) {
            case ALLOW -> 0;
            case ERRNO -> 1;
            case TRAP -> 2;
            case LOG -> 3;
            case KILL_THREAD -> 4;
            case KILL_PROCESS -> 5;
        };
    }

    private static BigInteger u64(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}

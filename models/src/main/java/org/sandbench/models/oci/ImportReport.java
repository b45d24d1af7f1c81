package org.sandbench.models.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import org.sandbench.models.seccomp.SeccompAction;

/**
 * What importing a profile left, on x86-64, for one target (architecture, capabilities,
 * kernel) and one seccomp library.  Deterministic: every list is sorted.
 *
 * @param nativeKnown   how many x86-64 system calls the library knows by name
 * @param allowed       x86-64 calls allowed whatever their arguments
 * @param conditional   x86-64 calls whose outcome depends on argument values, with their rules
 * @param otherAction   x86-64 calls with an unconditional action other than allow and the default
 * @param blocked       x86-64 calls the profile does not name: they get the default action
 * @param enosysAbove   runc's stub answers ENOSYS above this x86-64 number (-1: no stub)
 * @param enosys        x86-64 calls the library knows above that number
 * @param otherArch     names in applied groups the library knows, but not as x86-64 calls
 * @param unknown       names in applied groups the library cannot resolve at all (a runtime skips them)
 * @param unknownAnywhere the same over every group, applied or not
 * @param rules         rules in sandbench's filter form (one per syscall and condition set)
 */
public record ImportReport(String source, String library, String target, SeccompAction defaultAction,
                           List<String> architectures, int groups, int groupsApplied, List<Skip> skipped,
                           int nativeKnown, SortedSet<String> allowed, SortedMap<String, List<String>> conditional,
                           SortedMap<String, String> otherAction, SortedSet<String> blocked,
                           int enosysAbove, SortedSet<String> enosys, SortedSet<String> otherArch, SortedSet<String> unknown, SortedSet<String> unknownAnywhere,
                           int rules, List<String> notes) {

    /** A rule group Docker drops for this target, and why. */
    public record Skip(int index, String label, String reason) {
    }

    /** The headline figures, in a stable order (for env.json, tests and the docs). */
    public Map<String, Object> figures() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule_groups", groups);
        m.put("rule_groups_applied", groupsApplied);
        m.put("rule_groups_skipped", skipped.size());
        m.put("x86_64_syscalls_known", nativeKnown);
        m.put("allowed_unconditionally", allowed.size());
        m.put("allowed_conditionally", conditional.size());
        m.put("other_action", otherAction.size());
        m.put("blocked_by_default_action", blocked.size());
        m.put("enosys_by_runc_stub", enosys.size());
        m.put("not_x86_64_names", otherArch.size());
        m.put("unresolvable_names", unknown.size());
        m.put("filter_rules", rules);
        return m;
    }

    public String render() {
        List<String> l = new ArrayList<>();
        l.add("profile " + source);
        l.add("resolved for " + target + "; " + library);
        l.add("default action " + defaultAction + "; architectures " + (architectures.isEmpty() ? "native only"
                : String.join(", ", architectures)));
        l.add("rule groups: " + groups + " in the profile, " + groupsApplied + " apply, " + skipped.size() + " skipped");
        for (Skip s : skipped)
            l.add("  skipped " + s.label() + ": " + s.reason());
        l.add("x86-64 system calls " + library + " knows: " + nativeKnown);
        l.add("  allowed whatever the arguments: " + allowed.size());
        l.add("  allowed or not by argument values: " + conditional.size()
                + (conditional.isEmpty() ? "" : " (" + String.join(", ", conditional.keySet()) + ")"));
        for (Map.Entry<String, List<String>> e : conditional.entrySet())
            l.add("    " + e.getKey() + ": " + String.join("; ", e.getValue()));
        l.add("  another action: " + otherAction.size() + (otherAction.isEmpty() ? "" : " (" + join(otherAction) + ")"));
        l.add("  blocked (default action " + defaultAction + "): " + blocked.size());
        l.addAll(wrap("    ", List.copyOf(blocked)));
        if (enosysAbove >= 0) {
            l.add("  ENOSYS from runc's stub (numbered above " + enosysAbove + "): " + enosys.size()
                    + " known to " + library + ", and every newer call");
            l.addAll(wrap("    ", List.copyOf(enosys)));
        }
        l.add("names in applied groups that are not x86-64 calls (other architectures): " + otherArch.size());
        l.addAll(wrap("    ", List.copyOf(otherArch)));
        l.add("names " + library + " cannot resolve (a runtime skips them): " + unknown.size() + " in the groups that apply");
        l.addAll(wrap("    ", List.copyOf(unknown)));
        java.util.TreeSet<String> elsewhere = new java.util.TreeSet<>(unknownAnywhere);
        elsewhere.removeAll(unknown);
        if (!elsewhere.isEmpty()) {
            l.add("  and " + elsewhere.size() + " in skipped groups");
            l.addAll(wrap("    ", List.copyOf(elsewhere)));
        }
        l.add("rules in the filter: " + rules);
        for (String n : notes)
            l.add("note: " + n);
        return String.join("\n", l) + "\n";
    }

    private static String join(Map<String, String> m) {
        List<String> l = new ArrayList<>();
        m.forEach((k, v) -> l.add(k + ": " + v));
        return String.join(", ", l);
    }

    private static List<String> wrap(String indent, List<String> words) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            if (line.length() > 0 && line.length() + w.length() + 1 > 100) {
                out.add(indent + line);
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(w);
        }
        if (line.length() > 0)
            out.add(indent + line);
        return out;
    }
}

package org.sandbench.models.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.landlock.LandlockRuleset;
import org.sandbench.models.seccomp.SeccompFilter;
import org.sandbench.models.seccomp.SeccompRule;

/**
 * What the native launcher (or a self-sandboxing workload) applies, in order:
 * no_new_privs, the Landlock ruleset, then each seccomp filter.  Rendered to the
 * text format of docs/plan-format.md, which native/sandbox/plan.c parses.
 */
public record LaunchPlan(String title, boolean noNewPrivs, Optional<LandlockRuleset> landlock,
                         List<SeccompFilter> seccomp) implements CompiledPolicy {

    public LaunchPlan {
        seccomp = List.copyOf(seccomp);
    }

    public static LaunchPlan empty(String title) {
        return new LaunchPlan(title, false, Optional.empty(), List.of());
    }

    public boolean sandboxed() {
        return landlock.isPresent() || !seccomp.isEmpty();
    }

    public String render() {
        List<String> l = new ArrayList<>();
        l.add("sandbench-plan 1");
        l.add("# " + title);
        if (noNewPrivs)
            l.add("nnp");
        landlock.ifPresent(r -> l.addAll(r.planLines()));
        for (SeccompFilter f : seccomp) {
            l.add(f.headerLine());
            for (SeccompRule r : f.rules()) {
                if (!r.origin().isEmpty())
                    l.add("# " + r.origin());
                l.add(r.planLine());
            }
            l.add("seccomp-end");
        }
        return String.join("\n", l) + "\n";
    }
}

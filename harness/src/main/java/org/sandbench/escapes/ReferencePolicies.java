package org.sandbench.escapes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyLoader;
import org.sandbench.models.policy.SeccompSpec;

/**
 * The policies the escape matrix enforces: models/reference/typical.yaml (S1 + LL-n) for the
 * SPEC's models, or an attempt's own policy file; models/reference/naive-denylist.yaml (S0)
 * plus the attempt's naive-deny calls for seccomp-naive.
 */
public final class ReferencePolicies {
    private final Policy typical;
    private final Policy naive;

    public ReferencePolicies(Path referenceDir) {
        this.typical = PolicyLoader.load(referenceDir.resolve("typical.yaml"));
        this.naive = PolicyLoader.load(referenceDir.resolve("naive-denylist.yaml"));
        if (!naive.seccomp().isDenylist())
            throw new IllegalArgumentException("naive-denylist.yaml must be a denylist policy");
    }

    public Policy typical() {
        return typical;
    }

    public Policy naive() {
        return naive;
    }

    public Policy forRun(Attempt a, EscapeModel m) {
        if (m.policy() == EscapeModel.PolicyChoice.NAIVE)
            return naiveFor(a.naiveDeny());
        return a.policy().map(PolicyLoader::load).orElse(typical);
    }

    /** S0 with further denied calls, as the catalogue's rows name them. */
    public Policy naiveFor(List<String> extra) {
        if (extra.isEmpty())
            return naive;
        Set<String> deny = new LinkedHashSet<>(naive.seccomp().deny());
        deny.addAll(extra);
        SeccompSpec s = naive.seccomp();
        SeccompSpec spec = new SeccompSpec(s.style(), s.defaultAction(), new ArrayList<>(deny), s.denyAction(), s.archCheck());
        return new Policy(naive.promises(), naive.filesystem(), naive.network(), naive.syscalls(), naive.ipc(), spec);
    }
}

package org.sandbench.models;

import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.seccomp.SeccompCompiler;

/**
 * Everything a compiler needs besides the policy, fixed per trial.
 *
 * @param executable    the workload program (retrofit: the launcher execs it)
 * @param landlockProbe a path outside every rule that the sandbox must deny
 */
public record CompileContext(String workload, Mode mode, Bindings bindings, String executable, String landlockProbe,
                             SeccompCompiler.Options seccomp, LandlockCompiler.Options landlock) {
    public CompileContext withMode(Mode m) {
        return new CompileContext(workload, m, bindings, executable, landlockProbe, seccomp, landlock);
    }
}

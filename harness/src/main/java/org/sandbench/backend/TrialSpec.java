package org.sandbench.backend;

import java.nio.file.Path;
import java.util.List;
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.Mode;

/**
 * Everything a backend needs to run one trial.
 *
 * @param executable the workload program
 * @param args       the workload's own arguments, templates already resolved
 * @param workdir    the trial workspace (cwd of the workload)
 */
public record TrialSpec(String model, String workload, Mode mode, CompiledPolicy compiled, Path executable,
                        List<String> args, Path workdir, TrialSettings settings) {
    public TrialSpec {
        args = List.copyOf(args);
    }
}

package org.sandbench.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.Mode;

/**
 * Everything a backend needs to run one trial.
 *
 * @param executable the workload program
 * @param args       the workload's own arguments, templates already resolved
 * @param workdir    the trial workspace (cwd of the workload)
 * @param services   the harness services the trial talks to (manifest {@code services}), each with the loopback
 *                   port the harness opened it on: a backend that runs the workload elsewhere must provide them there
 */
public record TrialSpec(String model, String workload, Mode mode, CompiledPolicy compiled, Path executable,
                        List<String> args, Path workdir, TrialSettings settings, Map<String, Integer> services) {
    public TrialSpec {
        args = List.copyOf(args);
        services = Map.copyOf(services);
    }

    /** A trial that needs no harness service. */
    public TrialSpec(String model, String workload, Mode mode, CompiledPolicy compiled, Path executable, List<String> args,
                     Path workdir, TrialSettings settings) {
        this(model, workload, mode, compiled, executable, args, workdir, settings, Map.of());
    }
}

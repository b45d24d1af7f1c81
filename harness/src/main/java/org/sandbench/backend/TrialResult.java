package org.sandbench.backend;

import java.util.List;
import java.util.Map;
import org.sandbench.models.Enforcement;

/**
 * What one trial (one process under one model) produced.  Batches that finished
 * before a crash or timeout are kept; the status says how the trial ended.
 *
 * @param enforced what the launcher and runtime reported as really enforced, one string
 * @param setupNs  setup stage timings reported by the launcher (landlock_build_ns, ...)
 * @param lines    every protocol line, for the raw record
 */
public record TrialResult(Status status, String message, List<Batch> batches, Enforcement enforcement,
                          String enforced, Map<String, Long> setupNs, int exitCode, String stderrTail,
                          long wallNs, List<String> lines) {

    public enum Status {
        /** All batches measured, sandbox proven on. */
        OK,
        /** The workload could not do what it needs under this model (policy too strict). */
        DENIED,
        /** The sandbox did not take effect: no number is recorded. */
        NOT_ENFORCED,
        /** The host lacks a capability the model requires (exit 3). */
        MISSING_CAPABILITY,
        /** Killed by a signal. */
        CRASHED,
        /** Did not finish in time: partial batches kept. */
        TIMEOUT,
        /** Anything else (launcher setup failed, bad arguments...). */
        FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public TrialResult {
        batches = List.copyOf(batches);
        setupNs = Map.copyOf(setupNs);
        lines = List.copyOf(lines);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * The ns/op samples the statistics use: the batches that were not descheduled
     * ({@link Batch#disturbed()}), when at least a quarter of the batches (and three) were
     * not; otherwise every batch, since an operation that blocks (or a machine that is
     * never quiet) leaves nothing undisturbed to choose.  Raw samples keep all batches.
     */
    public double[] samples() {
        java.util.List<Batch> keep = batches.stream().filter(b -> !b.disturbed()).toList();
        java.util.List<Batch> use = keep.size() >= Math.max(3, (batches.size() + 3) / 4) ? keep : batches;
        return use.stream().mapToDouble(Batch::nsPerOp).toArray();
    }

    /** Batches left out of {@link #samples()}. */
    public int excludedBatches() {
        return batches.size() - samples().length;
    }

    public TrialResult withStatus(Status s, String msg) {
        return new TrialResult(s, msg, batches, enforcement, enforced, setupNs, exitCode, stderrTail, wallNs, lines);
    }
}

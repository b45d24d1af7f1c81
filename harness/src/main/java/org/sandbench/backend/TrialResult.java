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
     * The ns/op samples the statistics use: every batch but those that were descheduled
     * for part of their time ({@link #disturbed(Batch)}).  Raw samples keep all batches.
     */
    public double[] samples() {
        return batches.stream().filter(b -> !disturbed(b)).mapToDouble(Batch::nsPerOp).toArray();
    }

    /** Batches left out of {@link #samples()}. */
    public int excludedBatches() {
        return (int) batches.stream().filter(this::disturbed).count();
    }

    /**
     * On the CPU for less than {@link Batch#MIN_ON_CPU} of the share its trial's best batch
     * was: the thread was descheduled during it.  Batches without a CPU time never are.
     */
    public boolean disturbed(Batch b) {
        double f = b.onCpu();
        if (Double.isNaN(f))
            return false;
        double best = batches.stream().mapToDouble(Batch::onCpu).filter(x -> !Double.isNaN(x)).max().orElse(f);
        return f < Batch.MIN_ON_CPU * Math.min(1.0, best);
    }

    public TrialResult withStatus(Status s, String msg) {
        return new TrialResult(s, msg, batches, enforcement, enforced, setupNs, exitCode, stderrTail, wallNs, lines);
    }
}

package org.sandbench.backend;

/**
 * How long a trial measures: batches of batchMs each after warmupMs of warm-up,
 * pinned to cpu (-1: not pinned).
 */
public record TrialSettings(int batches, double batchMs, double warmupMs, int cpu) {
    public TrialSettings {
        if (batches < 1 || batchMs <= 0 || warmupMs < 0)
            throw new IllegalArgumentException("batches >= 1, batchMs > 0, warmupMs >= 0");
    }

    /** A generous bound: calibration plus warm-up plus the batches, times a safety factor. */
    public java.time.Duration timeout() {
        double ms = 4 * (warmupMs + batchMs * (batches + 8)) + 20_000;
        return java.time.Duration.ofMillis((long) ms);
    }
}

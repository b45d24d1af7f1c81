package org.sandbench.backend;

/**
 * One timed batch: iters operations in ns nanoseconds (CLOCK_MONOTONIC), during which
 * the measuring thread itself ran cpuNs nanoseconds (CLOCK_THREAD_CPUTIME_ID; -1 when
 * not reported).
 */
public record Batch(int index, long iters, long ns, long cpuNs) {
    /**
     * A batch whose thread was on the CPU for less than this share of the best batch of its
     * trial was descheduled for part of it: another process had the CPU, and its ns/op
     * measures the scheduler as much as the operation.  Relative to the trial's best batch,
     * so that an operation that blocks (always well below 100% on the CPU) is judged
     * against itself.
     */
    public static final double MIN_ON_CPU = 0.95;

    public Batch(int index, long iters, long ns) {
        this(index, iters, ns, -1);
    }

    public double nsPerOp() {
        return (double) ns / iters;
    }

    /** Share of the batch's wall time the thread was running; NaN when unknown. */
    public double onCpu() {
        return cpuNs < 0 || ns <= 0 ? Double.NaN : (double) cpuNs / ns;
    }

}

package org.sandbench.backend;

/** One timed batch: iters operations in ns nanoseconds (CLOCK_MONOTONIC). */
public record Batch(int index, long iters, long ns) {
    public double nsPerOp() {
        return (double) ns / iters;
    }
}

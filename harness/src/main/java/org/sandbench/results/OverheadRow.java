package org.sandbench.results;

import java.util.List;

/**
 * One row of overhead.csv: a (backend, model, mode, workload, params) cell.
 * The first twelve columns are the SPEC's contract; later ones were added after.
 * disturbed_batches: batches left out of the statistics because the measuring thread was
 * descheduled during them (Batch#disturbed); samples.csv keeps them, flagged.
 */
public record OverheadRow(String backend, String model, String mode, String workload, String params,
                          double nsPerOp, double ciLow, double ciHigh, int samples, double baselineNsPerOp,
                          double overheadNs, double overheadCiLow, double overheadCiHigh, double overheadRatio,
                          int outliers, int trials, String status, String coherent, String enforced, String note,
                          int disturbedBatches) {

    public static final List<String> HEADER = List.of("model", "workload", "params", "mode", "ns_per_op", "ci_low",
            "ci_high", "samples", "baseline_ns_per_op", "overhead_ns", "overhead_ratio", "enforced",
            "backend", "overhead_ci_low", "overhead_ci_high", "outliers", "trials", "status", "coherent", "note",
            "disturbed_batches");

    /** Without the count of disturbed batches (rows of backends that do not report CPU time). */
    public OverheadRow(String backend, String model, String mode, String workload, String params,
                       double nsPerOp, double ciLow, double ciHigh, int samples, double baselineNsPerOp,
                       double overheadNs, double overheadCiLow, double overheadCiHigh, double overheadRatio,
                       int outliers, int trials, String status, String coherent, String enforced, String note) {
        this(backend, model, mode, workload, params, nsPerOp, ciLow, ciHigh, samples, baselineNsPerOp, overheadNs,
                overheadCiLow, overheadCiHigh, overheadRatio, outliers, trials, status, coherent, enforced, note, 0);
    }

    public List<String> cells() {
        return List.of(model, workload, params, mode, Csv.ns(nsPerOp), Csv.ns(ciLow), Csv.ns(ciHigh),
                Integer.toString(samples), Csv.ns(baselineNsPerOp), Csv.ns(overheadNs), Csv.ratio(overheadRatio),
                enforced, backend, Csv.ns(overheadCiLow), Csv.ns(overheadCiHigh), Integer.toString(outliers),
                Integer.toString(trials), status, coherent, note, Integer.toString(disturbedBatches));
    }
}

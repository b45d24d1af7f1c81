package org.sandbench.results;

import java.util.List;

/**
 * One row of overhead.csv: a (backend, model, mode, workload, params) cell.
 * The first twelve columns are the SPEC's contract; later ones were added after.
 */
public record OverheadRow(String backend, String model, String mode, String workload, String params,
                          double nsPerOp, double ciLow, double ciHigh, int samples, double baselineNsPerOp,
                          double overheadNs, double overheadCiLow, double overheadCiHigh, double overheadRatio,
                          int outliers, int trials, String status, String coherent, String enforced, String note) {

    public static final List<String> HEADER = List.of("model", "workload", "params", "mode", "ns_per_op", "ci_low",
            "ci_high", "samples", "baseline_ns_per_op", "overhead_ns", "overhead_ratio", "enforced",
            "backend", "overhead_ci_low", "overhead_ci_high", "outliers", "trials", "status", "coherent", "note");

    public List<String> cells() {
        return List.of(model, workload, params, mode, Csv.ns(nsPerOp), Csv.ns(ciLow), Csv.ns(ciHigh),
                Integer.toString(samples), Csv.ns(baselineNsPerOp), Csv.ns(overheadNs), Csv.ratio(overheadRatio),
                enforced, backend, Csv.ns(overheadCiLow), Csv.ns(overheadCiHigh), Integer.toString(outliers),
                Integer.toString(trials), status, coherent, note);
    }
}

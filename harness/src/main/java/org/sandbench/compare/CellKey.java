package org.sandbench.compare;

/** One cell of the overhead matrix: what compare matches between two result sets. */
public record CellKey(String backend, String model, String mode, String workload, String params) implements Comparable<CellKey> {

    public CellKey baseline(String baselineModel) {
        return new CellKey(backend, baselineModel, mode, workload, params);
    }

    public String label() {
        return workload + (params.isEmpty() ? "" : " " + params);
    }

    /** A Bencher benchmark name: stable, readable, unique per cell. */
    public String benchmarkName() {
        return workload + (params.isEmpty() ? "" : "[" + params + "]") + ":" + model + ":" + mode
                + (backend.isEmpty() || backend.equals("local") ? "" : ":" + backend);
    }

    @Override
    public int compareTo(CellKey o) {
        int c = workload.compareTo(o.workload);
        if (c == 0)
            c = params.compareTo(o.params);
        if (c == 0)
            c = mode.compareTo(o.mode);
        if (c == 0)
            c = backend.compareTo(o.backend);
        if (c == 0)
            c = model.compareTo(o.model);
        return c;
    }
}

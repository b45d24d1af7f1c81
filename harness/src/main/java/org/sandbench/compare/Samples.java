package org.sandbench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sandbench.report.ResultSet;
import org.sandbench.stats.Stats;

/**
 * The raw per-batch samples of a result set (samples.csv), by cell and round,
 * from the trials that finished ok, without disturbed batches.
 */
public final class Samples {
    private final Map<CellKey, TreeMap<Integer, List<Double>>> cells = new TreeMap<>();

    public static Samples of(ResultSet rs) {
        Samples s = new Samples();
        for (ResultSet.Row r : rs.rows(ResultSet.Part.SAMPLES)) {
            if (r.has("trial_status") && !r.get("trial_status").isEmpty() && !r.get("trial_status").equals("ok"))
                continue;
            // A batch the workload's thread was descheduled in (column "disturbed", when the run records it) is
            // left out of every statistic of the run, so of the comparison too.
            if (r.get("disturbed").equals("yes"))
                continue;
            double v = r.num("ns_per_op");
            if (Double.isNaN(v))
                continue;
            CellKey k = new CellKey(r.get("backend"), r.get("model"), r.get("mode"), r.get("workload"), r.get("params"));
            int round = Double.isNaN(r.num("round")) ? 0 : (int) r.num("round");
            s.cells.computeIfAbsent(k, x -> new TreeMap<>()).computeIfAbsent(round, x -> new ArrayList<>()).add(v);
        }
        return s;
    }

    public Iterable<CellKey> keys() {
        return cells.keySet();
    }

    public boolean has(CellKey k) {
        return cells.containsKey(k);
    }

    public double[] all(CellKey k) {
        List<Double> out = new ArrayList<>();
        TreeMap<Integer, List<Double>> m = cells.get(k);
        if (m != null)
            m.values().forEach(out::addAll);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Per round, the median of the corrected samples (see {@link #corrected}): one value per trial. */
    public double[] roundMedians(CellKey k, String baselineModel) {
        TreeMap<Integer, List<Double>> mine = cells.get(k);
        if (mine == null)
            return new double[0];
        TreeMap<Integer, List<Double>> base = cells.get(k.baseline(baselineModel));
        boolean raw = k.model().equals(baselineModel) || base == null;
        double overall = raw ? 0 : Stats.median(all(k.baseline(baselineModel)));
        double[] out = new double[mine.size()];
        int i = 0;
        for (Map.Entry<Integer, List<Double>> e : mine.entrySet()) {
            double m = Stats.median(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            if (!raw) {
                List<Double> b = base.get(e.getKey());
                m -= b == null || b.isEmpty() ? overall : Stats.median(b.stream().mapToDouble(Double::doubleValue).toArray());
            }
            out[i++] = m;
        }
        return out;
    }

    /**
     * The samples of a model cell minus the median of its baseline's samples in
     * the same round.  Baseline and model ran back to back in each round, so
     * drift of the host between rounds (and between runs) cancels and what is
     * left is the overhead per operation, sample by sample.  Without a baseline
     * the raw samples are returned.
     */
    public double[] corrected(CellKey k, String baselineModel) {
        TreeMap<Integer, List<Double>> mine = cells.get(k);
        if (mine == null)
            return new double[0];
        TreeMap<Integer, List<Double>> base = cells.get(k.baseline(baselineModel));
        if (k.model().equals(baselineModel) || base == null)
            return all(k);
        double overall = Stats.median(all(k.baseline(baselineModel)));
        List<Double> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Double>> e : mine.entrySet()) {
            List<Double> b = base.get(e.getKey());
            double ref = b == null || b.isEmpty() ? overall : Stats.median(b.stream().mapToDouble(Double::doubleValue).toArray());
            for (double x : e.getValue())
                out.add(x - ref);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

package org.sandbench.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sandbench.backend.ProtocolLine;
import org.sandbench.stats.Stats;

/**
 * The results of the kernel benchmark's own method (sb-seccomp-bench --kernel-method,
 * a port of tools/testing/selftests/seccomp/seccomp_benchmark.c): one "SB1 kmethod"
 * line per repetition, each a single sequential run in one process.  sandbench repeats
 * it and gives medians over the repetitions with bootstrap intervals; the kernel's
 * program itself compares single runs (prior-art.md, trap 11).
 */
public final class KernelMethod {
    /** The quantities of one repetition, in the program's order. */
    public static final List<String> FIELDS = List.of("native_ns", "bitmap1_ns", "bitmap2_ns", "filter3_ns",
            "filter4_ns", "entry_ns", "per_filter_last2_ns", "per_filter_quarter_ns");

    private final List<Map<String, Double>> reps = new ArrayList<>();

    /** Parses one repetition's output; returns false when it has no kmethod line. */
    public boolean add(List<String> lines) {
        for (String l : lines) {
            var p = ProtocolLine.parse(l);
            if (p.isPresent() && p.get().kind().equals("kmethod")) {
                Map<String, Double> m = new LinkedHashMap<>();
                for (String f : FIELDS) {
                    String v = p.get().get(f);
                    if (v == null)
                        return false;
                    m.put(f, Double.parseDouble(v));
                }
                m.put("samples", Double.parseDouble(p.get().get("samples", "0")));
                reps.add(m);
                return true;
            }
        }
        return false;
    }

    public int repetitions() {
        return reps.size();
    }

    public List<Map<String, Double>> repetitionsData() {
        return List.copyOf(reps);
    }

    public double[] values(String field) {
        return reps.stream().mapToDouble(m -> m.get(field)).toArray();
    }

    /** Bootstrap replicates of the median over repetitions of one field. */
    public double[] replicates(String field) {
        return Stats.medianReplicates(List.of(values(field)), Stats.seed("kernel-method|" + field),
                Stats.DEFAULT_RESAMPLES);
    }

    public Stats.Interval median(String field) {
        double[] v = values(field);
        return v.length == 0 ? new Stats.Interval(Double.NaN, Double.NaN, Double.NaN)
                : Stats.percentile(Stats.median(v), replicates(field));
    }
}

package org.sandbench.measure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sandbench.results.Csv;
import org.sandbench.stats.Stats;

/**
 * Setup costs per model and stage (setup.csv), computed from trials.csv alone: every
 * trial is one launch, and the launcher and runtime report how long each stage took
 * (docs/protocol.md: SB1 setup, exec, start).  The median over all launches of a model
 * in the run, with a bootstrap interval, beside the same stage under the baseline model.
 * Stages a model does not have (Landlock stages under seccomp, ...) are left out; the
 * baseline's own values for them (the launcher timing an empty stage) are the baseline.
 */
public final class SetupCosts {
    /** stage id -> trials.csv column; the order is the order of events in one launch. */
    public static final Map<String, String> STAGES = stages();

    public static final List<String> HEADER = List.of("backend", "model", "stage", "ns_per_op", "ci_low", "ci_high",
            "samples", "baseline_ns_per_op", "overhead_ns", "overhead_ci_low", "overhead_ci_high", "description");

    private static Map<String, String> stages() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("landlock_build", "landlock_build_ns");
        m.put("landlock_restrict_self", "landlock_restrict_ns");
        m.put("seccomp_compile", "seccomp_compile_ns");
        m.put("seccomp_load", "seccomp_load_ns");
        m.put("launcher_to_exec", "launcher_ns");
        m.put("launch_to_main", "launch_to_main_ns");
        return m;
    }

    private static final Map<String, String> DESCRIPTION = Map.of(
            "landlock_build", "landlock_create_ruleset + one landlock_add_rule per path and port (launcher)",
            "landlock_restrict_self", "landlock_restrict_self, once per stacked layer (launcher)",
            "seccomp_compile", "policy compile: libseccomp rule database to exported BPF, every filter (launcher)",
            "seccomp_load", "filter load: seccomp(SECCOMP_SET_MODE_FILTER) of every filter (launcher)",
            "launcher_to_exec", "launcher start to execve of the workload, all stages included",
            "launch_to_main", "launcher start to the first instruction of the workload's main()");

    public record Row(String backend, String model, String stage, Stats.Interval ns, int samples, double baseline,
                      Stats.Interval overhead) {
        public List<String> cells() {
            return List.of(backend, model, stage, Csv.ns(ns.estimate()), Csv.ns(ns.low()), Csv.ns(ns.high()),
                    Integer.toString(samples), Csv.ns(baseline), Csv.ns(overhead.estimate()), Csv.ns(overhead.low()),
                    Csv.ns(overhead.high()), DESCRIPTION.get(stage));
        }
    }

    private SetupCosts() {
    }

    /** Pure: setup.csv rows from trials.csv rows; the baseline model's own rows come first. */
    public static List<Row> fromTrials(List<Map<String, String>> trials, String baselineModel) {
        // backend -> model -> stage -> values
        Map<String, Map<String, Map<String, List<Double>>>> by = new TreeMap<>();
        for (Map<String, String> t : trials) {
            boolean seccomp = parse(t.get("seccomp_filters")) > 0 && !t.get("model").equals(baselineModel);
            boolean landlock = parse(t.get("landlock_abi")) >= 1;
            for (Map.Entry<String, String> st : STAGES.entrySet()) {
                // A stage the trial's model does not have is left out, not counted as zero.
                if (st.getKey().startsWith("seccomp") && !seccomp && !t.get("model").equals(baselineModel))
                    continue;
                if (st.getKey().startsWith("landlock") && !landlock)
                    continue;
                String v = t.getOrDefault(st.getValue(), "");
                if (v == null || v.isEmpty())
                    continue;
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (d < 0)
                    continue;
                by.computeIfAbsent(t.get("backend"), k -> new TreeMap<>())
                        .computeIfAbsent(t.get("model"), k -> new LinkedHashMap<>())
                        .computeIfAbsent(st.getKey(), k -> new ArrayList<>()).add(d);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (var be : by.entrySet()) {
            Map<String, Map<String, List<Double>>> models = be.getValue();
            Map<String, List<Double>> base = models.getOrDefault(baselineModel, Map.of());
            List<String> order = new ArrayList<>();
            if (models.containsKey(baselineModel))
                order.add(baselineModel);
            models.keySet().stream().filter(m -> !m.equals(baselineModel)).sorted().forEach(order::add);
            for (String model : order) {
                for (String stage : STAGES.keySet()) {
                    List<Double> vals = models.get(model).get(stage);
                    if (vals == null || vals.isEmpty())
                        continue;
                    if (model.equals(baselineModel) && !stage.startsWith("launch"))
                        continue; // the baseline's empty stages serve as baseline values only
                    double[] x = vals.stream().mapToDouble(Double::doubleValue).toArray();
                    String key = be.getKey() + "|" + model + "|" + stage;
                    Stats.Interval ns = Stats.medianInterval(x, Stats.seed(key));
                    double[] b = base.getOrDefault(stage, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
                    double baseMedian = b.length == 0 ? 0 : Stats.median(b);
                    Stats.Interval over = b.length == 0 ? new Stats.Interval(ns.estimate(), ns.low(), ns.high())
                            : difference(x, b, Stats.seed(key + "|overhead"));
                    rows.add(new Row(be.getKey(), model, stage, ns, x.length, baseMedian, over));
                }
            }
        }
        return rows;
    }

    private static double parse(String v) {
        try {
            return v == null || v.isEmpty() ? -1 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Median difference of two independent samples (launches are not paired) with a bootstrap interval. */
    static Stats.Interval difference(double[] a, double[] b, long seed) {
        double[] ra = Stats.medianReplicates(List.of(a), seed, Stats.DEFAULT_RESAMPLES);
        double[] rb = Stats.medianReplicates(List.of(b), seed ^ 0x5DEECE66DL, Stats.DEFAULT_RESAMPLES);
        return Stats.percentile(Stats.median(a) - Stats.median(b), Stats.combine((p, q) -> p - q, ra, rb));
    }

    /** Reads dir/trials.csv, writes dir/setup.csv (header only when nothing was launched); returns the rows. */
    public static List<Row> write(Path dir, String baselineModel) {
        Path trials = dir.resolve("trials.csv");
        List<Row> rows = java.nio.file.Files.exists(trials) ? fromTrials(Csv.read(trials), baselineModel) : List.of();
        Csv.write(dir.resolve("setup.csv"), HEADER, rows.stream().map(Row::cells).toList());
        return rows;
    }
}

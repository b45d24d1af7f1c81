package org.sandbench.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The overhead matrix (overhead.csv): one summary figure of every workload's
 * overhead relative to its baseline, and one figure per workload in nanoseconds.
 * Both show the median overhead with its 95% paired-bootstrap interval.  Each
 * model's overhead is over the baseline of its own backend (a container's over a
 * baseline container); the baselines are not drawn (zero by definition) but named.
 */
public final class OverheadFigures implements FigureFamily {
    static final String BASELINE = "none";

    @Override
    public String id() {
        return "overhead";
    }

    @Override
    public String title() {
        return "Overhead per operation";
    }

    @Override
    public List<ResultSet.Part> needsAnyOf() {
        return List.of(ResultSet.Part.OVERHEAD);
    }

    /** How rows are named in the figures: workloads by workload and parameters, models qualified only when needed. */
    static final class Labels {
        private final Set<String> modelsInSeveralModes = new LinkedHashSet<>();
        private final Set<String> modelsOnSeveralBackends = new LinkedHashSet<>();

        Labels(List<ResultSet.Row> rows) {
            Map<String, Set<String>> backendsOf = new HashMap<>(), modesOf = new HashMap<>();
            for (ResultSet.Row r : rows) {
                modesOf.computeIfAbsent(r.get("model"), k -> new LinkedHashSet<>()).add(r.get("mode"));
                backendsOf.computeIfAbsent(r.get("model"), k -> new LinkedHashSet<>()).add(r.get("backend"));
            }
            backendsOf.forEach((m, b) -> {
                if (b.size() > 1)
                    modelsOnSeveralBackends.add(m);
            });
            modesOf.forEach((m, b) -> {
                if (b.size() > 1)
                    modelsInSeveralModes.add(m);
            });
        }

        String instance(ResultSet.Row r) {
            return r.get("workload") + (r.get("params").isEmpty() ? "" : " " + r.get("params"));
        }

        /** "seccomp"; "seccomp (self)" when it ran in several modes, "seccomp (vm:linux)" on several backends. */
        String model(ResultSet.Row r) {
            List<String> q = new ArrayList<>();
            if (modelsOnSeveralBackends.contains(r.get("model")))
                q.add(r.get("backend"));
            if (modelsInSeveralModes.contains(r.get("model")))
                q.add(r.get("mode"));
            return r.get("model") + (q.isEmpty() ? "" : " (" + String.join(", ", q) + ")");
        }

        /** Where a baseline ran, for the subtitles: the backend, and the mode when the baseline ran in several. */
        String baselineWhere(ResultSet.Row r) {
            return r.get("backend") + (modelsInSeveralModes.contains(r.get("model")) ? " " + r.get("mode") : "");
        }
    }

    static Map<String, List<ResultSet.Row>> byInstance(List<ResultSet.Row> rows, Labels labels) {
        Map<String, List<ResultSet.Row>> out = new LinkedHashMap<>();
        for (ResultSet.Row r : rows)
            out.computeIfAbsent(labels.instance(r), k -> new ArrayList<>()).add(r);
        return out;
    }

    static boolean measured(ResultSet.Row r) {
        return !Double.isNaN(r.num("overhead_ns")) && !Double.isNaN(r.num("baseline_ns_per_op"));
    }

    @Override
    public List<Figure> draw(ResultSet rs) {
        List<ResultSet.Row> rows = rs.rows(ResultSet.Part.OVERHEAD);
        if (rows.isEmpty())
            return List.of();
        Labels labels = new Labels(rows);
        Map<String, List<ResultSet.Row>> instances = byInstance(rows, labels);
        // Models with a number somewhere are drawn; the others (a guest that could not run...) are named.
        Map<String, String> neverMeasured = new LinkedHashMap<>();
        Set<String> drawn = new LinkedHashSet<>();
        for (ResultSet.Row r : rows) {
            if (r.get("model").equals(BASELINE))
                continue;
            String m = labels.model(r);
            if (measured(r)) {
                drawn.add(m);
                neverMeasured.remove(m);
            } else if (!drawn.contains(m)) {
                neverMeasured.putIfAbsent(m, r.get("status"));
            }
        }
        List<String> models = List.copyOf(drawn);
        List<Figure> out = new ArrayList<>();
        if (!models.isEmpty())
            out.add(summary(rs, labels, instances, models, neverMeasured));
        for (Map.Entry<String, List<ResultSet.Row>> e : instances.entrySet())
            out.add(perWorkload(rs, labels, e.getKey(), e.getValue(), models));
        return out;
    }

    private Figure summary(ResultSet rs, Labels labels, Map<String, List<ResultSet.Row>> instances, List<String> models,
                           Map<String, String> neverMeasured) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        IntervalBarRenderer renderer = new IntervalBarRenderer();
        for (String m : models)
            for (Map.Entry<String, List<ResultSet.Row>> e : instances.entrySet()) {
                ResultSet.Row r = find(labels, e.getValue(), m);
                // Every (model, workload) gets a slot, so bars keep their place when one is missing.
                Double v = null;
                if (r != null && measured(r)) {
                    double base = r.num("baseline_ns_per_op");
                    v = 100 * r.num("overhead_ns") / base;
                    renderer.interval(m, e.getKey(), 100 * r.num("overhead_ci_low") / base,
                            100 * r.num("overhead_ci_high") / base);
                }
                ds.addValue(v, m, e.getKey());
            }
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("workload"),
                new NumberAxis("overhead relative to no sandbox (%)"), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        for (int i = 0; i < models.size(); i++)
            renderer.setSeriesPaint(i, Palette.model(modelId(models.get(i))));
        renderer.setItemMargin(0.05);
        renderer.clipWhiskersBeyond(2.5);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, true);
        List<String> subs = new ArrayList<>();
        subs.add("Bars: median extra time per operation, in % of the unsandboxed time on the same backend.");
        subs.add("Whiskers: 95% bootstrap interval, rounds paired; an arrow runs off the axis.");
        if (!neverMeasured.isEmpty()) {
            List<String> nm = new ArrayList<>();
            neverMeasured.forEach((m, st) -> nm.add(m + " (" + st + ")"));
            subs.add("Not measured here: " + String.join(", ", nm) + "; the caveats say why.");
        }
        ChartStyle.apply(chart, "Sandbox overhead by workload and model (" + rs.kernelLabel() + ")",
                subs.toArray(String[]::new));
        int bars = instances.size() * models.size();
        int height = Math.max(320, 160 + bars * 12 + instances.size() * 8);
        return new Figure("overhead-summary", chart, 900, height,
                "Median overhead of each model over the unsandboxed baseline of its backend, in percent of the "
                        + "baseline's time per operation, with the 95% paired-bootstrap interval. Missing bars were not "
                        + "measured (see the caveats).");
    }

    private Figure perWorkload(ResultSet rs, Labels labels, String label, List<ResultSet.Row> rows, List<String> models) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        IntervalBarRenderer renderer = new IntervalBarRenderer();
        List<String> missing = new ArrayList<>();
        for (String m : models) {
            ResultSet.Row r = find(labels, rows, m);
            if (r != null && measured(r)) {
                ds.addValue(r.num("overhead_ns"), "overhead", m);
                renderer.interval("overhead", m, r.num("overhead_ci_low"), r.num("overhead_ci_high"));
            } else {
                ds.addValue(null, "overhead", m);
                missing.add(m + " (" + (r == null ? "not run" : r.get("status")) + ")");
            }
        }
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("model"),
                new NumberAxis("overhead per operation (ns)"), renderer);
        renderer.setMaximumBarWidth(0.18);
        // One series, coloured per model: a legend would repeat the axis labels, so there is none.
        renderer.columnPaints(models.stream().map(m -> Palette.model(modelId(m))).toList());
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, false);
        for (String m : models) {
            ResultSet.Row r = find(labels, rows, m);
            if (r == null || !measured(r)) {
                // Said where the bar would be, so an empty slot is not read as "no overhead".
                CategoryTextAnnotation a = new CategoryTextAnnotation("not measured: " + (r == null ? "not run"
                        : r.get("status")), m, 0);
                a.setFont(ChartStyle.SMALL);
                a.setPaint(Palette.VERMILLION);
                a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                plot.addAnnotation(a);
            }
        }
        List<String> bases = new ArrayList<>();
        for (ResultSet.Row b : rows)
            if (b.get("model").equals(BASELINE) && !Double.isNaN(b.num("ns_per_op")))
                bases.add(String.format(Locale.ROOT, "%s%s ns/op [%s, %s]",
                        bases.isEmpty() && rows.stream().filter(x -> x.get("model").equals(BASELINE)).count() == 1 ? ""
                                : labels.baselineWhere(b) + " ", fmt(b.num("ns_per_op")), fmt(b.num("ci_low")),
                        fmt(b.num("ci_high"))));
        List<String> subs = new ArrayList<>();
        subs.add((bases.isEmpty() ? "no baseline measured" : "no sandbox: " + String.join("; ", bases)) + " (95% CI)");
        subs.add(rs.kernelLabel() + (missing.isEmpty() ? "" : "; not measured: " + String.join(", ", missing)));
        int width = Math.max(560, 150 + 130 * models.size());
        ChartStyle.apply(chart, "Overhead per operation: " + label, subs.toArray(String[]::new));
        return new Figure("overhead-" + slug(label), chart, width, 360,
                "Extra nanoseconds per operation of " + label + " under each model, over the unsandboxed baseline "
                        + "measured in the same run on the same backend (median, 95% paired-bootstrap interval).");
    }

    static ResultSet.Row find(Labels labels, List<ResultSet.Row> rows, String model) {
        for (ResultSet.Row r : rows)
            if (!r.get("model").equals(BASELINE) && labels.model(r).equals(model))
                return r;
        return null;
    }

    /** The model id of a label: its colour does not depend on the backend or mode it ran on. */
    static String modelId(String label) {
        int i = label.indexOf(" (");
        return i < 0 ? label : label.substring(0, i);
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%.1f", v);
    }

    static String slug(String s) {
        String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return x.isEmpty() ? "x" : x;
    }
}

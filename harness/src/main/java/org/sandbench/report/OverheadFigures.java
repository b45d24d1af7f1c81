package org.sandbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The overhead matrix (overhead.csv): one summary figure of every workload's
 * overhead relative to its baseline, and one figure per workload in nanoseconds.
 * Both show the median overhead with its 95% paired-bootstrap interval; the
 * baseline itself is not drawn (its overhead is zero by definition) but named.
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

    /** A workload instance as labelled in the figures: workload, parameters, and mode/backend when they vary. */
    static Map<String, List<ResultSet.Row>> byInstance(List<ResultSet.Row> rows) {
        Set<String> modes = new LinkedHashSet<>(), backends = new LinkedHashSet<>();
        for (ResultSet.Row r : rows) {
            modes.add(r.get("mode"));
            backends.add(r.get("backend"));
        }
        Map<String, List<ResultSet.Row>> out = new LinkedHashMap<>();
        for (ResultSet.Row r : rows) {
            String label = r.get("workload") + (r.get("params").isEmpty() ? "" : " " + r.get("params"))
                    + (modes.size() > 1 ? " (" + r.get("mode") + ")" : "")
                    + (backends.size() > 1 ? " [" + r.get("backend") + "]" : "");
            out.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    static List<String> models(List<ResultSet.Row> rows) {
        Set<String> m = new LinkedHashSet<>();
        for (ResultSet.Row r : rows)
            if (!r.get("model").equals(BASELINE))
                m.add(r.get("model"));
        return List.copyOf(m);
    }

    static boolean measured(ResultSet.Row r) {
        return !Double.isNaN(r.num("overhead_ns")) && !Double.isNaN(r.num("baseline_ns_per_op"));
    }

    @Override
    public List<Figure> draw(ResultSet rs) {
        List<ResultSet.Row> rows = rs.rows(ResultSet.Part.OVERHEAD);
        if (rows.isEmpty())
            return List.of();
        Map<String, List<ResultSet.Row>> instances = byInstance(rows);
        List<String> models = models(rows);
        List<Figure> out = new ArrayList<>();
        if (!models.isEmpty())
            out.add(summary(rs, instances, models));
        for (Map.Entry<String, List<ResultSet.Row>> e : instances.entrySet())
            out.add(perWorkload(rs, e.getKey(), e.getValue(), models));
        return out;
    }

    private Figure summary(ResultSet rs, Map<String, List<ResultSet.Row>> instances, List<String> models) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        IntervalBarRenderer renderer = new IntervalBarRenderer();
        for (String m : models)
            for (Map.Entry<String, List<ResultSet.Row>> e : instances.entrySet()) {
                ResultSet.Row r = find(e.getValue(), m);
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
        colourModels(renderer, models);
        renderer.setItemMargin(0.05);
        renderer.clipWhiskersBeyond(2.5);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, "Sandbox overhead by workload and model (" + rs.kernelLabel() + ")",
                "Bars: median extra time per operation in % of the unsandboxed time. Whiskers: 95% bootstrap interval, "
                        + "rounds paired (arrow: off the axis).");
        plot.getRangeAxis().setLabel("overhead relative to no sandbox (%)");
        int bars = instances.size() * models.size();
        int height = Math.max(320, 150 + bars * 13 + instances.size() * 8);
        return new Figure("overhead-summary", chart, 900, height,
                "Median overhead of each model over the unsandboxed baseline, in percent of the baseline's time per "
                        + "operation, with the 95% paired-bootstrap interval. Missing bars were not measured (see the caveats).");
    }

    private Figure perWorkload(ResultSet rs, String label, List<ResultSet.Row> rows, List<String> models) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        IntervalBarRenderer renderer = new IntervalBarRenderer();
        List<String> missing = new ArrayList<>();
        for (String m : models) {
            ResultSet.Row r = find(rows, m);
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
        renderer.columnPaints(models.stream().map(Palette::model).toList());
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, false);
        for (String m : models) {
            ResultSet.Row r = find(rows, m);
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
        ResultSet.Row base = find(rows, BASELINE);
        String baseText = base == null || Double.isNaN(base.num("ns_per_op")) ? "no baseline measured"
                : String.format(Locale.ROOT, "baseline (no sandbox): %s ns/op, 95%% CI [%s, %s]",
                fmt(base.num("ns_per_op")), fmt(base.num("ci_low")), fmt(base.num("ci_high")));
        List<String> subs = new ArrayList<>();
        subs.add(baseText + "; " + rs.kernelLabel());
        if (!missing.isEmpty())
            subs.add("not measured: " + String.join(", ", missing));
        ChartStyle.apply(chart, "Overhead per operation: " + label, subs.toArray(String[]::new));
        return new Figure("overhead-" + slug(label), chart, 560, 360,
                "Extra nanoseconds per operation of " + label + " under each model, over the unsandboxed baseline "
                        + "measured in the same run (median, 95% paired-bootstrap interval).");
    }

    static ResultSet.Row find(List<ResultSet.Row> rows, String model) {
        for (ResultSet.Row r : rows)
            if (r.get("model").equals(model))
                return r;
        return null;
    }

    static void colourModels(IntervalBarRenderer r, List<String> models) {
        for (int i = 0; i < models.size(); i++)
            r.setSeriesPaint(i, Palette.model(models.get(i)));
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%.1f", v);
    }

    static String slug(String s) {
        String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return x.isEmpty() ? "x" : x;
    }
}

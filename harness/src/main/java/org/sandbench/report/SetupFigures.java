package org.sandbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.sandbench.stats.Stats;

/**
 * Setup costs: what applying each model costs once, stage by stage.  Drawn from
 * setup.csv when the set has one; otherwise from the stage timings every trial
 * records in trials.csv (docs/protocol.md, "SB1 setup" and "SB1 exec"), as the
 * median over trials with a bootstrap interval.  Stages span four orders of
 * magnitude, so the axis is logarithmic.
 */
public final class SetupFigures implements FigureFamily {

    /** trials.csv columns that time a setup stage, with what each measures. */
    static final Map<String, String> TRIAL_STAGES = stages();

    private static Map<String, String> stages() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seccomp_compile_ns", "seccomp: compile filter");
        m.put("seccomp_load_ns", "seccomp: load filter");
        m.put("landlock_build_ns", "Landlock: build ruleset");
        m.put("landlock_restrict_ns", "Landlock: restrict self");
        m.put("launcher_ns", "launcher start to execve");
        m.put("launch_to_main_ns", "launcher start to workload main");
        return m;
    }

    /** Stage ids of setup.csv (measure: SetupCosts) as the figure names them. */
    static final Map<String, String> STAGE_LABELS = Map.of(
            "landlock_build", "Landlock: build ruleset",
            "landlock_restrict_self", "Landlock: restrict self",
            "seccomp_compile", "seccomp: compile filter",
            "seccomp_load", "seccomp: load filter",
            "launcher_to_exec", "launcher start to execve",
            "launch_to_main", "launcher start to workload main");

    static String stageLabel(String id) {
        return STAGE_LABELS.getOrDefault(id, id.replace('_', ' '));
    }

    @Override
    public String id() {
        return "setup";
    }

    @Override
    public String title() {
        return "Setup costs";
    }

    @Override
    public List<ResultSet.Part> needsAnyOf() {
        return List.of(ResultSet.Part.SETUP, ResultSet.Part.TRIALS);
    }

    /** One (model, stage) cost: median and interval in nanoseconds. */
    public record Cost(String model, String stage, double ns, double low, double high, int n) {
    }

    /** From setup.csv if present, else from trials.csv. */
    public static List<Cost> costs(ResultSet rs) {
        List<Cost> out = new ArrayList<>();
        if (rs.has(ResultSet.Part.SETUP)) {
            for (ResultSet.Row r : rs.rows(ResultSet.Part.SETUP))
                out.add(new Cost(r.get("backend").isEmpty() || r.get("backend").equals("local") ? r.get("model")
                        : r.get("model") + " (" + r.get("backend") + ")", stageLabel(r.get("stage")), r.num("ns_per_op"), r.num("ci_low"), r.num("ci_high"),
                        (int) r.num("samples")));
            return out;
        }
        Map<String, Map<String, List<Double>>> byModel = new LinkedHashMap<>();
        for (ResultSet.Row r : rs.rows(ResultSet.Part.TRIALS)) {
            if (!r.get("status").equals("ok"))
                continue;
            boolean seccomp = r.num("seccomp_filters") > 0;
            for (String col : TRIAL_STAGES.keySet()) {
                // A model without a seccomp filter still passes through the (empty) stage: not a cost of that model.
                if (col.startsWith("seccomp_") && r.has("seccomp_filters") && !seccomp)
                    continue;
                double v = r.num(col);
                // 0 means the stage did not happen for this model (no ruleset to build); empty, not measured.
                if (Double.isNaN(v) || v <= 0)
                    continue;
                // A container's or a guest's launches are not the host's: they are kept apart.
                String who = r.get("backend").isEmpty() || r.get("backend").equals("local") ? r.get("model")
                        : r.get("model") + " (" + r.get("backend") + ")";
                byModel.computeIfAbsent(who, k -> new LinkedHashMap<>())
                        .computeIfAbsent(col, k -> new ArrayList<>()).add(v);
            }
        }
        for (Map.Entry<String, Map<String, List<Double>>> m : byModel.entrySet())
            for (String col : TRIAL_STAGES.keySet()) {
                List<Double> xs = m.getValue().get(col);
                if (xs == null)
                    continue;
                double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
                Stats.Interval iv = Stats.medianInterval(a, Stats.seed("setup|" + m.getKey() + "|" + col));
                out.add(new Cost(m.getKey(), TRIAL_STAGES.get(col), iv.estimate(), iv.low(), iv.high(), a.length));
            }
        return out;
    }

    @Override
    public List<Figure> draw(ResultSet rs) {
        List<Cost> costs = costs(rs);
        if (costs.isEmpty())
            return List.of();
        Set<String> models = new LinkedHashSet<>(), stages = new LinkedHashSet<>();
        for (Cost c : costs) {
            models.add(c.model());
            stages.add(c.stage());
        }
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        IntervalBarRenderer renderer = new IntervalBarRenderer();
        List<String> ms = List.copyOf(models);
        for (String m : ms)
            for (String st : stages) {
                Cost c = costs.stream().filter(x -> x.model().equals(m) && x.stage().equals(st)).findFirst().orElse(null);
                // Microseconds: setup stages take from a fraction of one to thousands.
                ds.addValue(c == null || Double.isNaN(c.ns()) ? null : c.ns() / 1000.0, m, st);
                if (c != null)
                    renderer.interval(m, st, c.low() / 1000.0, c.high() / 1000.0);
            }
        for (int i = 0; i < ms.size(); i++)
            renderer.setSeriesPaint(i, Palette.model(OverheadFigures.modelId(ms.get(i))));
        renderer.setItemMargin(0.04);
        // Bars on a log axis start at its lower edge, not at 0 (which a log axis cannot show).
        renderer.setIncludeBaseInRange(false);
        var axis = ChartStyle.logAxis("time (microseconds, log scale)");
        axis.setSmallestValue(0.01);
        ChartStyle.fromDecadeBelow(axis, costs.stream().mapToDouble(c -> Double.isNaN(c.low()) ? c.ns() : c.low())
                .filter(v -> v > 0).min().orElse(1) / 1000, costs.stream().mapToDouble(c -> Double.isNaN(c.high())
                ? c.ns() : c.high()).max().orElse(1) / 1000);
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("stage"), axis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, true);
        String source = rs.has(ResultSet.Part.SETUP) ? "all launches of the run (setup.csv)"
                : "stage timings of every trial (trials.csv)";
        ChartStyle.apply(chart, "Setup cost of each model, stage by stage (" + rs.kernelLabel() + ")",
                "Bars: median over " + source + "; whiskers: 95% bootstrap interval. Paid once per process, not per call.");
        int bars = models.size() * stages.size();
        return List.of(new Figure("setup-stages", chart, 900, Math.max(320, 150 + bars * 12 + stages.size() * 10),
                "One-time cost of applying each model, by stage, in microseconds on a logarithmic axis (median and 95% "
                        + "bootstrap interval). Source: " + source + "."));
    }
}

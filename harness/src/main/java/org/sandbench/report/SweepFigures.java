package org.sandbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A parameter sweep (sweep-*.csv): one figure per axis.  Each axis moves one
 * parameter while the others stay fixed (SPEC, "Sweeps"), so a figure plots
 * ns/op against that parameter, one line per combination of the other columns
 * that vary along it (for the seccomp length axis: position x cacheable).  A
 * numeric parameter gets lines, with logarithmic axes when the values span more
 * than a factor of 20; an on/off or named parameter gets grouped bars.
 */
abstract class SweepFigures implements FigureFamily {

    /** The columns that describe a sweep point (not statistics), in display order. */
    abstract List<String> parameters();

    /** Axis names as the sweep writes them, mapped to the column they move, when the two differ. */
    abstract Map<String, String> aliases();

    /** "filter length (rules)": the axis label of a parameter, with its unit. */
    abstract String label(String column);

    abstract ResultSet.Part part();

    /** What is timed, for titles: "per system call". */
    abstract String measured();

    @Override
    public List<ResultSet.Part> needsAnyOf() {
        return List.of(part());
    }

    @Override
    public List<Figure> draw(ResultSet rs) {
        Map<String, List<ResultSet.Row>> byAxis = new LinkedHashMap<>();
        for (ResultSet.Row r : rs.rows(part()))
            byAxis.computeIfAbsent(r.get("axis"), k -> new ArrayList<>()).add(r);
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<String, List<ResultSet.Row>> e : byAxis.entrySet()) {
            Figure f = axisFigure(rs, e.getKey(), e.getValue());
            if (f != null)
                out.add(f);
        }
        return out;
    }

    String xColumn(String axis, List<ResultSet.Row> rows) {
        if (parameters().contains(axis))
            return axis;
        String a = aliases().get(axis.toLowerCase(Locale.ROOT));
        if (a != null)
            return a;
        // An axis this version does not know: the parameter with the most distinct values moves.
        String best = null;
        int most = 1;
        for (String c : parameters()) {
            int n = distinct(rows, c).size();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }

    private Figure axisFigure(ResultSet rs, String axis, List<ResultSet.Row> rows) {
        String x = xColumn(axis, rows);
        if (x == null)
            return null;
        List<String> seriesCols = seriesColumns(rows, x);
        Map<String, List<ResultSet.Row>> series = new LinkedHashMap<>();
        for (ResultSet.Row r : sorted(rows, seriesCols))
            series.computeIfAbsent(seriesLabel(r, seriesCols), k -> new ArrayList<>()).add(r);
        boolean numeric = distinct(rows, x).size() >= 3 && rows.stream().allMatch(r -> !Double.isNaN(r.num(x)));
        String title = title(axis, x) + " (" + rs.kernelLabel() + ")";
        String sub = "Median time " + measured() + " with its 95% bootstrap interval"
                + (seriesCols.isEmpty() ? "" : "; lines by " + String.join(" x ", seriesCols.stream()
                .map(this::shortLabel).toList()));
        JFreeChart chart = numeric ? lines(x, series, baselines(rows), sub) : bars(x, series, sub);
        ChartStyle.apply(chart, title, sub);
        return new Figure(id() + "-" + OverheadFigures.slug(axis), chart, 860, 460,
                "Sweep along " + shortLabel(x) + ": time " + measured() + " (median, 95% interval)"
                        + (seriesCols.isEmpty() ? "." : ", for each " + String.join(" x ", seriesCols.stream()
                        .map(this::shortLabel).toList()) + "."));
    }

    String title(String axis, String x) {
        return title() + ": time " + measured() + " vs " + shortLabel(x);
    }

    /** The label without its unit, for sentences. */
    String shortLabel(String column) {
        String l = label(column);
        int i = l.indexOf(" (");
        return i < 0 ? l : l.substring(0, i);
    }

    /** Parameters other than x that vary along this axis; one determined by earlier ones adds nothing and is left out. */
    List<String> seriesColumns(List<ResultSet.Row> rows, String x) {
        List<String> out = new ArrayList<>();
        for (String c : parameters()) {
            if (c.equals(x) || distinct(rows, c).size() < 2)
                continue;
            if (!out.isEmpty() && determined(rows, out, c))
                continue;
            out.add(c);
        }
        return out;
    }

    private static boolean determined(List<ResultSet.Row> rows, List<String> by, String c) {
        Map<String, String> seen = new HashMap<>();
        for (ResultSet.Row r : rows) {
            String k = by.stream().map(r::get).reduce("", (a, b) -> a + "\u0000" + b);
            String prev = seen.putIfAbsent(k, r.get(c));
            if (prev != null && !prev.equals(r.get(c)))
                return false;
        }
        return true;
    }

    private String seriesLabel(ResultSet.Row r, List<String> cols) {
        if (cols.isEmpty())
            return "sandboxed";
        List<String> parts = new ArrayList<>();
        for (String c : cols)
            parts.add(valueLabel(c, r.get(c)));
        return String.join(", ", parts);
    }

    /** A parameter value as a legend says it ("last", "not cacheable"); the subtitle names the parameters. */
    String valueLabel(String column, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> shortLabel(column);
            case "no", "false" -> "not " + shortLabel(column);
            default -> value.matches("-?[0-9.]+") ? shortLabel(column) + " " + value : value;
        };
    }

    /** Rows in a stable order: series columns as text, then x as a number. */
    private static List<ResultSet.Row> sorted(List<ResultSet.Row> rows, List<String> cols) {
        List<ResultSet.Row> out = new ArrayList<>(rows);
        Comparator<ResultSet.Row> cmp = Comparator.comparing(r -> "");
        for (String c : cols)
            cmp = cmp.thenComparing(r -> r.get(c));
        out.sort(cmp);
        return out;
    }

    static Set<String> distinct(List<ResultSet.Row> rows, String col) {
        Set<String> s = new LinkedHashSet<>();
        for (ResultSet.Row r : rows)
            if (r.has(col))
                s.add(r.get(col));
        return s;
    }

    private static List<Double> baselines(List<ResultSet.Row> rows) {
        TreeSet<Double> b = new TreeSet<>();
        for (ResultSet.Row r : rows)
            if (!Double.isNaN(r.num("baseline_ns_per_op")))
                b.add(r.num("baseline_ns_per_op"));
        return new ArrayList<>(b);
    }

    private JFreeChart lines(String x, Map<String, List<ResultSet.Row>> series, List<Double> baselines, String sub) {
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        double xmin = Double.MAX_VALUE, xmax = 0, ymin = Double.MAX_VALUE, ymax = 0;
        for (Map.Entry<String, List<ResultSet.Row>> e : series.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey(), true, true);
            for (ResultSet.Row r : e.getValue()) {
                double v = r.num("ns_per_op");
                if (Double.isNaN(v))
                    continue;
                double lo = Double.isNaN(r.num("ci_low")) ? v : r.num("ci_low");
                double hi = Double.isNaN(r.num("ci_high")) ? v : r.num("ci_high");
                s.add(r.num(x), v, lo, hi);
                xmin = Math.min(xmin, r.num(x));
                xmax = Math.max(xmax, r.num(x));
                ymin = Math.min(ymin, lo);
                ymax = Math.max(ymax, hi);
            }
            ds.addSeries(s);
        }
        // The unsandboxed time moves along the axis too (a deeper path costs more to walk): then it is a line.
        int baselineSeries = -1;
        if (baselines.size() > 1 && !series.isEmpty()) {
            YIntervalSeries base = new YIntervalSeries("no sandbox", true, true);
            for (ResultSet.Row r : series.values().iterator().next()) {
                double b = r.num("baseline_ns_per_op");
                if (!Double.isNaN(b))
                    base.add(r.num(x), b, b, b);
            }
            baselineSeries = ds.getSeriesCount();
            ds.addSeries(base);
        }
        for (double b : baselines) {
            ymin = Math.min(ymin, b);
            ymax = Math.max(ymax, b);
        }
        // A log axis labels decades only: it pays off when the values span a few of them.
        ValueAxis xa = xmin > 0 && xmax / xmin > 100 ? ChartStyle.logAxis(label(x)) : intAxis(label(x));
        ValueAxis ya;
        if (ChartStyle.wantsLog(ymin, ymax)) {
            ya = ChartStyle.logAxis("time " + measured() + " (ns, log scale)");
        } else {
            // From zero: the growth is read against the whole cost of the call, and the baseline line fits.
            NumberAxis na = ChartStyle.linearAxis("time " + measured() + " (ns)", true);
            ya = na;
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(5);
        renderer.setErrorStroke(new BasicStroke(1f));
        Shape[] shapes = {new Ellipse2D.Double(-3.5, -3.5, 7, 7), new Rectangle2D.Double(-3, -3, 6, 6),
                diamond(4), triangle(4)};
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            Color c = Palette.series(i);
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesStroke(i, new BasicStroke(1.8f));
            // Shapes differ as well as colours, so lines stay apart in grey print.
            renderer.setSeriesShape(i, shapes[i % shapes.length]);
        }
        if (baselineSeries >= 0) {
            renderer.setSeriesPaint(baselineSeries, new Color(0x666666));
            renderer.setSeriesStroke(baselineSeries, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                    new float[] {4f, 4f}, 0f));
            renderer.setSeriesShapesVisible(baselineSeries, false);
        }
        XYPlot plot = new XYPlot(ds, xa, ya, renderer);
        for (double b : baselines.size() == 1 ? baselines : List.<Double>of()) {
            ValueMarker m = new ValueMarker(b, new Color(0x666666), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            m.setLabel(String.format(Locale.ROOT, "no sandbox: %s ns", OverheadFigures.fmt(b)));
            m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            m.setLabelFont(ChartStyle.SMALL);
            m.setLabelPaint(new Color(0x444444));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
        }
        return new JFreeChart(null, ChartStyle.TITLE, plot, ds.getSeriesCount() > 1);
    }

    private static NumberAxis intAxis(String label) {
        NumberAxis a = ChartStyle.linearAxis(label, false);
        a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return a;
    }

    private JFreeChart bars(String x, Map<String, List<ResultSet.Row>> series, String sub) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        IntervalBarRenderer renderer = new IntervalBarRenderer();
        int i = 0;
        for (Map.Entry<String, List<ResultSet.Row>> e : series.entrySet()) {
            for (ResultSet.Row r : e.getValue()) {
                double v = r.num("ns_per_op");
                String cat = valueLabel(x, r.get(x));
                ds.addValue(Double.isNaN(v) ? null : v, e.getKey(), cat);
                renderer.interval(e.getKey(), cat, r.num("ci_low"), r.num("ci_high"));
            }
            renderer.setSeriesPaint(i, Palette.series(i));
            i++;
        }
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis(label(x)),
                ChartStyle.linearAxis("time " + measured() + " (ns)", true), renderer);
        renderer.setMaximumBarWidth(0.12);
        return new JFreeChart(null, ChartStyle.TITLE, plot, ds.getRowCount() > 1);
    }

    private static Shape diamond(double s) {
        java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        p.moveTo(0, -s);
        p.lineTo(s, 0);
        p.lineTo(0, s);
        p.lineTo(-s, 0);
        p.closePath();
        return p;
    }

    private static Shape triangle(double s) {
        java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        p.moveTo(0, -s);
        p.lineTo(s, s);
        p.lineTo(-s, s);
        p.closePath();
        return p;
    }
}

package org.sandbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The escape-coverage matrix (escapes.csv): a heat map of attempts x models
 * coloured by verdict and grouped by category, each cell also lettered (B, K, C,
 * E, H, P) so it reads without colour; and the share of applicable attempts each
 * model stopped, per category.
 */
public final class EscapeFigures implements FigureFamily {

    @Override
    public String id() {
        return "escapes";
    }

    @Override
    public String title() {
        return "Escape attempts";
    }

    @Override
    public List<ResultSet.Part> needsAnyOf() {
        return List.of(ResultSet.Part.ESCAPES);
    }

    /** A model column: the model, with its mode when the set has several. */
    static String column(ResultSet.Row r, boolean modes) {
        return r.get("model") + (modes && !r.get("mode").isEmpty() ? " (" + r.get("mode") + ")" : "");
    }

    static boolean severalModes(List<ResultSet.Row> rows) {
        Set<String> m = new LinkedHashSet<>();
        for (ResultSet.Row r : rows)
            m.add(r.get("mode"));
        return m.size() > 1;
    }

    /** Categories in first-seen order, attempts sorted by id within each. */
    static Map<String, List<String>> attemptsByCategory(List<ResultSet.Row> rows) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        for (ResultSet.Row r : rows)
            m.computeIfAbsent(r.get("category"), k -> new java.util.TreeSet<>()).add(r.get("attempt"));
        // rows are keyed by attempt id; the label adds its short name when escapes.csv has one
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    @Override
    public List<Figure> draw(ResultSet rs) {
        List<ResultSet.Row> rows = rs.rows(ResultSet.Part.ESCAPES);
        if (rows.isEmpty())
            return List.of();
        return List.of(heatMap(rs, rows), coverage(rs, rows));
    }

    private Figure heatMap(ResultSet rs, List<ResultSet.Row> rows) {
        boolean modes = severalModes(rows);
        List<String> columns = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(r -> column(r, modes)).toList()));
        Map<String, List<String>> cats = attemptsByCategory(rows);
        // Rows of the map, top to bottom: a header row per category, then its attempts.
        List<String> yLabels = new ArrayList<>();
        List<Integer> headerRows = new ArrayList<>();
        Map<String, Integer> attemptRow = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> c : cats.entrySet()) {
            headerRows.add(yLabels.size());
            yLabels.add(c.getKey().toUpperCase(Locale.ROOT));
            for (String a : c.getValue()) {
                attemptRow.put(c.getKey() + "\u0000" + a, yLabels.size());
                String name = rows.stream().filter(r -> r.get("attempt").equals(a)).map(r -> r.get("name"))
                        .filter(n -> !n.isEmpty()).findFirst().orElse("");
                boolean control = rows.stream().anyMatch(r -> r.get("attempt").equals(a) && isControl(r));
                yLabels.add((name.isEmpty() || a.contains(name) ? a : a + " " + name) + (control ? " (control)" : ""));
            }
        }
        int n = yLabels.size();
        List<double[]> cells = new ArrayList<>();
        List<XYTextAnnotation> letters = new ArrayList<>();
        for (ResultSet.Row r : rows) {
            Integer y = attemptRow.get(r.get("category") + "\u0000" + r.get("attempt"));
            int x = columns.indexOf(column(r, modes));
            EscapeVerdict v = EscapeVerdict.parse(r.get("verdict"));
            // y is flipped so the first category is at the top.
            double yy = n - 1 - y;
            cells.add(new double[] {x, yy, v.ordinal()});
            boolean unexpected = r.get("matches_expected").equalsIgnoreCase("false")
                    || r.get("matches_expected").equalsIgnoreCase("no");
            XYTextAnnotation t = new XYTextAnnotation(v.letter + (unexpected ? " !" : ""), x, yy);
            t.setFont(new Font(ChartStyle.FONT, Font.BOLD, 11));
            t.setPaint(textOn(v.colour));
            letters.add(t);
        }
        double[][] data = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++)
            for (int k = 0; k < 3; k++)
                data[k][i] = cells.get(i)[k];
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("verdicts", data);
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, EscapeVerdict.values().length, Color.WHITE);
        for (EscapeVerdict v : EscapeVerdict.values())
            scale.add(v.ordinal(), v.colour);
        renderer.setPaintScale(scale);
        renderer.setBlockWidth(0.94);
        renderer.setBlockHeight(0.9);
        List<String> flipped = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--)
            flipped.add(yLabels.get(i));
        SymbolAxis xAxis = new SymbolAxis("model", columns.toArray(String[]::new));
        SymbolAxis yAxis = new SymbolAxis(null, flipped.toArray(String[]::new));
        for (SymbolAxis a : List.of(xAxis, yAxis)) {
            ChartStyle.style(a);
            a.setGridBandsVisible(false);
        }
        xAxis.setRange(-0.5, columns.size() - 0.5);
        yAxis.setRange(-0.5, n - 0.5);
        XYPlot plot = new XYPlot(ds, xAxis, yAxis, renderer);
        plot.setDomainAxisLocation(AxisLocation.TOP_OR_LEFT);
        letters.forEach(plot::addAnnotation);
        for (int h : headerRows) {
            double yy = n - 1 - h;
            ValueMarker line = new ValueMarker(yy + 0.5, new Color(0x444444), new BasicStroke(1.2f));
            plot.addRangeMarker(line);
        }
        LegendItemCollection legend = new LegendItemCollection();
        Set<EscapeVerdict> present = new LinkedHashSet<>();
        for (ResultSet.Row r : rows)
            present.add(EscapeVerdict.parse(r.get("verdict")));
        for (EscapeVerdict v : EscapeVerdict.values())
            if (present.contains(v)) {
                LegendItem li = new LegendItem(v.letter + " " + v.meaning, null, null, null,
                        new Rectangle2D.Double(-6, -6, 12, 12), v.colour, new BasicStroke(0.5f), new Color(0x888888));
                legend.add(li);
            }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, "Escape attempts by model (" + rs.kernelLabel() + ")",
                "Each cell: what the model did to the attempt. \"!\" marks a verdict that differs from the attempt's expectation.");
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        int width = Math.max(560, 260 + 120 * columns.size());
        int height = 190 + 19 * n + 18 * ((present.size() + 1) / 2);
        return new Figure("escape-matrix", chart, width, height,
                "Every escape attempt (rows, grouped by category) under every model (columns), coloured and lettered by "
                        + "verdict: B blocked, K killed, C confined, E escaped, H n/a on this host, P n/a on this platform.");
    }

    private Figure coverage(ResultSet rs, List<ResultSet.Row> rows) {
        boolean modes = severalModes(rows);
        List<String> columns = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(r -> column(r, modes)).toList()));
        Map<String, List<String>> cats = attemptsByCategory(rows);
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        Map<String, String> labels = new TreeMap<>();
        for (String m : columns)
            for (String c : cats.keySet()) {
                int stopped = 0, applicable = 0;
                for (ResultSet.Row r : rows) {
                    if (!column(r, modes).equals(m) || !r.get("category").equals(c))
                        continue;
                    EscapeVerdict v = EscapeVerdict.parse(r.get("verdict"));
                    // A control attempt does what the policy allows (it proves the arena works): not an attack to stop.
                    if (!v.comparable() || isControl(r))
                        continue;
                    applicable++;
                    if (v.stopped())
                        stopped++;
                }
                ds.addValue(applicable == 0 ? null : 100.0 * stopped / applicable, m, c);
                labels.put(m + "\u0000" + c, applicable == 0 ? "" : stopped + "/" + applicable);
            }
        IntervalBarRenderer renderer = new IntervalBarRenderer();
        for (int i = 0; i < columns.size(); i++)
            renderer.setSeriesPaint(i, Palette.model(columns.get(i).replaceFirst(" \\(.*\\)$", "")));
        renderer.setDefaultItemLabelGenerator(new CategoryItemLabelGenerator() {
            @Override
            public String generateRowLabel(CategoryDataset d, int row) {
                return d.getRowKey(row).toString();
            }

            @Override
            public String generateColumnLabel(CategoryDataset d, int column) {
                return d.getColumnKey(column).toString();
            }

            @Override
            public String generateLabel(CategoryDataset d, int row, int column) {
                return labels.get(d.getRowKey(row) + "\u0000" + d.getColumnKey(column));
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.SMALL);
        // Horizontal bars, each label at its bar's end: labels cannot collide however many columns a run has
        // (vertical bars with eight columns, the host's and the containers', overprinted their "12/12" labels).
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        renderer.setItemMargin(0.04);
        NumberAxis y = ChartStyle.linearAxis("attempts stopped (% of those applicable)", true);
        y.setRange(0, 112);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(20, ChartStyle.plain()));
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("category"), y, renderer);
        plot.setOrientation(org.jfree.chart.plot.PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, "Escape coverage per model and category (" + rs.kernelLabel() + ")",
                "Stopped = blocked or killed; n/a attempts (host or platform) and controls are left out. Labels: stopped/applicable.");
        int height = 150 + cats.size() * (20 + 15 * columns.size());
        return new Figure("escape-coverage", chart, 1000, height,
                "Share of the applicable escape attempts of each category that each model stopped (blocked or killed), "
                        + "with the counts on the bars.");
    }

    static boolean isControl(ResultSet.Row r) {
        return r.has("role") && !r.get("role").isEmpty() && !r.get("role").equals("attack");
    }

    private static Color textOn(Color bg) {
        double lum = (0.299 * bg.getRed() + 0.587 * bg.getGreen() + 0.114 * bg.getBlue()) / 255;
        return lum < 0.55 ? Color.WHITE : Color.BLACK;
    }
}

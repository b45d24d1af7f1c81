package org.sandbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.category.CategoryDataset;

/**
 * Bars with an asymmetric interval drawn over each (a 95% bootstrap interval is
 * rarely symmetric around its median).  JFreeChart's StatisticalBarRenderer only
 * draws mean +- standard deviation, so the whiskers are drawn here, at the bar
 * position BarRenderer itself computes.
 */
final class IntervalBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;

    private final Map<String, double[]> intervals = new HashMap<>();
    private List<? extends Paint> columnPaints = List.of();
    private double clip = Double.NaN;

    /**
     * Whiskers longer than this many times the largest bar are cut at the axis
     * edge and end in an arrow: one very wide interval then does not squash
     * every other bar of a summary figure.
     */
    void clipWhiskersBeyond(double timesLargestBar) {
        clip = timesLargestBar;
    }

    /** Colours bars by category instead of by series (one series whose categories are models). */
    void columnPaints(List<? extends Paint> paints) {
        columnPaints = List.copyOf(paints);
    }

    @Override
    public Paint getItemPaint(int row, int column) {
        if (column < columnPaints.size())
            return columnPaints.get(column);
        return super.getItemPaint(row, column);
    }

    void interval(Comparable<?> row, Comparable<?> column, double low, double high) {
        if (!Double.isNaN(low) && !Double.isNaN(high))
            intervals.put(row + "\u0000" + column, new double[] {low, high});
    }

    @Override
    public Range findRangeBounds(CategoryDataset dataset, boolean includeInterval) {
        Range r = super.findRangeBounds(dataset, includeInterval);
        double limit = Double.POSITIVE_INFINITY;
        if (!Double.isNaN(clip) && r != null)
            limit = clip * Math.max(Math.abs(r.getLowerBound()), Math.abs(r.getUpperBound()));
        for (double[] iv : intervals.values()) {
            r = Range.expandToInclude(r, Math.max(iv[0], -limit));
            r = Range.expandToInclude(r, Math.min(iv[1], limit));
        }
        return r;
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                         CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column,
                         int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        if (pass != 0 || dataset.getValue(row, column) == null)
            return;
        int visibleRow = state.getVisibleSeriesIndex(row);
        if (visibleRow < 0)
            return;
        double[] iv = intervals.get(dataset.getRowKey(row) + "\u0000" + dataset.getColumnKey(column));
        if (iv == null)
            return;
        PlotOrientation o = plot.getOrientation();
        double w0 = calculateBarW0(plot, o, dataArea, domainAxis, state, visibleRow, column);
        double mid = w0 + state.getBarWidth() / 2.0;
        double cap = Math.min(6.0, state.getBarWidth() / 3.0);
        RectangleEdge edge = plot.getRangeAxisEdge();
        Range axis = rangeAxis.getRange();
        boolean cutLow = iv[0] < axis.getLowerBound(), cutHigh = iv[1] > axis.getUpperBound();
        double lo = rangeAxis.valueToJava2D(Math.max(iv[0], axis.getLowerBound()), dataArea, edge);
        double hi = rangeAxis.valueToJava2D(Math.min(iv[1], axis.getUpperBound()), dataArea, edge);
        g2.setPaint(new Color(0x222222));
        g2.setStroke(new BasicStroke(1.2f));
        boolean vertical = o == PlotOrientation.VERTICAL;
        line(g2, vertical, mid, lo, mid, hi);
        end(g2, vertical, mid, lo, cap, cutLow, lo < hi ? -1 : 1);
        end(g2, vertical, mid, hi, cap, cutHigh, hi < lo ? -1 : 1);
    }

    /** A line from (m1, v1) to (m2, v2), m along the categories and v along the values. */
    private static void line(Graphics2D g2, boolean vertical, double m1, double v1, double m2, double v2) {
        g2.draw(vertical ? new Line2D.Double(m1, v1, m2, v2) : new Line2D.Double(v1, m1, v2, m2));
    }

    /** A cap, or an arrowhead pointing off the axis (dir: -1 towards smaller Java2D coordinates) when cut. */
    private static void end(Graphics2D g2, boolean vertical, double m, double v, double cap, boolean cut, int dir) {
        if (!cut) {
            line(g2, vertical, m - cap, v, m + cap, v);
            return;
        }
        double back = v - dir * 6;
        line(g2, vertical, m - 4, back, m, v);
        line(g2, vertical, m + 4, back, m, v);
    }
}

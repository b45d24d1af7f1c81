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
        for (double[] iv : intervals.values()) {
            r = Range.expandToInclude(r, iv[0]);
            r = Range.expandToInclude(r, iv[1]);
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
        double lo = rangeAxis.valueToJava2D(iv[0], dataArea, edge);
        double hi = rangeAxis.valueToJava2D(iv[1], dataArea, edge);
        g2.setPaint(new Color(0x222222));
        g2.setStroke(new BasicStroke(1.2f));
        if (o == PlotOrientation.VERTICAL) {
            g2.draw(new Line2D.Double(mid, lo, mid, hi));
            g2.draw(new Line2D.Double(mid - cap, lo, mid + cap, lo));
            g2.draw(new Line2D.Double(mid - cap, hi, mid + cap, hi));
        } else {
            g2.draw(new Line2D.Double(lo, mid, hi, mid));
            g2.draw(new Line2D.Double(lo, mid - cap, lo, mid + cap));
            g2.draw(new Line2D.Double(hi, mid - cap, hi, mid + cap));
        }
    }
}

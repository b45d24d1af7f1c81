package org.sandbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * One look for every figure: white background, light grid, no gradients or
 * shadows, one font family, locale-independent numbers.  JFreeChart's defaults
 * (grey plot area, gradient bars, 10^n labels on log axes) are replaced here,
 * once, so that the figure classes only say what to draw.
 */
public final class ChartStyle {
    public static final String FONT = pickFont();
    public static final Font TITLE = new Font(FONT, Font.BOLD, 14);
    public static final Font SUBTITLE = new Font(FONT, Font.PLAIN, 11);
    public static final Font LABEL = new Font(FONT, Font.PLAIN, 12);
    public static final Font TICK = new Font(FONT, Font.PLAIN, 11);
    public static final Font SMALL = new Font(FONT, Font.PLAIN, 10);
    public static final Color GRID = new Color(0xDDDDDD);
    public static final Color TEXT = new Color(0x222222);

    private ChartStyle() {
    }

    /** A font every machine of the project has (fonts-dejavu-core), so figures look the same on all of them. */
    private static String pickFont() {
        try {
            if (Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT))
                    .contains("DejaVu Sans"))
                return "DejaVu Sans";
        } catch (RuntimeException | Error e) {
            // no font configuration at all: the logical font below still renders
        }
        return Font.SANS_SERIF;
    }

    /** Title, subtitle lines and the common look. */
    public static JFreeChart apply(JFreeChart chart, String title, String... subtitles) {
        chart.setTitle(new TextTitle(title, TITLE));
        chart.getTitle().setPaint(TEXT);
        chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
        chart.getTitle().setMargin(2, 4, 2, 4);
        for (String s : subtitles) {
            TextTitle t = new TextTitle(s, SUBTITLE);
            t.setPaint(new Color(0x555555));
            t.setHorizontalAlignment(HorizontalAlignment.LEFT);
            t.setMargin(0, 4, 2, 4);
            chart.addSubtitle(t);
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 16));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(TICK);
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0xBBBBBB));
        plot.setInsets(new RectangleInsets(4, 4, 4, 4));
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            cp.setRangeGridlineStroke(new BasicStroke(0.8f));
            cp.setDomainGridlinesVisible(false);
            cp.setRangeZeroBaselineVisible(true);
            cp.setRangeZeroBaselinePaint(new Color(0x666666));
            // Values along the bottom (or left) edge whatever the orientation: where readers look for them.
            cp.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
            style(cp.getDomainAxis());
            for (int i = 0; i < cp.getRangeAxisCount(); i++)
                style(cp.getRangeAxis(i));
            if (cp.getRenderer() instanceof BarRenderer br) {
                br.setBarPainter(new StandardBarPainter());
                br.setShadowVisible(false);
                br.setDrawBarOutline(false);
            }
        } else if (plot instanceof XYPlot xp) {
            xp.setRangeGridlinePaint(GRID);
            xp.setDomainGridlinePaint(GRID);
            xp.setRangeGridlineStroke(new BasicStroke(0.8f));
            xp.setDomainGridlineStroke(new BasicStroke(0.8f));
            style(xp.getDomainAxis());
            style(xp.getRangeAxis());
        }
        return chart;
    }

    public static void style(Axis axis) {
        if (axis == null)
            return;
        axis.setLabelFont(LABEL);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(new Color(0x888888));
        axis.setTickMarkPaint(new Color(0x888888));
        if (axis instanceof CategoryAxis ca) {
            ca.setCategoryMargin(0.15);
            ca.setLowerMargin(0.03);
            ca.setUpperMargin(0.03);
            ca.setMaximumCategoryLabelLines(2);
        }
        if (axis instanceof NumberAxis na && !(axis instanceof LogAxis) && !(axis instanceof SymbolAxis))
            na.setNumberFormatOverride(plain());
    }

    /** Locale-independent numbers with thousands separators, no exponent. */
    public static NumberFormat plain() {
        DecimalFormat f = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f;
    }

    /** A base-10 logarithmic axis labelled with plain numbers (1, 10, 100) instead of 10^n. */
    public static LogAxis logAxis(String label) {
        LogAxis a = new LogAxis(label);
        a.setBase(10);
        a.setNumberFormatOverride(plain());
        a.setTickUnit(new NumberTickUnit(1.0, plain()), false, true);
        a.setMinorTickMarksVisible(true);
        a.setSmallestValue(1e-3);
        style(a);
        return a;
    }

    /** A linear axis for values that may be negative (overheads). */
    public static NumberAxis linearAxis(String label, boolean includeZero) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(includeZero);
        style(a);
        return a;
    }

    /** Starts a log axis at the power of ten below the smallest value, so bar lengths compare from a round number. */
    public static void fromDecadeBelow(LogAxis a, double min, double max) {
        if (!(min > 0) || !(max > 0))
            return;
        a.setAutoRange(false);
        // The top is not rounded up to a decade: its tick label would sit on the figure's edge.
        a.setRange(Math.pow(10, Math.floor(Math.log10(min))), max * 1.4);
    }

    /** True when positive values span more than a factor of 20: a log axis then shows all of them. */
    public static boolean wantsLog(double min, double max) {
        return min > 0 && max / min > 20;
    }
}

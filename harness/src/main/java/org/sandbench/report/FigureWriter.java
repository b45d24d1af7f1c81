package org.sandbench.report;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.svg.SVGGraphics2D;

/**
 * Saves a figure as PNG and SVG.  Both are byte-identical for identical input:
 * PNG through ChartUtils (no timestamps in the file), SVG with a fixed prefix
 * for the ids JFreeSVG generates (its default prefix is random per instance;
 * STYLE 11, and JFreeSVG's setDefsKeyPrefix documentation).
 */
public final class FigureWriter {
    private FigureWriter() {
    }

    /** The two files written for a figure in a folder. */
    public record Files2(Path png, Path svg) {
    }

    public static Files2 write(Figure f, Path dir) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(f.name() + ".png");
            Path svg = dir.resolve(f.name() + ".svg");
            ChartUtils.saveChartAsPNG(png.toFile(), f.chart(), f.width(), f.height());
            Files.writeString(svg, svg(f), StandardCharsets.UTF_8);
            return new Files2(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String svg(Figure f) {
        SVGGraphics2D g2 = new SVGGraphics2D(f.width(), f.height());
        g2.setDefsKeyPrefix("sb-" + f.name() + "-");
        f.chart().draw(g2, new Rectangle(0, 0, f.width(), f.height()));
        return g2.getSVGDocument();
    }
}

package org.sandbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes DIR/report/: index.html and figures/FAMILY/NAME.{png,svg}, from the
 * files of the result set alone.  The page is self-contained (inline style, no
 * script, no network) and deterministic: the same files give the same bytes.
 */
public final class Report {

    /** A family's figures as written, with paths relative to report/. */
    public record Drawn(FigureFamily family, List<Figure> figures, List<String> pngs, List<String> svgs) {
    }

    /** What was written. */
    public record Written(Path index, int figures, List<ResultSet.Part> absent, List<Caveats.Caveat> caveats) {
    }

    private Report() {
    }

    public static Written write(Path resultDir) {
        ResultSet rs = ResultSet.load(resultDir);
        Path out = resultDir.resolve("report");
        Path figDir = out.resolve("figures");
        deleteTree(figDir);
        Map<String, Drawn> drawn = new LinkedHashMap<>();
        int count = 0;
        for (FigureFamily fam : FigureFamily.all()) {
            if (fam.needsAnyOf().stream().noneMatch(rs::has))
                continue;
            List<Figure> figs = fam.draw(rs);
            List<String> pngs = new ArrayList<>(), svgs = new ArrayList<>();
            for (Figure f : figs) {
                FigureWriter.write(f, figDir.resolve(fam.id()));
                pngs.add("figures/" + fam.id() + "/" + f.name() + ".png");
                svgs.add("figures/" + fam.id() + "/" + f.name() + ".svg");
            }
            count += figs.size();
            drawn.put(fam.id(), new Drawn(fam, figs, pngs, svgs));
        }
        List<Caveats.Caveat> caveats = Caveats.of(rs);
        Path index = out.resolve("index.html");
        try {
            Files.createDirectories(out);
            Files.writeString(index, HtmlReport.render(rs, drawn, caveats), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(index, count, rs.absent(), caveats);
    }

    private static void deleteTree(Path dir) {
        org.sandbench.harness.Trees.delete(dir);
    }
}

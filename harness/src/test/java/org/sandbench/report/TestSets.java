package org.sandbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.sandbench.results.Csv;

/** Copies of the committed test result sets (src/test/resources/resultsets), to edit and render freely. */
public final class TestSets {
    private TestSets() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(TestSets.class.getResource("/resultsets/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of a set under parent/as. */
    public static Path copy(String name, Path parent, String as) {
        Path to = parent.resolve(as);
        try {
            Files.createDirectories(to);
            try (var s = Files.list(resource(name))) {
                for (Path f : s.toList())
                    if (Files.isRegularFile(f) && !f.getFileName().toString().equals("README.md"))
                        Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** A real quick run (with its setup costs), a real escape matrix and real sweeps: every part present. */
    public static Path complete(Path parent, String as) {
        Path to = copy("quick-1", parent, as);
        try {
            Files.copy(resource("escapes-1").resolve("escapes.csv"), to.resolve("escapes.csv"));
            for (String f : List.of("sweep-seccomp.csv", "sweep-landlock.csv"))
                Files.copy(resource("sweeps-1").resolve(f), to.resolve(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Rewrites a CSV row by row, keeping its header and column order. */
    public static void edit(Path csv, UnaryOperator<Map<String, String>> f) {
        List<String> header = Csv.header(csv);
        List<List<String>> rows = Csv.read(csv).stream().map(r -> {
            Map<String, String> m = f.apply(new java.util.LinkedHashMap<>(r));
            return header.stream().map(h -> m.getOrDefault(h, "")).toList();
        }).toList();
        Csv.write(csv, header, rows);
    }
}

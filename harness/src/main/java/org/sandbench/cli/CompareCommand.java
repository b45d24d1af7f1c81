package org.sandbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sandbench.compare.CompareOutput;
import org.sandbench.compare.Comparison;
import org.sandbench.harness.SandbenchException;
import org.sandbench.report.ResultSet;
import org.sandbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", description = {
        "Regression verdicts between two result sets: for every (model, workload, params) in both, regression, "
                + "improvement or no change, from the raw samples (Mann-Whitney U) and a practical threshold; "
                + "any escape verdict that got weaker is a regression.",
        "Prints a table, writes a Markdown summary and Bencher Metric Format JSON; exit 1 on any regression."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE", description = "The result set to compare against.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "The result set under test.")
    Path current;

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "" + Comparison.DEFAULT_THRESHOLD_PCT,
            description = "Smallest change that counts, in percent of the cell's ns/op in BASELINE (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "" + Comparison.DEFAULT_ALPHA,
            description = "Level of the rank test (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write compare.md and bencher.json (default: CURRENT/compare).")
    Path out;

    @Override
    public Integer call() {
        ResultSet base = ResultSet.load(baseline);
        ResultSet cur = ResultSet.load(current);
        Comparison.Result r = Comparison.compare(base, cur, threshold, alpha);
        Path dir = out != null ? out : current.resolve("compare");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("compare.md"), CompareOutput.markdown(r, base, cur), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Json.write(dir.resolve("bencher.json"), CompareOutput.bmf(cur, r));
        System.out.print(CompareOutput.table(r));
        System.out.println("summary: " + dir.resolve("compare.md"));
        System.out.println("bencher: " + dir.resolve("bencher.json"));
        return r.regressed() ? SandbenchException.FAILED : 0;
    }
}

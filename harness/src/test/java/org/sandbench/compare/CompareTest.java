package org.sandbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sandbench.cli.CliRunner;
import org.sandbench.report.ResultSet;
import org.sandbench.report.TestSets;
import org.sandbench.results.Json;
import org.sandbench.testing.TestHome;

class CompareTest {

    @TempDir
    Path tmp;

    private CliRunner.Outcome compare(Path base, Path cur, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("compare", base.toString(), cur.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(TestHome.home().root(), args.toArray(String[]::new));
    }

    /** A copy of a set whose samples of one model are multiplied by a factor (raw ns and ns/op alike). */
    private Path inflated(String set, String model, double factor) {
        Path d = TestSets.copy(set, tmp, set + "-" + model.replace('+', '_') + "-x" + factor);
        TestSets.edit(d.resolve("samples.csv"), r -> {
            if (r.get("model").equals(model)) {
                r.put("ns_per_op", String.format(Locale.ROOT, "%.3f", Double.parseDouble(r.get("ns_per_op")) * factor));
                r.put("ns", Long.toString(Math.round(Long.parseLong(r.get("ns")) * factor)));
            }
            return r;
        });
        return d;
    }

    @Test
    void twoQuickRunsOfTheSameCommitShowNoRegression() {
        Path a = TestSets.copy("quick-1", tmp, "quick-1"), b = TestSets.copy("quick-2", tmp, "quick-2");
        for (Path[] pair : new Path[][] {{a, b}, {b, a}}) {
            CliRunner.Outcome o = compare(pair[0], pair[1]);
            assertEquals(0, o.exit(), o.all());
            assertTrue(o.out().contains("0 regression(s)"), o.out());
        }
    }

    @Test
    void seccompSamplesInflatedByTwentyPercentAreARegression() throws IOException {
        Path a = TestSets.copy("quick-1", tmp, "quick-1");
        Path b = inflated("quick-1", "seccomp", 1.2);
        CliRunner.Outcome o = compare(a, b);
        assertEquals(1, o.exit(), o.all());
        Comparison.Result r = Comparison.compare(ResultSet.load(a), ResultSet.load(b), 10, 0.01);
        List<Comparison.Cell> reg = r.cells().stream().filter(c -> c.verdict() == Verdict.REGRESSION).toList();
        assertFalse(reg.isEmpty());
        for (Comparison.Cell c : reg) {
            assertEquals("seccomp", c.key().model(), "only the inflated model regressed: " + c);
            assertEquals(20, c.shiftPct(), 5, "the shift is the inflation: " + c);
        }
        // the untouched models are unchanged
        assertTrue(r.cells().stream().filter(c -> !c.key().model().equals("seccomp"))
                .allMatch(c -> c.verdict() == Verdict.NO_CHANGE), "other models: no change");
        String md = Files.readString(b.resolve("compare/compare.md"));
        assertTrue(md.startsWith("# sandbench compare: REGRESSION"), md);
        assertTrue(md.contains("## Regressions"));
    }

    /** A slower policy compiler shows in the setup stages, which are reported and never gate. */
    @Test
    void aSlowerSeccompCompileIsReportedButDoesNotGate() throws IOException {
        Path a = TestSets.copy("quick-1", tmp, "quick-1");
        Path b = TestSets.copy("quick-1", tmp, "slow-compile");
        TestSets.edit(b.resolve("trials.csv"), r -> {
            if (r.get("model").contains("seccomp") && !r.get("seccomp_compile_ns").isEmpty())
                r.put("seccomp_compile_ns", Long.toString(Long.parseLong(r.get("seccomp_compile_ns")) * 2));
            return r;
        });
        CliRunner.Outcome o = compare(a, b);
        assertEquals(0, o.exit(), "setup is not gated: " + o.all());
        Comparison.Result r = Comparison.compare(ResultSet.load(a), ResultSet.load(b), 10, 0.01);
        List<Comparison.SetupChange> moved = r.setup().stream().filter(Comparison.SetupChange::changed).toList();
        assertFalse(moved.isEmpty(), r.setup().toString());
        for (Comparison.SetupChange c : moved) {
            assertEquals("seccomp_compile_ns", c.stage(), "only the doubled stage moved: " + c);
            assertTrue(c.model().contains("seccomp"), c.toString());
            assertEquals(100, c.shiftPct(), 1, c.toString());
        }
        assertTrue(r.setup().stream().anyMatch(c -> c.stage().equals("landlock_build_ns") && !c.changed()),
                "the other stages are compared and unchanged");
        assertTrue(r.setup().stream().noneMatch(c -> c.model().equals("none") && c.stage().startsWith("seccomp_")),
                "a stage the model does not have is left out");
        assertTrue(o.out().contains("setup stages that moved:") && o.out().contains("seccomp_compile"), o.out());
        assertTrue(Files.readString(b.resolve("compare/compare.md")).contains("## Setup stages (reported, not gated)"));
    }

    @Test
    void aUniformlySlowerHostIsBaselineDriftNotARegression() {
        Path a = TestSets.copy("quick-1", tmp, "quick-1");
        Path b = TestSets.copy("quick-1", tmp, "slower-host");
        TestSets.edit(b.resolve("samples.csv"), r -> {
            r.put("ns_per_op", String.format(Locale.ROOT, "%.3f", Double.parseDouble(r.get("ns_per_op")) * 1.3));
            return r;
        });
        CliRunner.Outcome o = compare(a, b);
        assertEquals(0, o.exit(), o.all());
        Comparison.Result r = Comparison.compare(ResultSet.load(a), ResultSet.load(b), 10, 0.01);
        for (Comparison.Cell c : r.cells())
            if (c.key().model().equals("none"))
                assertEquals(Verdict.DRIFT, c.verdict(), c.toString());
            else
                assertTrue(c.verdict() != Verdict.REGRESSION, c.toString());
    }

    @Test
    void aDeflatedModelIsAnImprovementNotARegression() {
        Path a = TestSets.copy("quick-1", tmp, "quick-1");
        Path b = inflated("quick-1", "seccomp+landlock", 0.7);
        CliRunner.Outcome o = compare(a, b);
        assertEquals(0, o.exit(), o.all());
        assertTrue(o.out().contains("improvement"), o.out());
    }

    @Test
    void theThresholdIsPractical() {
        // The same 20% inflation, with a 30% threshold: significant but too small to count.
        Path a = TestSets.copy("quick-1", tmp, "quick-1");
        Path b = inflated("quick-1", "seccomp", 1.2);
        CliRunner.Outcome o = compare(a, b, "--threshold", "30");
        assertEquals(0, o.exit(), o.all());
        assertTrue(o.out().contains("below the 30% threshold"), o.out());
    }

    @Test
    void bencherJsonAndMarkdownAreWritten() throws IOException {
        Path a = TestSets.copy("quick-1", tmp, "quick-1"), b = TestSets.copy("quick-2", tmp, "quick-2");
        Path out = tmp.resolve("out");
        assertEquals(0, compare(a, b, "--out", out.toString()).exit());
        JsonNode bmf = Json.MAPPER.readTree(out.resolve("bencher.json").toFile());
        JsonNode cell = bmf.path("getpid:seccomp:retrofit");
        assertTrue(cell.path("latency").path("value").isNumber(), bmf.toString());
        assertTrue(cell.path("latency").path("lower_value").asDouble() <= cell.path("latency").path("value").asDouble());
        assertTrue(cell.path("latency").path("upper_value").asDouble() >= cell.path("latency").path("value").asDouble());
        assertTrue(cell.path("overhead").path("value").isNumber());
        assertTrue(bmf.path("getpid:none:retrofit").path("overhead").isMissingNode(), "the baseline has no overhead");
        assertTrue(Files.readString(out.resolve("compare.md")).startsWith("# sandbench compare: no regression"));
    }

    /** Each row: an escape verdict before and after, and what compare must call the change. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "BLOCKED,  ESCAPED,     regression",
            "KILLED,   ESCAPED,     regression",
            "BLOCKED,  CONFINED,    regression",
            "CONFINED, ESCAPED,     regression",
            "ESCAPED,  BLOCKED,     improvement",
            "CONFINED, KILLED,      improvement",
            "BLOCKED,  KILLED,      no change",
            "ESCAPED,  ESCAPED,     no change",
            "NA_HOST,  ESCAPED,     not compared",
            "BLOCKED,  NA_PLATFORM, not compared"})
    void anEscapeVerdictThatGotWeakerIsARegression(String before, String after, String expected) {
        Path a = TestSets.copy("escapes-1", tmp, "a"), b = TestSets.copy("escapes-1", tmp, "b");
        for (Path[] side : new Path[][] {{a, null}, {b, null}}) {
            String v = side[0] == a ? before : after;
            TestSets.edit(side[0].resolve("escapes.csv"), r -> {
                if (r.get("attempt").equals("FS-01") && r.get("model").equals("landlock"))
                    r.put("verdict", v);
                return r;
            });
        }
        Comparison.Result r = Comparison.compare(ResultSet.load(a), ResultSet.load(b), 10, 0.01);
        Comparison.Escape e = r.escapes().stream()
                .filter(x -> x.attempt().equals("FS-01") && x.model().equals("landlock")).findFirst().orElseThrow();
        assertEquals(expected, e.verdict().label);
        assertEquals(expected.equals("regression"), r.regressed(), "only that row changed");
        assertEquals(expected.equals("regression") ? 1 : 0, compare(a, b).exit());
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("missing baseline folder", "no-such-dir", "quick-1", List.of(), "is not a folder"),
                Arguments.of("current lacks samples.csv", "quick-1", "escapes-1", List.of(), "has no samples.csv but"),
                Arguments.of("negative threshold", "quick-1", "quick-2", List.of("--threshold", "-5"), "--threshold must be"),
                Arguments.of("alpha out of range", "quick-1", "quick-2", List.of("--alpha", "2"), "--alpha must be"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsExitTwoWithAMessage(String what, String base, String cur, List<String> opts, String message) {
        Path b = base.equals("no-such-dir") ? tmp.resolve(base) : TestSets.copy(base, tmp, "b-" + base);
        Path c = TestSets.copy(cur, tmp, "c-" + cur);
        CliRunner.Outcome o = compare(b, c, opts.toArray(String[]::new));
        assertEquals(2, o.exit(), what + ": " + o.all());
        assertTrue(o.err().contains(message), what + ": " + o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void aRealEscapeMatrixComparedWithItselfHasNoRegressionAndBencherCountsIt() throws IOException {
        Path a = TestSets.copy("escapes-1", tmp, "a"), b = TestSets.copy("escapes-1", tmp, "b");
        CliRunner.Outcome o = compare(a, b);
        assertEquals(0, o.exit(), o.all());
        assertTrue(o.out().contains("escapes: all 350 verdicts unchanged"), o.out());
        JsonNode bmf = Json.MAPPER.readTree(b.resolve("compare/bencher.json").toFile());
        assertTrue(bmf.path("escapes:landlock:retrofit").path("escapes-stopped").path("value").asDouble() > 0, bmf.toString());
    }

    @Test
    void setsWithNothingToCompareAreBadInput() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        for (Path p : List.of(a, b)) {
            Files.createDirectories(p);
            Files.copy(TestSets.resource("quick-1").resolve("env.json"), p.resolve("env.json"));
        }
        CliRunner.Outcome o = compare(a, b);
        assertEquals(2, o.exit(), o.all());
        assertTrue(o.err().contains("has samples.csv or escapes.csv"), o.err());
    }
}

package org.sandbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sandbench.cli.CliRunner;
import org.sandbench.testing.TestHome;

class ReportTest {

    @TempDir
    Path tmp;

    private static List<String> figureFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("report"))) {
            return s.filter(Files::isRegularFile).map(p -> dir.resolve("report").relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aRealQuickRunGetsEveryOverheadFigureAndSaysWhatIsAbsent() throws IOException {
        Path set = TestSets.copy("quick-1", tmp, "quick-1");
        Report.Written w = Report.write(set);
        String html = Files.readString(w.index());
        int instances = (int) ResultSet.load(set).rows(ResultSet.Part.OVERHEAD).stream()
                .map(r -> r.get("workload") + " " + r.get("params")).distinct().count();
        // the summary, one per workload instance, and the setup costs drawn from trials.csv
        assertEquals(instances + 2, w.figures());
        for (String f : figureFiles(set))
            if (f.endsWith(".png"))
                assertTrue(html.contains("src=\"" + f + "\""), "index.html shows " + f);
        Matcher m = Pattern.compile("(src|href)=\"([^\"#]+)\"").matcher(html);
        while (m.find()) {
            String ref = m.group(2);
            assertFalse(ref.startsWith("http:") || ref.startsWith("https:") || ref.startsWith("//"),
                    "no network reference: " + ref);
            if (!ref.startsWith("data:"))
                assertTrue(Files.isRegularFile(w.index().getParent().resolve(ref)), "the page's file exists: " + ref);
        }
        assertTrue(w.absent().contains(ResultSet.Part.ESCAPES));
        assertTrue(html.contains("escapes.csv (escape-coverage matrix)"), "the caveats say which parts are absent");
        assertTrue(html.contains("quick run"));
        assertTrue(html.contains(ResultSet.load(set).env().path("sandbench").path("git_commit").asText()),
                "the manifest shows the commit");
        assertTrue(html.contains("./sandbench run --quick"), "and the exact command");
    }

    @Test
    void everyFigureFamilyIsDrawnWhenEveryPartIsPresent() throws IOException {
        Path set = TestSets.complete(tmp, "complete");
        Report.write(set);
        List<String> files = figureFiles(set);
        for (String f : List.of("figures/overhead/overhead-summary", "figures/overhead/overhead-getpid",
                "figures/seccomp-sweep/seccomp-sweep-filter-length", "figures/seccomp-sweep/seccomp-sweep-position",
                "figures/seccomp-sweep/seccomp-sweep-rule-kind", "figures/seccomp-sweep/seccomp-sweep-stacked",
                "figures/seccomp-sweep/seccomp-sweep-spec-allow", "figures/seccomp-sweep/seccomp-sweep-optimize",
                "figures/landlock-sweep/landlock-sweep-depth", "figures/landlock-sweep/landlock-sweep-rules",
                "figures/landlock-sweep/landlock-sweep-layers", "figures/landlock-sweep/landlock-sweep-access",
                "figures/setup/setup-stages",
                "figures/escapes/escape-matrix", "figures/escapes/escape-coverage"))
            for (String ext : List.of(".png", ".svg"))
                assertTrue(files.contains(f + ext), f + ext + " in " + files);
    }

    @Test
    void theSameFilesGiveByteIdenticalFiguresAndPage() throws IOException {
        Path a = TestSets.complete(tmp.resolve("a"), "set");
        Path b = TestSets.complete(tmp.resolve("b"), "set");
        Report.write(a);
        Report.write(b);
        List<String> files = figureFiles(a);
        assertEquals(files, figureFiles(b));
        assertTrue(files.stream().filter(f -> f.endsWith(".png")).count() >= 12);
        for (String f : files)
            assertArrayEquals(Files.readAllBytes(a.resolve("report").resolve(f)),
                    Files.readAllBytes(b.resolve("report").resolve(f)), f + " differs between two renders");
        // and again over an existing report: the folder is redrawn, not appended to
        Report.write(a);
        assertEquals(files, figureFiles(a));
    }

    @Test
    void svgIdsCarryTheFixedPrefix() throws IOException {
        Path set = TestSets.complete(tmp, "set");
        Report.write(set);
        String svg = Files.readString(set.resolve("report/figures/overhead/overhead-summary.svg"));
        Matcher m = Pattern.compile("\\bid=['\"]([^'\"]+)['\"]").matcher(svg);
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(m.group(1).startsWith("sb-overhead-summary-"), m.group(1));
        }
        assertTrue(n > 0, "JFreeSVG wrote clip ids");
    }

    @Test
    void containerColumnsAreExplainedInTheEscapeSection() throws IOException {
        Path set = TestSets.copy("quick-1", tmp, "containers");
        Files.copy(TestSets.resource("escapes-containers-1").resolve("escapes.csv"), set.resolve("escapes.csv"));
        Files.copy(TestSets.resource("escapes-containers-1").resolve("env.json"), set.resolve("env.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(topics(set).contains("container columns"), topics(set).toString());
        String html = Files.readString(Report.write(set).index());
        int at = html.indexOf("<div id=\"escape-containers\">");
        assertTrue(at > html.indexOf("<section id=\"escapes\">"), "in the escape section");
        String part = html.substring(at, html.indexOf("</div>", at));
        // Counted from this set's escapes.csv: stopped of the attacks that apply, per container column.
        assertTrue(part.contains("container-none is the same image and user with seccomp=unconfined: it stopped 21/60 "
                + "applicable attacks by itself, docker-default 27/60, docker-seccomp 45/60"), part);
        for (String topic : List.of("(Docker 20.10.24+dfsg1, runc)", "Namespaces:", "Capabilities:", "no-new-privileges",
                "Root filesystem:", "NA_PLATFORM", "runc answers ENOSYS", "defaultErrnoRet", "built-in profile"))
            assertTrue(part.contains(topic), topic + " in " + part);

        Path plain = TestSets.complete(tmp, "plain");
        assertFalse(topics(plain).contains("container columns"));
        assertFalse(Files.readString(Report.write(plain).index()).contains("escape-containers"));
    }

    /** Each row: what is changed in a real result set, and the caveat the report must then carry. */
    static Stream<Arguments> caveats() {
        return Stream.of(
                Arguments.of("incoherent cell", (Consumer<Path>) d -> TestSets.edit(d.resolve("overhead.csv"), r -> {
                    if (r.get("model").equals("seccomp") && r.get("workload").equals("getpid"))
                        r.put("coherent", "no: faster than its baseline beyond noise");
                    return r;
                }), "incoherent"),
                Arguments.of("model not enforced", (Consumer<Path>) d -> TestSets.edit(d.resolve("overhead.csv"), r -> {
                    if (r.get("model").equals("landlock") && r.get("workload").equals("getpid")) {
                        r.put("status", "not-enforced");
                        r.put("ns_per_op", "");
                        r.put("note", "the sandbox was not in force");
                    }
                    return r;
                }), "not enforced"),
                Arguments.of("dropped Landlock right", (Consumer<Path>) d -> TestSets.edit(d.resolve("overhead.csv"), r -> {
                    if (r.get("model").equals("landlock"))
                        r.put("enforced", "landlock ABI 3 fs=0x7fff net=0x0 scoped=0x0 dropped fs=0x8000 net=0x3 scoped=0x0");
                    return r;
                }), "dropped Landlock rights"),
                Arguments.of("SSB state differs", (Consumer<Path>) d -> TestSets.edit(d.resolve("trials.csv"), r -> {
                    if (r.get("model").equals("seccomp"))
                        r.put("ssb", "thread force mitigated");
                    return r;
                }), "SSB confound"),
                Arguments.of("failed trial", (Consumer<Path>) d -> TestSets.edit(d.resolve("trials.csv"), r -> {
                    if (r.get("model").equals("seccomp") && r.get("round").equals("1") && r.get("workload").equals("read"))
                        r.put("status", "timeout");
                    return r;
                }), "failed trials"),
                Arguments.of("busy host", (Consumer<Path>) d -> rewriteEnv(d, "\"load_average\" : { \"start\" : \"9.50 8.00 7.00\" },"),
                        "busy host"),
                Arguments.of("interrupted run", (Consumer<Path>) d -> rewriteEnv(d, "\"partial\" : true,\n  \"interrupted\" : \"stopped by a signal after 5 of 36 trials\","),
                        "partial"));
    }

    private static void rewriteEnv(Path d, String insert) {
        try {
            String env = Files.readString(d.resolve("env.json"));
            Files.writeString(d.resolve("env.json"), env.replaceFirst("\\{", "{\n  " + insert));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caveats")
    void theReportCarriesTheCaveatsOfItsData(String what, Consumer<Path> change, String topic) throws IOException {
        Path set = TestSets.copy("quick-1", tmp, "set");
        List<String> before = topics(set);
        assertFalse(before.contains(topic), "the unchanged set has no '" + topic + "' caveat: " + before);
        change.accept(set);
        assertTrue(topics(set).contains(topic), what + " gives the caveat '" + topic + "': " + topics(set));
        Report.Written w = Report.write(set);
        assertTrue(Files.readString(w.index()).contains("<b>" + topic + ":</b>"));
    }

    private static List<String> topics(Path set) {
        List<String> out = new ArrayList<>();
        for (Caveats.Caveat c : Caveats.of(ResultSet.load(set)))
            out.add(c.topic());
        return out;
    }

    /** Each row: a broken input, and what the error message must say (exit 2, no stack trace). */
    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("missing folder", (Consumer<Path>) d -> { }, "no-such-dir", "is not a folder"),
                Arguments.of("empty folder", (Consumer<Path>) d -> mkdirs(d.resolve("empty")), "empty", "holds no result files"),
                Arguments.of("a column missing", (Consumer<Path>) d -> {
                    Path s = TestSets.copy("quick-1", d, "cut");
                    try {
                        List<String> lines = Files.readAllLines(s.resolve("overhead.csv"));
                        Files.write(s.resolve("overhead.csv"), lines.stream().map(l -> l.replaceFirst("^[^,]*,", "")).toList());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, "cut", "has no column 'model'"),
                Arguments.of("env.json not JSON", (Consumer<Path>) d -> {
                    Path s = TestSets.copy("quick-1", d, "badenv");
                    try {
                        Files.writeString(s.resolve("env.json"), "{ not json");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, "badenv", "is not valid JSON"));
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsExitTwoWithAMessage(String what, Consumer<Path> setup, String dir, String message) {
        setup.accept(tmp);
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), "report", tmp.resolve(dir).toString());
        assertEquals(2, o.exit(), what + ": " + o.all());
        assertTrue(o.err().contains(message), what + ": " + o.err());
        assertFalse(o.err().contains("at org.sandbench"), "no stack trace: " + o.err());
    }

    @Test
    void theReportCommandPrintsWhereTheReportIs() {
        Path set = TestSets.copy("quick-2", tmp, "quick-2");
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), "report", set.toString());
        assertEquals(0, o.exit(), o.all());
        assertTrue(o.out().contains("report: " + set.resolve("report/index.html").toAbsolutePath()), o.out());
        assertTrue(o.err().contains("absent here: sweep-seccomp.csv"), o.err());
    }

}

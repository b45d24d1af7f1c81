package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.cli.CliRunner;
import org.sandbench.results.Csv;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/**
 * Live kernel: the whole corpus once, in the real arena, under every model, judged against the
 * shipped expectations for this kernel; then what the matrix must show, asserted directly so
 * that a regression in a mechanism (Landlock no longer blocking the filesystem attempts, say)
 * fails here even if someone also edits the expectation file.
 */
class EscapeMatrixTest {
    static final List<String> SPEC_COLUMNS = List.of("attempt", "category", "model", "verdict", "errno_or_signal", "expected",
            "matches_expected", "evidence");

    @TempDir
    static Path out;
    static CliRunner.Outcome run;
    static final Map<String, Map<String, String>> verdict = new HashMap<>(); // attempt -> model -> verdict
    static final Map<String, Map<String, String>> rows = new HashMap<>();

    static void requireArena() {
        TestHome.requireSeccomp();
        TestHome.requireLandlock();
        JailRunner j = new JailRunner(TestHome.home().nativeBuild().resolve("bin/sb-jail"));
        Require.capability("root", j.root(), "the escape arena drops attempts from root to a dedicated uid");
    }

    @BeforeAll
    static void matrix() {
        requireArena();
        run = CliRunner.run(TestHome.home().root(), "escapes", "--out", out.toString());
        for (Map<String, String> r : Csv.read(out.resolve("escapes.csv"))) {
            verdict.computeIfAbsent(r.get("attempt"), k -> new HashMap<>()).put(r.get("model"), r.get("verdict"));
            rows.put(r.get("attempt") + "/" + r.get("model"), r);
        }
    }

    @Test
    void everyVerdictMatchesTheShippedExpectations() {
        assertEquals(0, run.exit(), run::all);
        assertTrue(run.err().contains("linux-6.18-abi7.csv") || !TestHome.facts().kernelRelease().startsWith("6.18"),
                "on 6.18 the shipped expectation file is the gate:\n" + run.err());
        assertTrue(verdict.size() >= 45, "attempts run: " + verdict.size());
        assertEquals(SPEC_COLUMNS, Csv.header(out.resolve("escapes.csv")).subList(0, 8));
        for (Map<String, String> r : rows.values())
            assertTrue(!r.get("expected").isEmpty() && r.get("matches_expected").equals("true"), r::toString);
        assertTrue(run.out().contains("coverage"), run.out());
    }

    @Test
    void theBaselineReachesEveryTargetTheHostAllows() {
        for (var e : verdict.entrySet()) {
            String v = e.getValue().get("none");
            assertTrue(Set.of("ESCAPED", "NA_HOST", "NA_PLATFORM").contains(v), e.getKey() + " baseline " + v);
        }
        assertEquals("ESCAPED", verdict.get("IPC-01").get("none"), "the victim counts signals");
        assertEquals("ESCAPED", verdict.get("DEV-01").get("none"), "the pty master sees injected input");
        assertEquals("ESCAPED", verdict.get("PRIV-01").get("none"), "the planted setuid binary works");
    }

    @Test
    void filesystemAttemptsEscapeSeccompAndLandlockBlocksThem() {
        for (String a : List.of("FS-01", "FS-02", "FS-03", "FS-04", "FS-08", "FS-11", "FS-15", "AMB-05")) {
            assertEquals("ESCAPED", verdict.get(a).get("seccomp"), a + ": seccomp cannot see the path");
            assertEquals("BLOCKED", verdict.get(a).get("landlock"), a + ": Landlock must block it");
        }
        // Every filesystem attack is stopped by Landlock but the documented gaps (metadata, stat, memfd).
        Set<String> gaps = Set.of("FS-12", "FS-13", "FS-14", "FS-17");
        for (var e : verdict.entrySet())
            if (e.getKey().startsWith("FS-") && !gaps.contains(e.getKey()))
                assertEquals("BLOCKED", e.getValue().get("landlock"), e.getKey());
    }

    @Test
    void kernelSurfaceIsStoppedBySeccompNotLandlock() {
        int seen = 0;
        for (var e : verdict.entrySet()) {
            if (!e.getKey().startsWith("KAS-") || e.getValue().get("none").equals("NA_HOST"))
                continue;
            seen++;
            assertEquals("KILLED", e.getValue().get("seccomp"), e.getKey());
            assertEquals("ESCAPED", e.getValue().get("landlock"), e.getKey());
        }
        assertTrue(seen >= 5, "kernel-attack-surface attempts that apply here: " + seen);
    }

    @Test
    void theCombinationStopsTheUnion() {
        for (var e : verdict.entrySet()) {
            Map<String, String> m = e.getValue();
            boolean either = stopped(m.get("seccomp")) || stopped(m.get("landlock"));
            assertEquals(either, stopped(m.get("seccomp+landlock")), e.getKey() + " " + m);
        }
    }

    @Test
    void bypassClassicsBeatTheNaiveFilterNotTheCorrectOne() {
        for (String a : List.of("BYP-01", "BYP-02", "BYP-03", "BYP-05", "BYP-06", "BYP-08")) {
            assertEquals("ESCAPED", verdict.get(a).get("seccomp-naive"), a);
            assertEquals("KILLED", verdict.get(a).get("seccomp"), a);
            assertEquals("BLOCKED", verdict.get(a).get("landlock"), a);
        }
    }

    @Test
    void controlsWorkEverywhere() {
        for (String a : List.of("NET-03", "DEV-04"))
            for (String m : List.of("none", "seccomp", "landlock", "seccomp+landlock", "seccomp-naive"))
                assertEquals("ESCAPED", verdict.get(a).get(m), a + " " + m);
    }

    @Test
    void evidenceIsDeterministic() {
        for (Map<String, String> r : rows.values())
            assertTrue(!r.get("evidence").matches(".*[0-9a-f]{32}.*"), "no token in the evidence column: " + r);
        assertTrue(Files.exists(out.resolve("escapes-transcript.txt")));
    }

    static boolean stopped(String v) {
        return v.equals("BLOCKED") || v.equals("KILLED");
    }
}

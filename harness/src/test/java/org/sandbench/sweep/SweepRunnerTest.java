package org.sandbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.backend.Batch;
import org.sandbench.backend.TrialResult;
import org.sandbench.models.Enforcement;
import org.sandbench.stats.Stats;
import org.sandbench.sweep.SeccompSweep.Config;
import org.sandbench.sweep.SeccompSweep.Kind;
import org.sandbench.sweep.SeccompSweep.Position;

/** The sweep runner's pure parts: trial order, pairing, trends and the findings in words. */
class SweepRunnerTest {

    @ParameterizedTest(name = "{0} points, round {1}, baseline every {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "4 | 0 | 3 | B 0 1 2 B 3",
        "4 | 1 | 3 | B 1 2 3 B 0",
        "3 | 2 | 1 | B 2 B 0 B 1",
        "0 | 0 | 3 | B",
    })
    void baselineRunsBeforeEveryFewPointsAndPointsRotate(int points, int round, int every, String expected) {
        List<String> got = SweepRunner.order(points, round, every).stream().map(i -> i < 0 ? "B" : i.toString()).toList();
        assertEquals(Arrays.asList(expected.split(" ")), got);
        assertEquals(got.size(), SweepRunner.trialsPerRound(points, every));
    }

    static TrialResult trial(double level, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Batch> b = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long iters = 100_000;
            b.add(new Batch(i, iters, Math.round((level + r.nextDouble()) * iters), Math.round((level + 1) * iters)));
        }
        return new TrialResult(TrialResult.Status.OK, "", b, Enforcement.UNKNOWN, "", Map.of(), 0, "", 0, List.of());
    }

    static SweepRunner.Trial t(String id) {
        return new SweepRunner.Trial(id, "seccomp", "getppid", "", "g", "", Path.of("/bin/true"), List.of(),
                r -> Optional.empty());
    }

    @Test
    void eachRoundPairsWithTheBaselinesOfThatRound() {
        // Drift between rounds (100, 150, 120) must cancel: the overhead is 20 in every round.
        List<TrialResult> mine = List.of(trial(120, 1), trial(170, 2), trial(140, 3));
        List<List<TrialResult>> base = List.of(List.of(trial(100, 4), trial(100, 7)), List.of(trial(150, 5)),
                List.of(trial(120, 6), trial(120, 8)));
        SweepRunner.Measured m = SweepRunner.summarise(t("p"), mine, base, 3);
        assertEquals("ok", m.status());
        assertEquals(24, m.samples());
        assertEquals(20, m.overhead().estimate(), 25);
        assertTrue(m.overhead().low() > 0, m.overhead()::toString);
        assertEquals(Stats.DEFAULT_RESAMPLES, m.overheadReplicates().length);

        TrialResult failed = trial(0, 9).withStatus(TrialResult.Status.DENIED, "syscall denied");
        SweepRunner.Measured partial = SweepRunner.summarise(t("q"), List.of(mine.get(0), failed), base.subList(0, 2), 2);
        assertEquals("partial", partial.status());
        assertEquals("syscall denied", partial.note());
        SweepRunner.Measured none = SweepRunner.summarise(t("r"), List.of(failed), base.subList(0, 1), 1);
        assertEquals("denied", none.status());
        assertTrue(Double.isNaN(none.overhead().estimate()), "no number for a trial that could not run");
    }

    @ParameterizedTest(name = "change [{0}, {1}] with tolerance {2}: {3}")
    @CsvSource({
        "5, 9, 2, GROWS",
        "-1, 30, 2, FLAT",
        "0.5, 1.5, 2, FLAT",
        "-9, -3, 2, SHRINKS",
        "NaN, NaN, 2, UNCLEAR",
    })
    void trendsAreJudgedFromIntervals(double lo, double hi, double tol, Figure.Trend expected) {
        assertEquals(expected, Figure.trend(new Stats.Interval((lo + hi) / 2, lo, hi), tol));
    }

    /** A made-up measured row with an overhead of `over` ns and tight replicates around it. */
    static SweepRunner.Measured row(String id, double over) {
        double[] reps = new double[Stats.DEFAULT_RESAMPLES];
        SplittableRandom r = new SplittableRandom(id.hashCode());
        for (int i = 0; i < reps.length; i++)
            reps[i] = over + r.nextDouble() - 0.5;
        return new SweepRunner.Measured(t(id), new Stats.Interval(150 + over, 149 + over, 151 + over),
                Stats.percentile(over, reps), reps, 150, 80, 0, 3, 3, "ok", "seccomp mode 2", "", Enforcement.UNKNOWN, "1", 0);
    }

    static SeccompSweepRun.Row srow(Config c, List<String> axes, int insns, double over) {
        return new SeccompSweepRun.Row(new SeccompSweep.Point(c, axes), new BpfFacts(insns, c.kind() == Kind.CACHEABLE,
                List.of(insns)), row(c.id(), over));
    }

    static List<SeccompSweepRun.Row> rows(double argPerRule, double cachePerRule) {
        List<SeccompSweepRun.Row> rows = new ArrayList<>();
        for (Kind k : Kind.values()) {
            double per = k == Kind.ARGUMENT ? argPerRule : cachePerRule;
            double entry = k == Kind.ARGUMENT ? 30 : 10;
            for (int len : new int[] { 27, 100, 400 })
                rows.add(srow(new Config(len, Position.LAST, k, 1, 1, false), List.of("filter_length"), len + 5,
                        entry + per * len));
            rows.add(srow(new Config(200, Position.FIRST, k, 1, 1, false), List.of("position"), 11, entry + per * 5));
            rows.add(srow(new Config(200, Position.LAST, k, 1, 1, false), List.of("position", "rule_kind"), 210,
                    entry + per * 200));
            rows.add(srow(new Config(200, Position.LAST, k, 1, 4, false), List.of("stacked"), 840, 4 * (entry + per * 200)));
        }
        return rows;
    }

    @Test
    void findingsSayTheArgumentRowsGrowAndTheCacheableRowsStayFlat() {
        List<Figure> figures = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        SeccompSweepRun.derive(rows(0.13, 0), figures, findings);
        String all = String.join("\n", findings);
        assertTrue(all.contains("argument-inspecting rows grow") && all.contains("cacheable rows stay flat"), all);
        assertTrue(all.contains("On this kernel the argument-inspecting rows grow with filter length and position while "
                + "the cacheable rows stay flat"), all);
        Figure perRule = figures.stream().filter(f -> f.name().equals("cost per rule (argument)")).findFirst().orElseThrow();
        assertEquals(0.13, perRule.value().estimate(), 1e-6);
        Figure entry = figures.stream().filter(f -> f.name().startsWith("entry cost")).findFirst().orElseThrow();
        assertEquals(10 + 27 * 0, entry.value().estimate(), 1e-6);

        // Without the cache both kinds grow, and the output says the expected pattern was not seen.
        figures.clear();
        findings.clear();
        SeccompSweepRun.derive(rows(0.13, 0.13), figures, findings);
        assertTrue(String.join("\n", findings).contains("was NOT seen in full"), findings::toString);
    }
}

package org.sandbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.backend.LocalBackend;
import org.sandbench.backend.TrialSettings;
import org.sandbench.cli.CliRunner;
import org.sandbench.harness.Progress;
import org.sandbench.results.Csv;
import org.sandbench.testing.TestHome;

/**
 * Live-kernel smoke tests of the sweeps with a handful of points and tiny trials: the
 * plumbing (plans, launcher, proof checks, pairing, CSV columns), never absolute times.
 */
class SweepLiveTest {
    @TempDir
    Path tmp;

    static SweepRunner.Settings tiny() {
        return new SweepRunner.Settings(2, 2, new TrialSettings(3, 2, 5, -1));
    }

    @Test
    void seccompSweepMeasuresWhatItsRowsClaim() {
        TestHome.requireSeccomp();
        var axes = new SeccompSweep.Axes(new SeccompSweep.Config(40, SeccompSweep.Position.LAST,
                SeccompSweep.Kind.ARGUMENT, 1, 1, false), List.of(40), List.of(SeccompSweep.Position.LAST), List.of(1),
                List.of(1, 2), List.of(false));
        var run = new SeccompSweepRun(TestHome.home(), TestHome.syscalls(), new LocalBackend(TestHome.home(),
                TestHome.syscalls()), Progress.lines(System.err));
        SeccompSweepRun.Result res;
        try (SweepRunner.Recorder rec = new SweepRunner.Recorder(tmp.resolve("out"))) {
            res = run.run(axes, tiny(), tmp.resolve("work"), rec);
        }
        assertEquals(List.of(), res.failures());
        assertEquals(4, res.rows().size());
        for (SeccompSweepRun.Row r : res.rows()) {
            assertEquals("ok", r.measured().status(), r.measured()::note);
            String want = "status: seccomp mode 2, " + r.point().config().stacked() + " filters";
            assertTrue(r.measured().enforced().contains(want), r.measured().enforced());
        }
        Csv.write(tmp.resolve("sweep-seccomp.csv"), SeccompSweepRun.header(), SeccompSweepRun.csvRows(res.rows()));
        assertEquals(List.of("axis", "filter_length", "position", "rule_kind", "optimize", "stacked", "spec_allow",
                "bpf_insns_executed", "cacheable", "ns_per_op", "ci_low", "ci_high", "samples", "baseline_ns_per_op",
                "overhead_ns", "overhead_ratio", "enforced", "overhead_ci_low", "overhead_ci_high", "outliers", "trials",
                "status"), Csv.header(tmp.resolve("sweep-seccomp.csv")).subList(0, 22), "the report reads these columns");
        List<Map<String, String>> samples = Csv.read(tmp.resolve("out/samples.csv"));
        assertTrue(samples.stream().anyMatch(s -> s.get("model").equals("none")), "baseline samples are kept");
        assertTrue(samples.stream().allMatch(s -> !s.get("cpu_ns").isEmpty()), "every batch reports its CPU time");
        assertTrue(res.findings().stream().anyMatch(f -> f.startsWith("cost per stacked filter")), res.findings()::toString);
    }

    @Test
    void landlockSweepChecksLayersRulesAndOutcome() {
        TestHome.requireLandlock();
        var axes = new LandlockSweep.Axes(new LandlockSweep.Config(2, 1, 1, LandlockSweep.Access.ALLOWED), List.of(2),
                List.of(1, 3), List.of(1, 2), List.of(LandlockSweep.Access.ALLOWED, LandlockSweep.Access.DENIED));
        var run = new LandlockSweepRun(TestHome.home(), new LocalBackend(TestHome.home(), TestHome.syscalls()),
                Progress.lines(System.err));
        LandlockSweepRun.Result res;
        try (SweepRunner.Recorder rec = new SweepRunner.Recorder(tmp.resolve("out"))) {
            res = run.run(axes, tiny(), tmp.resolve("work"), rec);
        }
        assertEquals(List.of(), res.failures());
        for (LandlockSweepRun.Row r : res.rows()) {
            var c = r.point().config();
            assertEquals("ok", r.measured().status(), r.measured()::note);
            assertTrue(r.measured().enforced().contains(c.rules() + " path rule") && r.measured().enforced().contains(
                    c.layers() + " layer") && r.measured().enforced().contains("open " + c.access().id())
                    && r.measured().enforced().contains("landlock probe denied"), r.measured().enforced());
        }
    }

    @Test
    void commandLine() throws Exception {
        Path home = TestHome.home().root();
        CliRunner.Outcome bare = CliRunner.run(home, "sweep");
        assertEquals(2, bare.exit(), bare::all);
        assertTrue(bare.all().contains("name a sweep: seccomp or landlock"), bare::all);
        CliRunner.Outcome bad = CliRunner.run(home, "sweep", "landlock", "--rounds", "0", "--out", tmp.toString());
        assertEquals(2, bad.exit(), bad::all);
        assertTrue(bad.err().contains("--rounds and --batches must be >= 1"), bad::all);
        CliRunner.Outcome dry = CliRunner.run(home, "sweep", "landlock", "--quick", "--dry-run");
        assertEquals(0, dry.exit(), dry::all);
        assertTrue(dry.out().startsWith("axis,depth,rules,layers,access\n"), dry::all);
        assertEquals(12, dry.out().lines().count(), dry::all);
        assertTrue(Files.notExists(tmp.resolve("sweep-landlock.csv")));
    }
}

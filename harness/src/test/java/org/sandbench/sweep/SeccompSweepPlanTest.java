package org.sandbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.models.Golden;
import org.sandbench.harness.Progress;
import org.sandbench.models.seccomp.SyscallGroups;
import org.sandbench.sweep.SeccompSweep.Config;
import org.sandbench.sweep.SeccompSweep.Kind;
import org.sandbench.sweep.SeccompSweep.Position;
import org.sandbench.testing.TestHome;

/** The seccomp sweep's plan: pure tables and golden files; the BPF checks use only libseccomp's export. */
class SeccompSweepPlanTest {
    static final SyscallGroups GROUPS = SyscallGroups.standard();

    static int differences(Config a, Config b) {
        int d = 0;
        if (a.length() != b.length()) d++;
        if (a.position() != b.position()) d++;
        if (a.optimize() != b.optimize()) d++;
        if (a.stacked() != b.stacked()) d++;
        if (a.specAllow() != b.specAllow()) d++;
        return d;
    }

    @ParameterizedTest(name = "{0}: {1} distinct points")
    @CsvSource({ "quick, 18", "full, 26" })
    void everyPointMovesOneAxisFromTheBase(String which, int count) {
        SeccompSweep.Axes axes = which.equals("quick") ? SeccompSweep.quick() : SeccompSweep.full();
        int min = SeccompSweep.minLength(GROUPS);
        List<SeccompSweep.Point> points = SeccompSweep.points(axes, min);
        assertEquals(count, points.size());
        for (SeccompSweep.Point p : points) {
            Config base = new Config(axes.base().length(), axes.base().position(), p.config().kind(),
                    axes.base().optimize(), axes.base().stacked(), axes.base().specAllow());
            int d = differences(p.config(), base);
            assertTrue(d <= 1, () -> p + " moves " + d + " axes at once");
            assertEquals(d == 0, p.axes().contains(SeccompSweep.AXIS_KIND), p::toString);
            assertTrue(d == 0 || p.axes().size() == 1, p::toString);
        }
        for (Kind k : Kind.values())
            assertTrue(points.stream().anyMatch(p -> p.config().kind() == k && p.axes().contains(SeccompSweep.AXIS_LENGTH)),
                    "both rule kinds are swept over length");
    }

    @Test
    void lengthsBelowWhatTheRuntimeNeedsAreRaised() {
        int min = SeccompSweep.minLength(GROUPS);
        assertEquals(27, min, "26 base rules (runtime, retrofit exec, multi-filter) and the measured one");
        assertEquals(min, SeccompSweep.feasible(1, min));
        assertEquals(400, SeccompSweep.feasible(400, min));
    }

    @ParameterizedTest(name = "length {0}")
    @CsvSource({ "27", "100", "369", "400" })
    void everyFilterHasExactlyItsLengthInRules(int length) {
        var known = TestHome.syscalls().byNumber();
        for (int stacked : new int[] { 1, 2 }) {
            String plan = SeccompSweep.plan(new Config(length, Position.LAST, Kind.ARGUMENT, 1, stacked, false), GROUPS, known);
            long rules = plan.lines().filter(l -> l.startsWith("seccomp-rule ")).count();
            assertEquals((long) length * stacked, rules);
            assertEquals(stacked, plan.lines().filter(l -> l.startsWith("seccomp-filter ")).count());
            assertTrue(plan.contains("seccomp-rule allow getppid a0>=0x0"), "a real comparison, never a mask-0 MASKED_EQ");
        }
    }

    @ParameterizedTest(name = "{0}: {1} syscalls placed before the measured one")
    @CsvSource({ "FIRST, 0", "MIDDLE, 25", "LAST, 51" })
    void positionIsSetWithPriorities(Position p, int before) {
        var known = TestHome.syscalls().byNumber();
        String plan = SeccompSweep.plan(new Config(52, p, Kind.CACHEABLE, 1, 1, false), GROUPS, known);
        assertEquals(before, plan.lines().filter(l -> l.startsWith("seccomp-priority ") && l.endsWith(" 2")).count());
        assertTrue(plan.contains("seccomp-priority getppid 1"));
    }

    @Test
    void goldenPlans() {
        var known = TestHome.syscalls().byNumber();
        Golden.check(Golden.dir(), "sweeps/seccomp-len27-last-argument.plan",
                SeccompSweep.plan(new Config(27, Position.LAST, Kind.ARGUMENT, 1, 1, false), GROUPS, known));
        Golden.check(Golden.dir(), "sweeps/seccomp-len30-middle-cacheable-x2-specallow.plan",
                SeccompSweep.plan(new Config(30, Position.MIDDLE, Kind.CACHEABLE, 2, 2, true), GROUPS, known));
    }

    /** The quick sweep's rows as `sweep seccomp --quick --dry-run` prints them, BPF facts included. */
    @Test
    void quickPointsAndTheirExportedBpf(@TempDir Path tmp) {
        SeccompSweepRun run = new SeccompSweepRun(TestHome.home(), TestHome.syscalls(), null, Progress.lines(System.err));
        List<SeccompSweepRun.Row> rows = run.prepare(SeccompSweep.quick(), tmp);
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", SeccompSweep.COLUMNS));
        for (List<String> r : SeccompSweepRun.csvRows(rows))
            lines.add(String.join(",", r));
        Golden.check(Golden.dir(), "sweeps/seccomp-quick-points.csv", lines.stream().collect(Collectors.joining("\n", "", "\n")));

        // The argument rows walk the whole linear filter: executed instructions grow with length and position.
        for (SeccompSweepRun.Row r : rows)
            assertEquals(r.point().config().kind() == Kind.CACHEABLE, r.bpf().cacheable(), r.point().toString());
        int first = insns(rows, 200, Position.FIRST, 1), middle = insns(rows, 200, Position.MIDDLE, 1),
                last = insns(rows, 200, Position.LAST, 1), tree = insns(rows, 200, Position.LAST, 2);
        assertTrue(first < middle && middle < last, first + " < " + middle + " < " + last);
        assertTrue(tree < last / 4, "libseccomp's binary tree executes far fewer instructions: " + tree + " vs " + last);
        assertFalse(insns(rows, 27, Position.LAST, 1) >= insns(rows, 100, Position.LAST, 1));
    }

    static int insns(List<SeccompSweepRun.Row> rows, int len, Position p, int optimize) {
        return rows.stream().filter(r -> r.point().config().kind() == Kind.ARGUMENT && r.point().config().length() == len
                && r.point().config().position() == p && r.point().config().optimize() == optimize
                && r.point().config().stacked() == 1 && !r.point().config().specAllow())
                .findFirst().orElseThrow().bpf().insnsExecuted();
    }
}

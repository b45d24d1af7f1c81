package org.sandbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.models.Golden;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.sweep.LandlockSweep.Access;
import org.sandbench.sweep.LandlockSweep.Config;

class LandlockSweepPlanTest {
    @ParameterizedTest(name = "{0}: {1} distinct points")
    @CsvSource({ "quick, 8", "full, 16" })
    void depthAndRulesNeverMoveTogether(String which, int count) {
        LandlockSweep.Axes axes = which.equals("quick") ? LandlockSweep.quick() : LandlockSweep.full();
        List<LandlockSweep.Point> points = LandlockSweep.points(axes);
        assertEquals(count, points.size());
        Config b = axes.base();
        for (LandlockSweep.Point p : points) {
            Config c = p.config();
            int d = (c.depth() != b.depth() ? 1 : 0) + (c.rules() != b.rules() ? 1 : 0) + (c.layers() != b.layers() ? 1 : 0)
                    + (c.access() != b.access() ? 1 : 0);
            assertTrue(d <= 1, () -> p + " moves " + d + " axes at once");
            assertEquals(d == 0, p.axes().size() == 4, p::toString);
        }
    }

    @ParameterizedTest(name = "depth {0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "1 | ALLOWED | /w/allowed/target",
        "3 | ALLOWED | /w/allowed/d/d/target",
        "2 | DENIED  | /w/outside/d/target",
    })
    void theFileSitsDepthComponentsBelowItsDirectory(int depth, Access a, String path) {
        assertEquals(path, LandlockSweep.target(new Config(depth, 1, 1, a), "/w"));
    }

    @Test
    void goldenPlansAndPoints() {
        Golden.check(Golden.dir(), "sweeps/landlock-depth4-rules3-layers2-denied.plan",
                LandlockSweep.plan(new Config(4, 3, 2, Access.DENIED), "/tmp/sandbench-work", LandlockAbi.V7));
        Golden.check(Golden.dir(), "sweeps/landlock-abi3.plan",
                LandlockSweep.plan(new Config(1, 1, 1, Access.ALLOWED), "/tmp/sandbench-work", LandlockAbi.V3));
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", LandlockSweep.COLUMNS));
        for (LandlockSweep.Point p : LandlockSweep.points(LandlockSweep.quick()))
            for (String axis : p.axes())
                lines.add(String.join(",", LandlockSweepRun.axisCells(axis, p.config())));
        Golden.check(Golden.dir(), "sweeps/landlock-quick-points.csv", lines.stream().collect(Collectors.joining("\n", "", "\n")));
    }
}

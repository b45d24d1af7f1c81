package org.sandbench.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sandbench.backend.TrialParser;
import org.sandbench.backend.TrialResult;
import org.sandbench.testing.TestHome;

/** The protocol fields this issue added: CPU time per batch, the prctl SSB word, the pinned CPU, open outcomes. */
class ProtocolAdditionsTest {
    static TrialResult parse(String... lines) {
        return new TrialParser(TestHome.syscalls()).parse(List.of(lines), 0, false, "", 1);
    }

    @Test
    void disturbedBatchesAreLeftOutOfTheStatisticsButKept() {
        List<String> l = new ArrayList<>(List.of("SB1 note pin_cpu=1",
                "SB1 proof seccomp_mode=2 seccomp_filters=1 nnp=1 ssb=thread_force_mitigated ssb_prctl=0x9",
                "SB1 note open_outcome=denied errno=13"));
        // Batches 2 and 5 ran only 40% and 80% of the time on the CPU: another process had it.
        long[][] b = { { 1000, 1000 }, { 1000, 1000 }, { 2500, 1000 }, { 1000, 990 }, { 1000, 1000 }, { 1250, 1000 } };
        for (int i = 0; i < b.length; i++)
            l.add("SB1 batch i=" + i + " iters=10 ns=" + b[i][0] + " cpu_ns=" + b[i][1]);
        l.add("SB1 end batches=6");
        TrialResult r = parse(l.toArray(String[]::new));
        assertEquals(6, r.batches().size());
        assertArrayEquals(new double[] { 100, 100, 100, 100 }, r.samples());
        assertEquals(2, r.excludedBatches());
        assertEquals("1", TrialParser.pinnedCpu(r));
        assertEquals("0x9", r.enforcement().ssbPrctl());
        assertEquals("per-task control, speculation force-disabled (mitigated, cannot be undone)",
                r.enforcement().ssbPrctlMeaning());
        assertEquals("denied", TrialParser.field(r, "note", null, "open_outcome"));
    }

    @Test
    void batchesAreJudgedAgainstTheBestBatchOfTheirTrial() {
        TrialResult old = parse("SB1 batch i=0 iters=10 ns=1000", "SB1 batch i=1 iters=10 ns=3000", "SB1 end batches=2");
        assertArrayEquals(new double[] { 100, 300 }, old.samples(), "without CPU times every batch counts");
        // A workload that blocks half of the time: its batches are judged against its own best (50%).
        TrialResult blocking = parse("SB1 batch i=0 iters=10 ns=2000 cpu_ns=1000", "SB1 batch i=1 iters=10 ns=2020 cpu_ns=1000",
                "SB1 batch i=2 iters=10 ns=4000 cpu_ns=1000", "SB1 end batches=3");
        assertArrayEquals(new double[] { 200, 202 }, blocking.samples());
        TrialResult refused = parse("SB1 note pin_cpu=7 failed errno=22", "SB1 end batches=0");
        assertEquals("failed:cpu=7,errno=22", TrialParser.pinnedCpu(refused));
    }
}

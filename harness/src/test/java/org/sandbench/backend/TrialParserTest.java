package org.sandbench.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.testing.TestHome;

/** Protocol lines and exit status to trial status: one row per way a trial can end. */
class TrialParserTest {
    static final String OK = "SB1 start workload=getpid mode=retrofit launch_to_main_ns=5;"
            + "SB1 proof seccomp_mode=2 seccomp_filters=1 nnp=1 ssb=vulnerable;SB1 calib iters=10 target_ns=100;"
            + "SB1 batch i=0 iters=10 ns=1000;SB1 batch i=1 iters=10 ns=1200;SB1 end batches=2";

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
        OK + "                                                                   | 0   | false | ok                 | ",
        "SB1 batch i=0 iters=10 ns=1000                                          | 0   | false | failed             | exited without finishing",
        "SB1 batch i=0 iters=10 ns=1000;SB1 denied source=seccomp syscall=257 arch=3221225534 | 4 | false | denied | system call openat (257) was denied by the seccomp filter",
        "SB1 error op=openat detail=/w/allowed/target errno=13 message=Permission denied | 4 | false | denied   | operation openat(/w/allowed/target) failed: errno 13 (Permission denied)",
        "SB1 batch i=0 iters=10 ns=1000                                          | 159 | false | crashed            | killed by SIGSYS",
        "SB1 batch i=0 iters=10 ns=1000                                          | -1  | true  | timeout            | 1 batches kept",
        "SB1 error op=apply-plan detail=- errno=0 message=this kernel has Landlock ABI 3; the ruleset needs more | 3 | false | missing-capability | this kernel has Landlock ABI 3",
        "SB1 error op=execve detail=/nope errno=2 message=No such file or directory | 126 | false | failed     | operation execve(/nope) failed: errno 2",
    })
    void statusFromLines(String lines, int exit, boolean timedOut, String status, String message) {
        TrialResult r = new TrialParser(TestHome.syscalls()).parse(Arrays.asList(lines.trim().split(";")), exit, timedOut, "", 0);
        assertEquals(status, r.status().id());
        if (message != null)
            assertTrue(r.message().contains(message.trim()), () -> "message: " + r.message());
    }

    @org.junit.jupiter.api.Test
    void batchesAndProofAreKept() {
        TrialResult r = new TrialParser(TestHome.syscalls()).parse(List.of(OK.split(";")), 0, false, "", 0);
        assertEquals(2, r.batches().size());
        assertEquals(120.0, r.batches().get(1).nsPerOp(), 1e-9);
        assertEquals(2, r.enforcement().seccompMode());
        assertEquals(1, r.enforcement().seccompFilters());
        assertEquals("vulnerable", r.enforcement().ssb());
    }
}

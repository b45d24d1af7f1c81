package org.sandbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ChildProcessTest {
    @Test
    void aChildThatHangsIsKilledWithItsDescendantsAndWhatItWroteIsKept() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ChildProcess p = ChildProcess.start(new ProcessBuilder("sh", "-c", "echo first; echo oops >&2; sleep 60 & wait"),
                "test", seen::add);
        // the grandchild (sleep) exists before the deadline, so the kill must reach it too
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ProcessHandle.of(p.pid()).map(h -> h.descendants().count()).orElse(0L) == 0 && System.nanoTime() < deadline)
            Thread.sleep(10);
        List<ProcessHandle> descendants = ProcessHandle.of(p.pid()).orElseThrow().descendants().toList();
        assertFalse(descendants.isEmpty(), "sleep started");

        assertTrue(p.awaitExit(300), "killed at its deadline");
        assertFalse(p.isAlive());
        for (ProcessHandle d : descendants)
            assertTrue(d.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS) != null && !d.isAlive(), "descendant " + d.pid());
        assertEquals(List.of("first"), p.lines());
        assertEquals(List.of("first"), seen, "the listener saw each line");
        assertEquals(List.of("oops"), p.stderrLines());
        assertEquals(128 + 9, p.exitCode(), "SIGKILL");
    }

    @Test
    void aChildThatEndsInTimeIsNotKilledAndItsStderrIsCapped() throws Exception {
        ChildProcess p = ChildProcess.start(new ProcessBuilder("sh", "-c",
                "i=0; while [ $i -lt 2000 ]; do echo 0123456789 >&2; i=$((i+1)); done; echo done; exit 3"), "test");
        assertFalse(p.awaitExit(30_000));
        assertEquals(3, p.exitCode());
        assertEquals(List.of("done"), p.lines());
        assertTrue(p.stderr().length() <= ChildProcess.STDERR_CAP + 11, "capped: " + p.stderr().length());
        assertTrue(p.stderr().length() >= ChildProcess.STDERR_CAP - 11);
    }
}

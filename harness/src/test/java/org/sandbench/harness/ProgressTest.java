package org.sandbench.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void plainLinesSayTrialsDoneWhatRanAndTimeLeft() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = Progress.lines(new PrintStream(buf, true, StandardCharsets.UTF_8));
        p.start(2);
        p.trialDone("getpid seccomp r1", "188.1 ns/op (10 batches)");
        p.trialDone("getpid none r2", "denied: openat");
        p.finish();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("[  1/2 ") && out.contains("left] getpid seccomp r1: 188.1 ns/op"), out);
        assertTrue(out.contains("[  2/2 ") && out.contains("getpid none r2: denied: openat"), out);
        assertTrue(out.contains("2 trials in "), out);
    }

    @Test
    void theBarShowsCountCurrentCellAndKeepsFailuresAsLines() {
        List<String> frames = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        BarProgress p = new BarProgress(new PrintStream(notes, true, StandardCharsets.UTF_8),
                new DelegatingProgressBarConsumer(frames::add, 100));
        p.start(3);
        p.trialDone("open-close none r1", "2958.3 ns/op (10 batches)");
        p.trialDone("open-close seccomp r1", "denied: the policy does not grant openat");
        p.trialDone("open-close landlock r1", "3101.6 ns/op (10 batches)");
        p.finish();
        String last = frames.get(frames.size() - 1);
        assertTrue(last.contains("3/3"), "trials done in the last frame: " + last);
        assertTrue(last.contains("open-close landlock r1"), "what ran last: " + last);
        // elapsed / estimated time left, as the library renders them: (0:00:00 / 0:00:00)
        assertTrue(last.matches(".*\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\).*"), last);
        String kept = notes.toString(StandardCharsets.UTF_8);
        assertTrue(kept.contains("open-close seccomp r1: denied"), "a failed trial stays on screen: " + kept);
        assertTrue(!kept.contains("open-close none r1"), "a good trial only moves the bar: " + kept);
    }
}

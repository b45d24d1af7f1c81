package org.sandbench.harness;

import java.io.PrintStream;
import java.time.Duration;

/** Progress of a long run: trials done, what runs now, time left. */
public interface Progress {
    void start(int totalTrials);

    void trialDone(String label, String outcome);

    void note(String message);

    void finish();

    /**
     * A bar (me.tongfei:progressbar) when a person watches a terminal, plain lines
     * otherwise (CI logs, redirected output).  SANDBENCH_PROGRESS=bar|lines overrides.
     */
    static Progress auto(PrintStream out) {
        String force = System.getenv("SANDBENCH_PROGRESS");
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"))
                && System.getenv("CI") == null;
        if ("bar".equals(force) || (force == null && terminal))
            return new BarProgress(out);
        return lines(out);
    }

    /** Plain lines on stderr: one per trial, with an estimate of the time left. */
    static Progress lines(PrintStream out) {
        return new Progress() {
            private int total, done;
            private long t0;

            @Override
            public void start(int totalTrials) {
                total = totalTrials;
                done = 0;
                t0 = System.nanoTime();
            }

            @Override
            public void trialDone(String label, String outcome) {
                done++;
                long el = System.nanoTime() - t0;
                long left = done == 0 ? 0 : el / done * (total - done);
                out.printf("[%3d/%d %s, ~%s left] %s: %s%n", done, total, fmt(el), fmt(left), label, outcome);
            }

            @Override
            public void note(String message) {
                out.println(message);
            }

            @Override
            public void finish() {
                out.printf("%d trials in %s%n", done, fmt(System.nanoTime() - t0));
            }

            private String fmt(long ns) {
                Duration d = Duration.ofNanos(ns);
                return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
            }
        };
    }
}

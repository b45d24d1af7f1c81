package org.sandbench.harness;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on a terminal: one bar with trials done, the elapsed time, the time
 * left (estimated by the library from the pace so far) and what runs now.
 * Messages and failed trials are printed above the bar, which is redrawn below.
 */
final class BarProgress implements Progress {
    private final PrintStream out;
    private final ProgressBarConsumer consumer;
    private ProgressBar bar;
    private boolean finished;

    BarProgress(PrintStream out) {
        this(out, new ConsoleProgressBarConsumer(out));
    }

    BarProgress(PrintStream out, ProgressBarConsumer consumer) {
        this.out = out;
        this.consumer = consumer;
    }

    @Override
    public synchronized void start(int totalTrials) {
        bar = new ProgressBarBuilder().setTaskName("trials").setInitialMax(totalTrials)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setConsumer(consumer)
                .setMaxRenderedLength(120).build();
        finished = false;
    }

    @Override
    public synchronized void trialDone(String label, String outcome) {
        if (bar == null)
            return;
        // A trial that recorded a number says "ns/op"; anything else is worth a line that stays.
        if (!outcome.contains("ns/op"))
            note(label + ": " + outcome);
        bar.setExtraMessage(label);
        bar.step();
    }

    @Override
    public synchronized void note(String message) {
        synchronized (out) {
            // Clear the bar's line, print the message, and let the bar redraw itself below it.
            out.print("\r\033[K");
            out.println(message);
            out.flush();
        }
        if (bar != null)
            bar.refresh();
    }

    @Override
    public synchronized void finish() {
        if (bar != null && !finished) {
            finished = true;
            bar.close();
        }
    }
}

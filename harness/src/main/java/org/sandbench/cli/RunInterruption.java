package org.sandbench.cli;

import java.util.ArrayList;
import java.util.List;
import org.sandbench.harness.OverheadRun;
import org.sandbench.results.OverheadRow;

/**
 * What a run has finished, across its backend groups (local, guests), so that a
 * shutdown hook can stop it and keep every finished row: the rows of groups that
 * completed, and the partial summary of the group in progress.  A group started
 * after the stop stops at once.
 */
final class RunInterruption {
    private final List<OverheadRow> finished = new ArrayList<>();
    private OverheadRun current;
    private int trialsBefore;
    private volatile boolean stopping;

    synchronized OverheadRun track(OverheadRun run) {
        current = run;
        if (stopping)
            run.stopAndSummarise();
        return run;
    }

    synchronized void groupDone(List<OverheadRow> rows) {
        finished.addAll(rows);
        if (current != null)
            trialsBefore += current.trialsDone();
        current = null;
    }

    synchronized List<OverheadRow> stopAndCollect() {
        stopping = true;
        List<OverheadRow> out = new ArrayList<>(finished);
        if (current != null)
            out.addAll(current.stopAndSummarise());
        return out;
    }

    boolean stopping() {
        return stopping;
    }

    synchronized int trialsDone() {
        return trialsBefore + (current == null ? 0 : current.trialsDone());
    }
}

package org.sandbench.escapes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a run left behind into a verdict (pure: tests drive it with tables).
 *
 * Order: not applicable (the attempt said so) -> any evidence hit: ESCAPED (even if the process
 * died afterwards) -> a confined-when hit: CONFINED -> death by signal: KILLED -> otherwise
 * BLOCKED, naming the errnos of the steps that failed.  Finally the baseline rule: when the
 * unsandboxed baseline did not get through either, the comparison means nothing and the
 * verdict is NA_HOST (catalogue: "Classify as H when the baseline fails").
 */
public final class Judge {

    /** @param errnoOrSignal errno names ("EACCES"), a signal ("SIGSYS(linkat)"), or "-" */
    public record Outcome(Verdict verdict, String errnoOrSignal, String evidence) {
    }

    private Judge() {
    }

    /**
     * @param baseline the same attempt's outcome under the baseline model in this run; empty when
     *                 this run is the baseline
     */
    public static Outcome judge(Attempt a, Evidence.Facts f, Optional<Outcome> baseline) {
        Observation obs = f.obs();
        Optional<String> na = obs.notApplicable();
        if (na.isPresent())
            return new Outcome(Verdict.NA_PLATFORM, "-", "the attempt does not apply here: " + na.get());
        Outcome own = own(a, f);
        if (own.verdict().succeeded())
            return own;
        if (baseline.isEmpty())
            return new Outcome(Verdict.NA_HOST, own.errnoOrSignal(), "the unsandboxed baseline fails too: " + own.evidence());
        if (!baseline.get().verdict().succeeded())
            return new Outcome(Verdict.NA_HOST, own.errnoOrSignal(), "baseline " + baseline.get().verdict().name()
                    + " (" + baseline.get().errnoOrSignal() + "); here: " + own.evidence());
        return own;
    }

    static Outcome own(Attempt a, Evidence.Facts f) {
        Observation obs = f.obs();
        List<String> hits = new ArrayList<>(), misses = new ArrayList<>();
        for (Evidence e : a.evidence()) {
            Evidence.Finding r = e.check(f);
            (r.hit() ? hits : misses).add(r.text());
        }
        if (!hits.isEmpty())
            return new Outcome(Verdict.ESCAPED, "-", String.join("; ", hits));
        List<String> confined = new ArrayList<>();
        for (Evidence e : a.confinedWhen()) {
            Evidence.Finding r = e.check(f);
            if (r.hit())
                confined.add(r.text());
        }
        if (!confined.isEmpty())
            return new Outcome(Verdict.CONFINED, "-", String.join("; ", confined) + "; but " + String.join("; ", misses));
        Optional<Integer> sig = obs.signal();
        List<Line> trapped = obs.sbx("sigsys");
        if (sig.isPresent() || !trapped.isEmpty() || obs.attemptTimedOut()) {
            String op = obs.pendingOp().map(o -> "(" + o + ")").orElse("");
            String what;
            if (obs.attemptTimedOut())
                what = "SIGKILL(timeout)";
            else if (!trapped.isEmpty())
                what = "SIGSYS" + op;
            else
                what = Signals.name(sig.get()) + op;
            return new Outcome(Verdict.KILLED, what, String.join("; ", misses));
        }
        Set<String> errnos = new LinkedHashSet<>();
        for (Observation.Step s : obs.steps())
            if (!s.ok())
                errnos.add(s.errnoName().equals("?") ? "errno " + s.errno() : s.errnoName());
        return new Outcome(Verdict.BLOCKED, errnos.isEmpty() ? "-" : String.join("/", errnos), String.join("; ", misses));
    }
}

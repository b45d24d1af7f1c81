package org.sandbench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sandbench.results.Csv;
import org.sandbench.stats.Stats;

/**
 * A derived figure of a sweep (entry cost, cost per rule, ...) with its 95% bootstrap
 * interval, computed from the replicates of the rows it is made of.
 *
 * @param method how it was derived, in words a reader can check against the rows
 */
public record Figure(String sweep, String name, Stats.Interval value, String unit, String method) {
    public static final List<String> HEADER = List.of("sweep", "figure", "estimate", "ci_low", "ci_high", "unit",
            "method");

    public List<String> cells() {
        return List.of(sweep, name, Csv.ns(value.estimate()), Csv.ns(value.low()), Csv.ns(value.high()), unit, method);
    }

    public String brief() {
        return String.format(Locale.ROOT, "%s: %s %s [%s, %s]", name, num(value.estimate()), unit, num(value.low()),
                num(value.high()));
    }

    public static String num(double v) {
        if (Double.isNaN(v))
            return "n/a";
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%+.0f" : a >= 10 ? "%+.1f" : a >= 1 ? "%+.2f" : "%+.3f", v);
    }

    /** How a quantity moves along an axis, judged from the interval of its change. */
    public enum Trend {
        GROWS("grow"), FLAT("stay flat"), SHRINKS("shrink"), UNCLEAR("are unclear");

        public final String words;

        Trend(String words) {
            this.words = words;
        }
    }

    /**
     * Flat when the interval of the change contains zero or lies within +-tolerance (the
     * kernel benchmark's own "within 1% or 2 ns", widened for a shared machine); grows
     * or shrinks when the whole interval is on one side of it; unclear otherwise (NaN).
     */
    public static Trend trend(Stats.Interval change, double tolerance) {
        if (Double.isNaN(change.low()) || Double.isNaN(change.high()))
            return Trend.UNCLEAR;
        boolean containsZero = change.low() <= 0 && change.high() >= 0;
        boolean withinTolerance = change.low() >= -tolerance && change.high() <= tolerance;
        if (containsZero || withinTolerance)
            return Trend.FLAT;
        return change.low() > 0 ? Trend.GROWS : Trend.SHRINKS;
    }

    /** The whole interval of a lies above the whole interval of b: the two changes are told apart. */
    public static boolean clearlyAbove(Stats.Interval a, Stats.Interval b) {
        return !Double.isNaN(a.low()) && !Double.isNaN(b.high()) && a.low() > b.high();
    }

    /** The difference of two measured rows, with the interval of their replicates' difference. */
    public static Stats.Interval difference(SweepRunner.Measured later, SweepRunner.Measured earlier) {
        if (!later.ok() || !earlier.ok() || later.overheadReplicates().length == 0
                || earlier.overheadReplicates().length == 0)
            return new Stats.Interval(Double.NaN, Double.NaN, Double.NaN);
        return Stats.percentile(later.overhead().estimate() - earlier.overhead().estimate(),
                Stats.combine((a, b) -> a - b, later.overheadReplicates(), earlier.overheadReplicates()));
    }

    /** The overhead slope over rows, by x; NaN when fewer than two rows were measured. */
    public static Stats.Interval slope(List<SweepRunner.Measured> rows, java.util.function.ToDoubleFunction<SweepRunner.Measured> x) {
        List<SweepRunner.Measured> ok = new ArrayList<>();
        for (SweepRunner.Measured m : rows)
            if (m.ok() && m.overheadReplicates().length > 0)
                ok.add(m);
        if (ok.size() < 2 || ok.stream().mapToDouble(x).distinct().count() < 2)
            return new Stats.Interval(Double.NaN, Double.NaN, Double.NaN);
        double[] xs = ok.stream().mapToDouble(x).toArray();
        double[] est = ok.stream().mapToDouble(m -> m.overhead().estimate()).toArray();
        return Stats.slopeInterval(xs, est, ok.stream().map(SweepRunner.Measured::overheadReplicates).toList());
    }

    public static Stats.Interval overheadOf(SweepRunner.Measured m) {
        return m.ok() ? m.overhead() : new Stats.Interval(Double.NaN, Double.NaN, Double.NaN);
    }
}

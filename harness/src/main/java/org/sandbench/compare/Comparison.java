package org.sandbench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.sandbench.harness.SandbenchException;
import org.sandbench.report.EscapeVerdict;
import org.sandbench.report.ResultSet;
import org.sandbench.stats.Stats;

/**
 * Regression verdicts between two result sets.
 *
 * <p>Overhead cells.  Each raw sample (one timed batch) is first corrected by the
 * median of the unsandboxed baseline in the same round of the same set: baseline
 * and model ran back to back, so drift of the host cancels and what is left is the
 * overhead per operation.  A cell regressed when all of these hold:
 * <ol>
 * <li>the Mann-Whitney U test (Commons Math, two-sided) on the corrected samples of
 *     the two sets rejects "same distribution" at level alpha;</li>
 * <li>the median moved up by more than the practical threshold, in percent of the
 *     cell's time per operation in the baseline set;</li>
 * <li>the change is more than the trials' own noise: either the model moved as a
 *     whole (the Wilcoxon signed-rank test over the shifts of all its cells rejects
 *     "no shift" at 0.05, and their median is beyond half the threshold the same
 *     way), or the cell moved by more than three thresholds with every trial of the
 *     current set beyond every trial of the baseline set.</li>
 * </ol>
 * Improvement is the mirror image; anything else is no change.  (3) is there
 * because the rank test treats the batches of one trial as independent, which they
 * are not: on the reference machine type single trials land in fast or slow modes
 * about 30% apart, so one cell moves by 20% between two quick runs of the same
 * commit by chance, while a change of a model, its compiler or its policies moves
 * its cells together (README, "Regression gate", has the measurements).  The
 * unsandboxed baseline cells are compared on their raw samples by the same rule;
 * a change there is reported as drift of the host or workload and does not gate.
 *
 * <p>Escapes: a verdict that got weaker (stopped to confined or escaped, confined to
 * escaped) is a regression, a stronger one an improvement.
 *
 * <p>Setup stages (trials.csv: policy compile, filter load, ruleset build,
 * landlock_restrict_self, launcher start to exec and to main, one value per launch) are
 * compared by the same rank test and threshold and reported, but never gate: between two
 * runs of one commit on the reference machine type they moved by 7-29% together with the
 * host's phases, and none of them has a baseline taken moments before to correct it by.
 */
public final class Comparison {
    public static final String BASELINE_MODEL = "none";
    public static final double DEFAULT_THRESHOLD_PCT = 10;
    public static final double DEFAULT_ALPHA = 0.01;
    /** How far one cell must move on its own, in thresholds, when its model as a whole did not move. */
    public static final double ISOLATED_FACTOR = 3;
    /** Level of the signed-rank test that asks whether a model's cells moved together. */
    public static final double MODEL_ALPHA = 0.05;

    /** One overhead cell. Times in ns; shiftPct in percent of the baseline set's ns/op of the cell. */
    public record Cell(CellKey key, int nBase, int nCur, double baseNsPerOp, double curNsPerOp, double baseOverhead,
                       double curOverhead, double shift, double shiftPct, double p, Verdict verdict, String why) {
    }

    public record Escape(String model, String mode, String attempt, String category, String before, String after,
                         Verdict verdict) {
    }

    /** One setup stage of one model (ns per launch, medians over the launches of each set); changed: p and threshold. */
    public record SetupChange(String backend, String mode, String model, String stage, int nBase, int nCur,
                              double baseNs, double curNs, double shiftPct, double p, boolean changed) {
    }

    /** The stage columns of trials.csv, in launch order. */
    static final List<String> SETUP_STAGES = List.of("seccomp_compile_ns", "landlock_build_ns", "landlock_restrict_ns",
            "seccomp_load_ns", "launcher_ns", "launch_to_main_ns");

    public record Result(List<Cell> cells, List<Escape> escapes, List<SetupChange> setup, double thresholdPct,
                         double alpha, List<String> notes) {
        public boolean regressed() {
            return cells.stream().anyMatch(c -> c.verdict() == Verdict.REGRESSION)
                    || escapes.stream().anyMatch(e -> e.verdict() == Verdict.REGRESSION);
        }

        public long count(Verdict v) {
            return cells.stream().filter(c -> c.verdict() == v).count()
                    + escapes.stream().filter(e -> e.verdict() == v).count();
        }
    }

    private Comparison() {
    }

    public static Result compare(ResultSet base, ResultSet cur, double thresholdPct, double alpha) {
        if (!(thresholdPct >= 0))
            throw SandbenchException.usage("--threshold must be a percentage of 0 or more, got " + thresholdPct);
        if (!(alpha > 0 && alpha < 1))
            throw SandbenchException.usage("--alpha must be between 0 and 1, got " + alpha);
        List<String> notes = new ArrayList<>();
        boolean samples = requireSame(base, cur, ResultSet.Part.SAMPLES);
        boolean escapes = requireSame(base, cur, ResultSet.Part.ESCAPES);
        if (!samples && !escapes)
            throw SandbenchException.usage("neither " + base.dir() + " nor " + cur.dir() + " has samples.csv or escapes.csv: "
                    + "compare needs the raw samples of ./sandbench run or the matrix of ./sandbench escapes in both");
        for (ResultSet.Part p : List.of(ResultSet.Part.SWEEP_SECCOMP, ResultSet.Part.SWEEP_LANDLOCK))
            if (base.has(p) && cur.has(p))
                notes.add(p.file + " is not compared: it holds summaries, and the verdicts rest on raw samples "
                        + "(samples.csv)");
        List<Cell> cells = samples ? cells(Samples.of(base), Samples.of(cur), thresholdPct / 100, alpha, notes) : List.of();
        List<Escape> esc = escapes ? escapes(base, cur) : List.of();
        List<SetupChange> setup = base.has(ResultSet.Part.TRIALS) && cur.has(ResultSet.Part.TRIALS)
                ? setup(base, cur, thresholdPct, alpha) : List.of();
        if (!setup.isEmpty())
            notes.add("setup stages (trials.csv) are reported, not gated: they move with the host's phases between runs "
                    + "of one commit, and have no baseline in the same moment to correct them by");
        return new Result(cells, esc, setup, thresholdPct, alpha, notes);
    }

    /** Both or neither: a part in one set only is a mistake that would hide regressions (exit 2). */
    private static boolean requireSame(ResultSet base, ResultSet cur, ResultSet.Part p) {
        if (base.has(p) != cur.has(p)) {
            ResultSet has = base.has(p) ? base : cur, lacks = base.has(p) ? cur : base;
            throw SandbenchException.usage(lacks.dir() + " has no " + p.file + " but " + has.dir() + " has: compare result "
                    + "sets that ran the same parts (or restore the missing file)");
        }
        return base.has(p);
    }

    /** Everything the verdict of one cell rests on. */
    private record Evidence(CellKey key, double[] rawB, double[] rawC, double[] b, double[] c, double[] roundsB,
                            double[] roundsC) {
        double baseNs() {
            return Stats.median(rawB);
        }

        double shift() {
            return Stats.median(c) - Stats.median(b);
        }

        double shiftPct() {
            return 100 * shift() / baseNs();
        }

        /** +1 every current round above every baseline round, -1 every one below, 0 they overlap. */
        int separation() {
            if (roundsB.length == 0 || roundsC.length == 0)
                return 0;
            double minB = Arrays.stream(roundsB).min().orElseThrow(), maxB = Arrays.stream(roundsB).max().orElseThrow();
            double minC = Arrays.stream(roundsC).min().orElseThrow(), maxC = Arrays.stream(roundsC).max().orElseThrow();
            return minC > maxB ? 1 : maxC < minB ? -1 : 0;
        }
    }

    /** Cells of one model (with its mode and backend) move together when the model changes. */
    private static String modelKey(CellKey k) {
        return k.backend() + "\u0000" + k.mode() + "\u0000" + k.model();
    }

    static List<Cell> cells(Samples base, Samples cur, double threshold, double alpha, List<String> notes) {
        TreeSet<CellKey> keys = new TreeSet<>();
        base.keys().forEach(keys::add);
        cur.keys().forEach(keys::add);
        List<Evidence> ev = new ArrayList<>();
        Map<String, List<Double>> byModel = new TreeMap<>();
        for (CellKey k : keys) {
            Evidence e = new Evidence(k, base.all(k), cur.all(k), base.corrected(k, BASELINE_MODEL),
                    cur.corrected(k, BASELINE_MODEL), base.roundMedians(k, BASELINE_MODEL),
                    cur.roundMedians(k, BASELINE_MODEL));
            ev.add(e);
            if (e.rawB().length > 0 && e.rawC().length > 0)
                byModel.computeIfAbsent(modelKey(k), x -> new ArrayList<>()).add(e.shiftPct());
        }
        Map<String, Double> modelShift = new TreeMap<>();
        byModel.forEach((m, xs) -> modelShift.put(m, Stats.median(xs.stream().mapToDouble(Double::doubleValue).toArray())));
        Map<String, Double> modelP = new TreeMap<>();
        WilcoxonSignedRankTest wsr = new WilcoxonSignedRankTest();
        byModel.forEach((m, xs) -> {
            double[] d = xs.stream().mapToDouble(Double::doubleValue).toArray();
            modelP.put(m, d.length < 2 ? 1.0 : wsr.wilcoxonSignedRankTest(d, new double[d.length], d.length <= 30));
        });
        MannWhitneyUTest mwu = new MannWhitneyUTest();
        double tPct = 100 * threshold;
        List<Cell> out = new ArrayList<>();
        for (Evidence e : ev) {
            CellKey k = e.key();
            boolean isBase = k.model().equals(BASELINE_MODEL);
            if (e.rawB().length == 0 || e.rawC().length == 0) {
                out.add(new Cell(k, e.rawB().length, e.rawC().length, Stats.median(e.rawB()), Stats.median(e.rawC()),
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Verdict.NOT_COMPARED,
                        e.rawB().length == 0 ? "only in the current set" : "only in the baseline set"));
                continue;
            }
            double baseNs = e.baseNs(), curNs = Stats.median(e.rawC());
            double mb = isBase ? 0 : Stats.median(e.b()), mc = isBase ? 0 : Stats.median(e.c());
            double shift = e.shift(), pct = e.shiftPct();
            if (e.b().length < 3 || e.c().length < 3) {
                out.add(new Cell(k, e.b().length, e.c().length, baseNs, curNs, mb, mc, shift, pct, Double.NaN,
                        Verdict.NOT_COMPARED, "fewer than 3 samples"));
                continue;
            }
            double p = mwu.mannWhitneyUTest(e.b(), e.c());
            int dir = shift > 0 ? 1 : -1;
            double model = modelShift.getOrDefault(modelKey(k), 0.0);
            double modelPValue = modelP.getOrDefault(modelKey(k), 1.0);
            boolean modelMoved = modelPValue < MODEL_ALPHA && dir * model > tPct / 2;
            boolean alone = e.separation() == dir && Math.abs(pct) > ISOLATED_FACTOR * tPct;
            String why;
            if (!(p < alpha))
                why = String.format(Locale.ROOT, "rank test not significant (p %.3g)", p);
            else if (!(Math.abs(pct) > tPct))
                why = String.format(Locale.ROOT, "below the %.0f%% threshold", tPct);
            else if (!modelMoved && !alone)
                why = String.format(Locale.ROOT, "model %s did not move as a whole (median %+.1f%%, signed-rank p %.2g)",
                        k.model(), model, modelPValue);
            else
                why = "";
            Verdict v = !why.isEmpty() ? Verdict.NO_CHANGE : isBase ? Verdict.DRIFT
                    : dir > 0 ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
            if (v == Verdict.DRIFT)
                why = String.format(Locale.ROOT, "the unsandboxed baseline moved %+.1f%%: host or workload, not a sandbox", pct);
            out.add(new Cell(k, e.b().length, e.c().length, baseNs, curNs, mb, mc, shift, pct, p, v, why));
        }
        return out;
    }

    static List<SetupChange> setup(ResultSet base, ResultSet cur, double thresholdPct, double alpha) {
        Map<String, List<Double>> b = stageValues(base), c = stageValues(cur);
        MannWhitneyUTest mwu = new MannWhitneyUTest();
        List<SetupChange> out = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : b.entrySet()) {
            List<Double> cv = c.get(e.getKey());
            if (cv == null || e.getValue().size() < 3 || cv.size() < 3)
                continue;
            double[] xb = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double[] xc = cv.stream().mapToDouble(Double::doubleValue).toArray();
            double mb = Stats.median(xb), mc = Stats.median(xc), pct = 100 * (mc - mb) / mb;
            double p = mwu.mannWhitneyUTest(xb, xc);
            String[] k = e.getKey().split("\u0000");
            out.add(new SetupChange(k[0], k[1], k[2], k[3], xb.length, xc.length, mb, mc, pct, p,
                    p < alpha && Math.abs(pct) > thresholdPct));
        }
        return out;
    }

    /** backend, mode, model, stage -> one value per launch that ran (a stage the model does not have is left out). */
    private static Map<String, List<Double>> stageValues(ResultSet rs) {
        Map<String, List<Double>> m = new TreeMap<>();
        for (ResultSet.Row r : rs.rows(ResultSet.Part.TRIALS)) {
            if (!r.get("status").equals("ok"))
                continue;
            for (String stage : SETUP_STAGES) {
                if (!r.has(stage))
                    continue;
                double v = r.num(stage);
                boolean own = !stage.startsWith("seccomp_") && !stage.startsWith("landlock_")
                        || r.get("model").contains(stage.substring(0, stage.indexOf('_')));
                if (own && v > 0)
                    m.computeIfAbsent(r.get("backend") + "\u0000" + r.get("mode") + "\u0000" + r.get("model") + "\u0000"
                            + stage, x -> new ArrayList<>()).add(v);
            }
        }
        return m;
    }

    static List<Escape> escapes(ResultSet base, ResultSet cur) {
        Map<String, ResultSet.Row> b = escapeRows(base), c = escapeRows(cur);
        TreeSet<String> keys = new TreeSet<>(b.keySet());
        keys.addAll(c.keySet());
        List<Escape> out = new ArrayList<>();
        for (String k : keys) {
            ResultSet.Row rb = b.get(k), rc = c.get(k);
            ResultSet.Row any = rb != null ? rb : rc;
            String before = rb == null ? "" : rb.get("verdict"), after = rc == null ? "" : rc.get("verdict");
            Verdict v;
            if (rb == null || rc == null) {
                v = Verdict.NOT_COMPARED;
            } else {
                EscapeVerdict vb = EscapeVerdict.parse(before), vc = EscapeVerdict.parse(after);
                if (!vb.comparable() || !vc.comparable())
                    v = vb == vc ? Verdict.NO_CHANGE : Verdict.NOT_COMPARED;
                else
                    v = vc.strength < vb.strength ? Verdict.REGRESSION
                            : vc.strength > vb.strength ? Verdict.IMPROVEMENT : Verdict.NO_CHANGE;
            }
            out.add(new Escape(any.get("model"), any.get("mode"), any.get("attempt"), any.get("category"), before, after, v));
        }
        return out;
    }

    private static Map<String, ResultSet.Row> escapeRows(ResultSet rs) {
        Map<String, ResultSet.Row> m = new TreeMap<>();
        for (ResultSet.Row r : rs.rows(ResultSet.Part.ESCAPES))
            m.put(r.get("model") + "\u0000" + r.get("mode") + "\u0000" + r.get("attempt"), r);
        return new LinkedHashMap<>(m);
    }
}

package org.sandbench.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Robust statistics for per-batch samples: medians, percentile bootstrap
 * intervals, and the paired overhead of a model over its baseline.  Resampling
 * uses a fixed seed per quantity so the same samples give the same interval.
 */
public final class Stats {
    public static final int DEFAULT_RESAMPLES = 2000;

    private Stats() {
    }

    public record Interval(double estimate, double low, double high) {
        public boolean excludesZero() {
            return low > 0 || high < 0;
        }
    }

    public static double median(double[] xs) {
        return quantile(xs, 0.5);
    }

    /** Linear-interpolated quantile (type 7, as R and NumPy default). */
    public static double quantile(double[] xs, double q) {
        if (xs.length == 0)
            return Double.NaN;
        double[] s = xs.clone();
        Arrays.sort(s);
        return sortedQuantile(s, q);
    }

    static double sortedQuantile(double[] s, double q) {
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** Samples beyond Tukey's far-out fences (Q1 - 3 IQR, Q3 + 3 IQR). */
    public static int outliers(double[] xs) {
        if (xs.length < 4)
            return 0;
        double q1 = quantile(xs, 0.25), q3 = quantile(xs, 0.75), iqr = q3 - q1;
        int n = 0;
        for (double x : xs)
            if (x < q1 - 3 * iqr || x > q3 + 3 * iqr) n++;
        return n;
    }

    /** 95% percentile-bootstrap interval of the median. */
    public static Interval medianInterval(double[] xs, long seed) {
        if (xs.length == 0)
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] boot = new double[DEFAULT_RESAMPLES];
        double[] buf = new double[xs.length];
        for (int b = 0; b < boot.length; b++) {
            for (int i = 0; i < xs.length; i++)
                buf[i] = xs[rnd.nextInt(xs.length)];
            boot[b] = median(buf);
        }
        Arrays.sort(boot);
        return new Interval(median(xs), sortedQuantile(boot, 0.025), sortedQuantile(boot, 0.975));
    }

    /**
     * Overhead of a model over its baseline, paired by round: in each round the
     * baseline and the model ran back to back, so drift between rounds cancels.
     * The estimate is median(model) - median(baseline) over all samples; the
     * interval resamples rounds, then batches within each chosen round.
     *
     * @param model    model samples per round
     * @param baseline baseline samples per round, same number of rounds
     */
    public static Interval pairedDifference(List<double[]> model, List<double[]> baseline, long seed) {
        double est = median(concat(model)) - median(concat(baseline));
        return percentile(est, pairedDifferenceReplicates(model, baseline, seed, DEFAULT_RESAMPLES));
    }

    /**
     * The bootstrap replicates behind {@link #pairedDifference}, unsorted, in resampling
     * order: derived quantities (a slope over sweep points, entry cost from two rows)
     * combine the replicates of several rows index by index and take percentiles of the result.
     */
    public static double[] pairedDifferenceReplicates(List<double[]> model, List<double[]> baseline, long seed,
                                                      int resamples) {
        if (model.size() != baseline.size() || model.isEmpty())
            throw new IllegalArgumentException("paired rounds must match and be non-empty");
        int rounds = model.size();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] boot = new double[resamples];
        int nm = concat(model).length, nb = concat(baseline).length;
        double[] mb = new double[nm * 2], bb = new double[nb * 2];
        for (int b = 0; b < boot.length; b++) {
            int im = 0, ib = 0;
            for (int r = 0; r < rounds; r++) {
                int pick = rnd.nextInt(rounds);
                double[] m = model.get(pick), bl = baseline.get(pick);
                for (int i = 0; i < m.length && im < mb.length; i++)
                    mb[im++] = m[rnd.nextInt(m.length)];
                for (int i = 0; i < bl.length && ib < bb.length; i++)
                    bb[ib++] = bl[rnd.nextInt(bl.length)];
            }
            boot[b] = median(Arrays.copyOf(mb, im)) - median(Arrays.copyOf(bb, ib));
        }
        return boot;
    }

    /** Bootstrap replicates of the median of one sample, resampling rounds then values within them. */
    public static double[] medianReplicates(List<double[]> rounds, long seed, int resamples) {
        if (rounds.isEmpty())
            throw new IllegalArgumentException("no rounds");
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] boot = new double[resamples];
        double[] buf = new double[concat(rounds).length * 2];
        for (int b = 0; b < resamples; b++) {
            int n = 0;
            for (int r = 0; r < rounds.size(); r++) {
                double[] x = rounds.get(rnd.nextInt(rounds.size()));
                for (int i = 0; i < x.length && n < buf.length; i++)
                    buf[n++] = x[rnd.nextInt(x.length)];
            }
            boot[b] = median(Arrays.copyOf(buf, n));
        }
        return boot;
    }

    /** The 95% percentile interval of bootstrap replicates around an estimate made on the data. */
    public static Interval percentile(double estimate, double[] replicates) {
        double[] s = replicates.clone();
        Arrays.sort(s);
        return new Interval(estimate, sortedQuantile(s, 0.025), sortedQuantile(s, 0.975));
    }

    /** Ordinary least-squares slope of y on x. */
    public static double slope(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2)
            throw new IllegalArgumentException("a slope needs two or more (x, y) pairs of equal count");
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        if (sxx == 0)
            throw new IllegalArgumentException("a slope needs at least two distinct x values");
        return sxy / sxx;
    }

    /**
     * A slope with its bootstrap interval: replicate b of the slope is the slope through
     * replicate b of every point.  The points were measured in separate trials, so
     * resampling them independently is what the design allows.
     *
     * @param estimates  the point estimates, one per x
     * @param replicates per point, its bootstrap replicates (same count for all points)
     */
    public static Interval slopeInterval(double[] x, double[] estimates, List<double[]> replicates) {
        if (replicates.size() != x.length)
            throw new IllegalArgumentException("one set of replicates per x value");
        int n = replicates.get(0).length;
        double[] boot = new double[n];
        double[] y = new double[x.length];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < x.length; i++)
                y[i] = replicates.get(i)[b];
            boot[b] = slope(x, y);
        }
        return percentile(slope(x, estimates), boot);
    }

    /** Element-wise combination of replicate arrays, e.g. (a, b) -> 2a - b for an entry cost. */
    public static double[] combine(java.util.function.DoubleBinaryOperator f, double[] a, double[] b) {
        if (a.length != b.length)
            throw new IllegalArgumentException("replicate counts differ");
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++)
            out[i] = f.applyAsDouble(a[i], b[i]);
        return out;
    }

    /** Samples beyond Tukey's inner fences (Q1 - 1.5 IQR, Q3 + 1.5 IQR): mild and far-out together. */
    public static int mildOutliers(double[] xs) {
        if (xs.length < 4)
            return 0;
        double q1 = quantile(xs, 0.25), q3 = quantile(xs, 0.75), iqr = q3 - q1;
        int n = 0;
        for (double x : xs)
            if (x < q1 - 1.5 * iqr || x > q3 + 1.5 * iqr) n++;
        return n;
    }

    /**
     * The coherence check (gVisor secbench's "incoherent run"): a sandbox cannot make a
     * system call cheaper, so a model whose overhead interval lies wholly below zero is
     * faster than its baseline beyond noise and its numbers are suspect.
     */
    public static boolean coherent(Interval overhead) {
        return !(overhead.high() < 0);
    }

    /** max/min - 1 of positive values: the spread of repeated medians. */
    public static double relativeSpread(double[] xs) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return xs.length == 0 ? Double.NaN : hi / lo - 1;
    }

    public static double[] concat(List<double[]> parts) {
        int n = 0;
        for (double[] p : parts)
            n += p.length;
        double[] out = new double[n];
        int i = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    /** A stable seed from a key, so intervals are reproducible from the raw samples. */
    public static long seed(String key) {
        long h = 1125899906842597L;
        for (int i = 0; i < key.length(); i++)
            h = 31 * h + key.charAt(i);
        return h;
    }
}

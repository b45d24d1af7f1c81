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
        if (model.size() != baseline.size() || model.isEmpty())
            throw new IllegalArgumentException("paired rounds must match and be non-empty");
        double est = median(concat(model)) - median(concat(baseline));
        int rounds = model.size();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] boot = new double[DEFAULT_RESAMPLES];
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
        Arrays.sort(boot);
        return new Interval(est, sortedQuantile(boot, 0.025), sortedQuantile(boot, 0.975));
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

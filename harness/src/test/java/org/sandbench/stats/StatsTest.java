package org.sandbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The statistics as tables: inputs, and what a correct implementation must return. */
class StatsTest {

    static double[] xs(String s) {
        if (s.isBlank())
            return new double[0];
        String[] p = s.trim().split("\\s+");
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++)
            d[i] = Double.parseDouble(p[i]);
        return d;
    }

    @ParameterizedTest(name = "quantile({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', value = {
        "1 2 3 4 5      | 0.5  | 3",
        "1 2 3 4        | 0.5  | 2.5",
        "5 1 4 2 3      | 0.25 | 2",
        "10             | 0.9  | 10",
        "1 2 3 4 5 6 7 8 9 10 | 0.75 | 7.75",
    })
    void quantilesAreType7(String data, double q, double expected) {
        assertEquals(expected, Stats.quantile(xs(data), q), 1e-12);
    }

    @ParameterizedTest(name = "{0}: far-out {1}, mild {2}")
    @CsvSource(delimiter = '|', value = {
        "10 10 10 10 10 10 10 10         | 0 | 0",
        "10 11 10 11 10 11 10 11 40      | 1 | 1",
        "10 11 12 13 14 15 16 17 25      | 0 | 1",
        "1 2 3                           | 0 | 0",
        "100 10 11 12 10 11 12 10 11 -50 | 2 | 2",
    })
    void outliersUseTukeyFences(String data, int farOut, int mild) {
        assertEquals(farOut, Stats.outliers(xs(data)));
        assertEquals(mild, Stats.mildOutliers(xs(data)));
    }

    /** Rounds of batches around a level, with drift between rounds that pairing must cancel. */
    static List<double[]> rounds(double level, double[] drift, long seed, double noise) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (double d : drift) {
            double[] b = new double[10];
            for (int i = 0; i < b.length; i++)
                b[i] = level + d + noise * (r.nextDouble() - 0.5);
            out.add(b);
        }
        return out;
    }

    @ParameterizedTest(name = "true overhead {0} ns, noise {1}: interval excludes zero = {2}")
    @CsvSource({
        "25, 2, true",
        "8, 2, true",
        "0, 2, false",
        "-20, 2, true",
    })
    void pairedDifferenceFindsTheShift(double shift, double noise, boolean excludesZero) {
        double[] drift = { 0, 15, -10, 30, 5 };
        List<double[]> base = rounds(100, drift, 1, noise), model = rounds(100 + shift, drift, 2, noise);
        Stats.Interval i = Stats.pairedDifference(model, base, 42);
        assertTrue(i.low() <= shift + 1 && i.high() >= shift - 1, () -> "interval " + i + " should cover " + shift);
        assertEquals(excludesZero, i.excludesZero(), i::toString);
        assertEquals(shift < 0 && excludesZero, !Stats.coherent(i), "a model faster than its baseline beyond noise is incoherent");
    }

    @Test
    void bootstrapIsReproducibleFromTheSeed() {
        List<double[]> base = rounds(100, new double[] { 0, 3, 1 }, 7, 4), model = rounds(120, new double[] { 0, 3, 1 }, 8, 4);
        assertArrayEquals(Stats.pairedDifferenceReplicates(model, base, 99, 200),
                Stats.pairedDifferenceReplicates(model, base, 99, 200));
        assertEquals(Stats.pairedDifference(model, base, 5), Stats.pairedDifference(model, base, 5));
        assertThrows(IllegalArgumentException.class, () -> Stats.pairedDifference(model, base.subList(0, 2), 1));
    }

    @ParameterizedTest(name = "slope of {1} over {0} = {2}")
    @CsvSource(delimiter = '|', value = {
        "1 2 3 4      | 10 12 14 16    | 2",
        "1 10 100     | 5 5 5          | 0",
        "0 1          | 3 1            | -2",
        "27 100 400   | 54 63.1 100.6  | 0.1248",
    })
    void leastSquaresSlope(String x, String y, double expected) {
        assertEquals(expected, Stats.slope(xs(x), xs(y)), 1e-3);
    }

    @Test
    void slopeIntervalCombinesReplicatesPointByPoint() {
        double[] x = { 1, 2, 4, 8 };
        // Replicates of four points whose overheads are 10 + 3x, each with the same small jitter.
        List<double[]> reps = new ArrayList<>();
        double[] est = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            est[i] = 10 + 3 * x[i];
            double[] r = new double[500];
            SplittableRandom rnd = new SplittableRandom(i);
            for (int b = 0; b < r.length; b++)
                r[b] = est[i] + rnd.nextDouble() - 0.5;
            reps.add(r);
        }
        Stats.Interval s = Stats.slopeInterval(x, est, reps);
        assertEquals(3, s.estimate(), 1e-9);
        assertTrue(s.low() < 3 && s.high() > 3 && s.high() - s.low() < 0.5, s::toString);
        assertThrows(IllegalArgumentException.class, () -> Stats.slope(new double[] { 2, 2 }, new double[] { 1, 3 }));
    }

    @ParameterizedTest(name = "spread of {0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "100 101 102 100 103 | 0.03",
        "140 140             | 0",
        "139.2 279.0         | 1.00431",
    })
    void relativeSpreadIsMaxOverMinMinusOne(String data, double expected) {
        assertEquals(expected, Stats.relativeSpread(xs(data)), 1e-4);
    }

    @Test
    void medianReplicatesOfOneRoundAreAnOrdinaryBootstrap() {
        double[] r = Stats.medianReplicates(List.of(xs("1 2 3 4 5 6 7 8 9")), 3, 300);
        assertEquals(300, r.length);
        for (double v : r)
            assertTrue(v >= 1 && v <= 9);
        assertFalse(Stats.percentile(5, r).excludesZero() && Stats.percentile(5, r).low() > 5);
    }
}

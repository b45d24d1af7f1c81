package org.sandbench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sandbench.backend.LocalBackend;
import org.sandbench.backend.TrialParser;
import org.sandbench.backend.TrialResult;
import org.sandbench.backend.TrialSettings;
import org.sandbench.backend.TrialSpec;
import org.sandbench.harness.OverheadRun;
import org.sandbench.harness.Progress;
import org.sandbench.models.Enforcement;
import org.sandbench.models.Mode;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.results.Csv;
import org.sandbench.stats.Stats;

/**
 * Measures many sandbox configurations of one operation against the unsandboxed
 * baseline, the way {@link OverheadRun} measures models: trials calibrated by time,
 * rounds that interleave everything, raw samples and trial records appended as
 * trials finish.  A sweep has one baseline per distinct operation (a "group": the
 * same program and arguments), and within a round the baseline runs again before
 * every few points.  A point's trial in a round is paired with all baseline trials of
 * its group in that round: drift between rounds cancels, and the baseline of a round
 * rests on several trials rather than one (on the shared development machines one
 * trial's level varies independently of its neighbours', so more baseline trials
 * narrow the interval more than a nearer one would).
 */
public final class SweepRunner {

    /**
     * One configuration (or a group's baseline) to measure.
     *
     * @param id     stable identifier, also the plan file's name
     * @param group  the baseline group: points of one group run the same program and arguments
     * @param check  after a successful trial: why the sandbox was not what the row claims (empty if it was)
     */
    public record Trial(String id, String model, String workload, String params, String group, String planText,
                        Path executable, List<String> args, Function<TrialResult, Optional<String>> check) {
        public Trial {
            args = List.copyOf(args);
        }
    }

    /** @param baselineEvery the group's baseline runs again before every this many points */
    public record Settings(int rounds, int baselineEvery, TrialSettings trial) {
        public Settings {
            if (rounds < 1 || baselineEvery < 1)
                throw new IllegalArgumentException("rounds >= 1 and baselineEvery >= 1");
        }
    }

    /** Where the raw records go (shared by the sweeps of one command), and the trial counter. */
    public static final class Recorder implements AutoCloseable {
        private final Csv.Appender samples, trials;
        private int trialNo;

        public Recorder(Path dir) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            samples = new Csv.Appender(dir.resolve("samples.csv"), OverheadRun.SAMPLE_HEADER);
            trials = new Csv.Appender(dir.resolve("trials.csv"), OverheadRun.TRIAL_HEADER);
        }

        int record(String backend, Trial t, int round, TrialResult r) {
            trialNo++;
            samples.append(OverheadRun.sampleRows(backend, t.model(), Mode.RETROFIT.id(), t.workload(), t.params(), round,
                    trialNo, r));
            trials.append(List.of(OverheadRun.trialRow(backend, t.model(), Mode.RETROFIT.id(), t.workload(), t.params(),
                    round, trialNo, r)));
            return trialNo;
        }

        @Override
        public void close() {
            samples.close();
            trials.close();
        }
    }

    /**
     * A measured point: its own median, the overhead over its paired baselines, and the
     * bootstrap replicates of that overhead for derived figures.
     */
    public record Measured(Trial trial, Stats.Interval ns, Stats.Interval overhead, double[] overheadReplicates,
                           double baselineMedian, int samples, int outliers, int okTrials, int rounds, String status,
                           String enforced, String note, Enforcement enforcement, String pinnedCpu,
                           int disturbedBatches) {
        public boolean ok() {
            return status.equals("ok") || status.equals("partial");
        }

        public boolean coherent() {
            return !ok() || Stats.coherent(overhead);
        }
    }

    private final LocalBackend backend;
    private final Progress progress;

    public SweepRunner(LocalBackend backend, Progress progress) {
        this.backend = backend;
        this.progress = progress;
    }

    /** The trial order of one round for one group (pure; tested): B p p p B p p p ... */
    public static List<Integer> order(int points, int round, int baselineEvery) {
        List<Integer> seq = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            if (i % baselineEvery == 0)
                seq.add(-1);
            seq.add(Math.floorMod(i + round, points));
        }
        if (points == 0)
            seq.add(-1);
        return seq;
    }

    public static int trialsPerRound(int points, int baselineEvery) {
        return points == 0 ? 1 : points + (points + baselineEvery - 1) / baselineEvery;
    }

    /**
     * @param baselines one per group, keyed by their group
     * @param points    the configurations; each names its group
     */
    public List<Measured> run(List<Trial> baselines, List<Trial> points, Settings s, Path workdir, Recorder rec) {
        return run(baselines, points, s, workdir, rec, r -> { });
    }

    /**
     * @param beforeRound called with the round index before each round: lets a caller interleave
     *                    measurements of its own (the kernel benchmark's method in `validate`)
     */
    public List<Measured> run(List<Trial> baselines, List<Trial> points, Settings s, Path workdir, Recorder rec,
                              java.util.function.IntConsumer beforeRound) {
        Map<String, Trial> baseByGroup = new LinkedHashMap<>();
        for (Trial b : baselines)
            baseByGroup.put(b.group(), b);
        Map<String, List<Trial>> byGroup = new LinkedHashMap<>();
        for (Trial p : points) {
            if (!baseByGroup.containsKey(p.group()))
                throw new IllegalArgumentException("point " + p.id() + " has no baseline for group " + p.group());
            byGroup.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p);
        }
        Map<String, Path> plans = new LinkedHashMap<>();
        for (Trial t : baselines)
            plans.put(t.id(), writePlan(workdir, t));
        for (Trial t : points)
            plans.put(t.id(), writePlan(workdir, t));

        int total = 0;
        for (List<Trial> g : byGroup.values())
            total += s.rounds() * trialsPerRound(g.size(), s.baselineEvery());
        progress.start(total);

        // per point, per round: its result, and the baseline trials of its group in that round
        Map<String, List<TrialResult>> mine = new LinkedHashMap<>();
        Map<String, List<List<TrialResult>>> paired = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Trial p : points) {
            mine.put(p.id(), new ArrayList<>());
            paired.put(p.id(), new ArrayList<>());
        }
        for (int r = 0; r < s.rounds(); r++) {
            beforeRound.accept(r);
            for (Map.Entry<String, List<Trial>> g : byGroup.entrySet()) {
                Trial base = baseByGroup.get(g.getKey());
                List<TrialResult> roundBase = new ArrayList<>();
                for (int idx : order(g.getValue().size(), r, s.baselineEvery())) {
                    Trial t = idx < 0 ? base : g.getValue().get(idx);
                    if (idx >= 0 && failed.containsKey(t.id())) {
                        progress.trialDone(t.id() + " r" + (r + 1), "skipped: " + failed.get(t.id()));
                        continue;
                    }
                    TrialResult res = runOne(t, plans.get(t.id()), workdir, s.trial());
                    rec.record(backend.id(), t, r + 1, res);
                    progress.trialDone(t.id() + " r" + (r + 1), describe(res));
                    if (idx < 0) {
                        roundBase.add(res);
                        continue;
                    }
                    mine.get(t.id()).add(res);
                    paired.get(t.id()).add(roundBase); // filled further as the round goes on
                    if (!res.ok() && res.status() != TrialResult.Status.TIMEOUT)
                        failed.put(t.id(), res.status().id() + ": " + res.message());
                }
            }
        }
        progress.finish();
        List<Measured> out = new ArrayList<>();
        for (Trial p : points)
            out.add(summarise(p, mine.get(p.id()), paired.get(p.id()), s.rounds()));
        return out;
    }

    /** One trial outside any sweep (the loop-overhead check), recorded like the others. */
    public TrialResult measureOnce(Trial t, Path workdir, TrialSettings settings, Recorder rec, int round) {
        TrialResult res = runOne(t, writePlan(workdir, t), workdir, settings);
        rec.record(backend.id(), t, round, res);
        progress.trialDone(t.id() + " r" + round, describe(res));
        return res;
    }

    private TrialResult runOne(Trial t, Path planFile, Path workdir, TrialSettings settings) {
        TrialSpec spec = new TrialSpec(t.model(), t.workload(), Mode.RETROFIT, LaunchPlan.empty(t.id()), t.executable(),
                t.args(), workdir, settings);
        TrialResult res = backend.execute(backend.command(spec, planFile), workdir, settings.timeout().toMillis());
        if (res.ok()) {
            Optional<String> problem = t.check().apply(res);
            if (problem.isPresent())
                res = res.withStatus(TrialResult.Status.NOT_ENFORCED,
                        "the sandbox was not what the row claims, no number recorded: " + problem.get());
        }
        return res;
    }

    private static Path writePlan(Path workdir, Trial t) {
        try {
            Path f = workdir.resolve(".sandbench").resolve(t.id() + ".plan");
            Files.createDirectories(f.getParent());
            Files.writeString(f, t.planText());
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(TrialResult r) {
        if (!r.ok())
            return r.status().id() + ": " + r.message();
        double[] x = samplesOf(r);
        return String.format(java.util.Locale.ROOT, "%.1f ns/op (%d batches)", Stats.median(x), x.length);
    }

    static double[] samplesOf(TrialResult t) {
        return t.samples();
    }

    static Measured summarise(Trial p, List<TrialResult> mine, List<List<TrialResult>> paired, int rounds) {
        List<double[]> m = new ArrayList<>(), b = new ArrayList<>(), all = new ArrayList<>();
        int ok = 0, excluded = 0;
        TrialResult firstOk = null, firstBad = null;
        for (int i = 0; i < mine.size(); i++) {
            TrialResult t = mine.get(i);
            if (!t.ok()) {
                if (firstBad == null)
                    firstBad = t;
                continue;
            }
            ok++;
            excluded += t.excludedBatches();
            if (firstOk == null)
                firstOk = t;
            all.add(samplesOf(t));
            List<double[]> base = new ArrayList<>();
            for (TrialResult bt : paired.get(i))
                if (bt.ok())
                    base.add(samplesOf(bt));
            if (!base.isEmpty() && Stats.concat(base).length > 0 && samplesOf(t).length > 0) {
                m.add(samplesOf(t));
                b.add(Stats.concat(base));
            }
        }
        String status = mine.isEmpty() ? "not-run" : ok == rounds ? "ok" : ok > 0 ? "partial" : firstBad.status().id();
        String note = firstBad == null ? "" : firstBad.message();
        Enforcement e = firstOk == null ? Enforcement.UNKNOWN : firstOk.enforcement();
        String enforced = firstOk == null ? "" : firstOk.enforced();
        String pinned = firstOk == null ? "" : TrialParser.pinnedCpu(firstOk);
        Stats.Interval nan = new Stats.Interval(Double.NaN, Double.NaN, Double.NaN);
        if (m.isEmpty())
            return new Measured(p, nan, nan, new double[0], Double.NaN, 0, 0, ok, rounds,
                    ok > 0 ? "unpaired" : status, enforced, ok > 0 ? "no successful baseline to pair with" : note, e,
                    pinned, excluded);
        double[] samples = Stats.concat(all);
        Stats.Interval ns = Stats.medianInterval(samples, Stats.seed(p.id()));
        double[] reps = Stats.pairedDifferenceReplicates(m, b, Stats.seed(p.id() + "|overhead"), Stats.DEFAULT_RESAMPLES);
        Stats.Interval over = Stats.percentile(Stats.median(Stats.concat(m)) - Stats.median(Stats.concat(b)), reps);
        return new Measured(p, ns, over, reps, Stats.median(Stats.concat(b)), samples.length, Stats.outliers(samples),
                ok, rounds, status, enforced, note, e, pinned, excluded);
    }

    /** The statistical columns shared by every sweep CSV (the order of overhead.csv, then extras). */
    public static final List<String> STAT_COLUMNS = List.of("ns_per_op", "ci_low", "ci_high", "samples",
            "baseline_ns_per_op", "overhead_ns", "overhead_ratio", "enforced", "overhead_ci_low", "overhead_ci_high",
            "outliers", "trials", "status", "coherent", "point", "note", "disturbed_batches");

    public static List<String> statCells(Measured m) {
        double ratio = m.ns().estimate() / m.baselineMedian();
        return List.of(Csv.ns(m.ns().estimate()), Csv.ns(m.ns().low()), Csv.ns(m.ns().high()),
                Integer.toString(m.samples()), Csv.ns(m.baselineMedian()), Csv.ns(m.overhead().estimate()),
                Csv.ratio(ratio), m.enforced(), Csv.ns(m.overhead().low()), Csv.ns(m.overhead().high()),
                Integer.toString(m.outliers()), Integer.toString(m.okTrials()), m.status(),
                !m.ok() ? "" : m.coherent() ? "yes" : "no: faster than its baseline beyond noise", m.trial().id(),
                m.note(), Integer.toString(m.disturbedBatches()));
    }
}

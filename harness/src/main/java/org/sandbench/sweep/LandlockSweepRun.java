package org.sandbench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sandbench.backend.LocalBackend;
import org.sandbench.backend.TrialParser;
import org.sandbench.backend.TrialResult;
import org.sandbench.harness.Home;
import org.sandbench.harness.Progress;
import org.sandbench.measure.ConfoundManifest;
import org.sandbench.models.Enforcement;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.stats.Stats;

/**
 * Runs the Landlock sweep ({@link LandlockSweep}) in a scratch workspace: creates the
 * trees and rule directories, measures every point against the same open without
 * Landlock (one baseline per file opened), checks each trial really had the layers,
 * rules and outcome its row claims, and derives the cost per path component, per
 * rule and per layer.
 */
public final class LandlockSweepRun {

    public record Row(LandlockSweep.Point point, SweepRunner.Measured measured) {
    }

    public record Result(List<Row> rows, List<Figure> figures, List<String> findings, Map<String, Object> measuredProcess,
                         List<String> failures) {
    }

    private final Home home;
    private final LocalBackend backend;
    private final Progress progress;

    public LandlockSweepRun(Home home, LocalBackend backend, Progress progress) {
        this.home = home;
        this.backend = backend;
        this.progress = progress;
    }

    /** Creates what every point needs beneath work (directories, files, the workload's copy). */
    public void prepare(List<LandlockSweep.Point> points, Path work) {
        String w = work.toString();
        try {
            Path bin = Path.of(LandlockSweep.binary(w));
            Files.createDirectories(bin.getParent());
            Files.copy(home.workloadBinary("open-try"), bin, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("r-xr-xr-x"));
            Path probe = Path.of(LandlockSweep.probe(w));
            Files.createDirectories(probe.getParent());
            Files.writeString(probe, "a file outside every rule\n");
            int maxRules = 1;
            for (LandlockSweep.Point p : points) {
                Path t = Path.of(LandlockSweep.target(p.config(), w));
                Files.createDirectories(t.getParent());
                if (!Files.exists(t))
                    Files.writeString(t, "sandbench landlock sweep\n");
                maxRules = Math.max(maxRules, p.config().rules());
            }
            for (int i = 1; i < maxRules; i++)
                Files.createDirectories(Path.of(LandlockSweep.ruleDir(w, i)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result run(LandlockSweep.Axes axes, SweepRunner.Settings settings, Path work, SweepRunner.Recorder rec) {
        List<LandlockSweep.Point> points = LandlockSweep.points(axes);
        prepare(points, work);
        String w = work.toString();
        Path exe = Path.of(LandlockSweep.binary(w));
        Map<String, SweepRunner.Trial> baselines = new LinkedHashMap<>();
        List<SweepRunner.Trial> trials = new ArrayList<>();
        for (LandlockSweep.Point p : points) {
            LandlockSweep.Config c = p.config();
            List<String> args = List.of("--path", LandlockSweep.target(c, w));
            baselines.computeIfAbsent(c.group(), g -> new SweepRunner.Trial("baseline-" + g, "none", "open-try",
                    "baseline,depth=" + c.depth() + ",access=" + c.access().id(), g,
                    "sandbench-plan 1\n# landlock sweep baseline: no sandbox\n", exe, args, LandlockSweepRun::checkBaseline));
            trials.add(new SweepRunner.Trial(c.id(), "landlock", "open-try", c.params(), c.group(),
                    LandlockSweep.plan(c, w, LandlockAbi.LATEST_KNOWN), exe, args, r -> check(r, c)));
        }
        List<SweepRunner.Measured> measured = new SweepRunner(backend, progress)
                .run(new ArrayList<>(baselines.values()), trials, settings, work, rec);
        List<Row> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Object> proc = new TreeMap<>();
        for (int i = 0; i < points.size(); i++) {
            Row r = new Row(points.get(i), augment(measured.get(i), points.get(i).config()));
            rows.add(r);
            if (!r.measured().ok())
                failures.add("landlock sweep point " + r.point().config().id() + ": " + r.measured().status() + ": "
                        + r.measured().note());
            else
                proc.putIfAbsent("landlock", ConfoundManifest.process(r.measured().enforcement(), r.measured().enforced(),
                        r.measured().pinnedCpu()));
        }
        List<Figure> figures = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        derive(rows, figures, findings);
        return new Result(rows, figures, findings, proc, failures);
    }

    /** The enforced column names the layers and rules the launcher reported, beside the ABI and rights. */
    private static SweepRunner.Measured augment(SweepRunner.Measured m, LandlockSweep.Config c) {
        if (!m.ok())
            return m;
        String e = m.enforced() + "; " + c.rules() + " path rule" + (c.rules() == 1 ? "" : "s") + ", " + c.layers()
                + " layer" + (c.layers() == 1 ? "" : "s") + ", open " + c.access().id();
        return new SweepRunner.Measured(m.trial(), m.ns(), m.overhead(), m.overheadReplicates(), m.baselineMedian(),
                m.samples(), m.outliers(), m.okTrials(), m.rounds(), m.status(), e, m.note(), m.enforcement(),
                m.pinnedCpu(), m.disturbedBatches());
    }

    static Optional<String> checkBaseline(TrialResult r) {
        String outcome = TrialParser.field(r, "note", null, "open_outcome");
        if (!"allowed".equals(outcome))
            return Optional.of("without a sandbox the open should succeed, it was " + outcome);
        return Optional.empty();
    }

    static Optional<String> check(TrialResult r, LandlockSweep.Config c) {
        Enforcement e = r.enforcement();
        if (e.landlockKernelAbi() < 1)
            return Optional.of("Landlock is unavailable: nothing was enforced");
        if (!"denied".equals(e.landlockProbe()))
            return Optional.of("the Landlock probe was " + e.landlockProbe() + ", not denied");
        String layers = TrialParser.field(r, "enforced", "landlock", "layers");
        if (!Integer.toString(c.layers()).equals(layers))
            return Optional.of("the launcher stacked " + layers + " layers, the point has " + c.layers());
        String rules = TrialParser.field(r, "enforced", "landlock", "rules_path");
        if (!Integer.toString(c.rules()).equals(rules))
            return Optional.of("the ruleset has " + rules + " path rules, the point has " + c.rules());
        String outcome = TrialParser.field(r, "note", null, "open_outcome");
        if (!c.access().id().equals(outcome))
            return Optional.of("the open was " + outcome + ", the point measures " + c.access().id() + " access");
        return Optional.empty();
    }

    public static List<String> axisCells(String axis, LandlockSweep.Config c) {
        return List.of(axis, Integer.toString(c.depth()), Integer.toString(c.rules()), Integer.toString(c.layers()),
                c.access().id());
    }

    public static List<String> header() {
        List<String> h = new ArrayList<>(LandlockSweep.COLUMNS);
        h.addAll(SweepRunner.STAT_COLUMNS);
        return h;
    }

    public static List<List<String>> csvRows(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (String axis : List.of(LandlockSweep.AXIS_DEPTH, LandlockSweep.AXIS_RULES, LandlockSweep.AXIS_LAYERS,
                LandlockSweep.AXIS_ACCESS)) {
            rows.stream().filter(r -> r.point().axes().contains(axis))
                    .sorted(Comparator.comparingInt((Row r) -> r.point().config().depth())
                            .thenComparingInt(r -> r.point().config().rules())
                            .thenComparingInt(r -> r.point().config().layers())
                            .thenComparing(r -> r.point().config().access()))
                    .forEach(r -> {
                        List<String> cells = new ArrayList<>(axisCells(axis, r.point().config()));
                        cells.addAll(SweepRunner.statCells(r.measured()));
                        out.add(cells);
                    });
        }
        return out;
    }

    private static List<Row> on(List<Row> rows, String axis) {
        return rows.stream().filter(r -> r.point().axes().contains(axis)).toList();
    }

    private static double x(List<Row> rows, SweepRunner.Measured m, java.util.function.ToIntFunction<LandlockSweep.Config> f) {
        return f.applyAsInt(rows.stream().filter(r -> r.measured() == m).findFirst().orElseThrow().point().config());
    }

    public static void derive(List<Row> rows, List<Figure> figures, List<String> findings) {
        String sw = "landlock";
        double baseline = rows.stream().map(Row::measured).filter(SweepRunner.Measured::ok)
                .mapToDouble(SweepRunner.Measured::baselineMedian).average().orElse(Double.NaN);
        double tol = Math.max(2.0, 0.02 * baseline);
        Stats.Interval none = new Stats.Interval(Double.NaN, Double.NaN, Double.NaN);

        List<Row> depth = new ArrayList<>(on(rows, LandlockSweep.AXIS_DEPTH));
        depth.sort(Comparator.comparingInt(r -> r.point().config().depth()));
        Stats.Interval depthChange = none;
        if (depth.size() >= 2) {
            List<SweepRunner.Measured> m = depth.stream().map(Row::measured).toList();
            figures.add(new Figure(sw, "cost per path component", Figure.slope(m, q -> x(depth, q, LandlockSweep.Config::depth)),
                    "ns/component", "slope of overhead over depth (components between the granting directory and the file)"));
            Row lo = depth.get(0), hi = depth.get(depth.size() - 1);
            depthChange = Figure.difference(hi.measured(), lo.measured());
            figures.add(new Figure(sw, "deepest minus shallowest", depthChange, "ns", "overhead at depth "
                    + hi.point().config().depth() + " minus at depth " + lo.point().config().depth()));
            figures.add(new Figure(sw, "overhead at depth " + lo.point().config().depth(), Figure.overheadOf(lo.measured()),
                    "ns", "open+close of a file directly beneath the granting rule's directory, 1 rule, 1 layer"));
        }
        List<Row> rules = new ArrayList<>(on(rows, LandlockSweep.AXIS_RULES));
        rules.sort(Comparator.comparingInt(r -> r.point().config().rules()));
        Stats.Interval rulesChange = none;
        if (rules.size() >= 2) {
            List<SweepRunner.Measured> m = rules.stream().map(Row::measured).toList();
            figures.add(new Figure(sw, "cost per rule", Figure.slope(m, q -> x(rules, q, LandlockSweep.Config::rules)),
                    "ns/rule", "slope of overhead over the ruleset's rule count (extra rules beside the measured path)"));
            figures.add(new Figure(sw, "cost per doubling of the rules", Figure.slope(m,
                    q -> Math.log(x(rules, q, LandlockSweep.Config::rules)) / Math.log(2)), "ns/doubling",
                    "slope of overhead over log2(rules): rules are looked up in a balanced tree per path component"));
            rulesChange = Figure.difference(rules.get(rules.size() - 1).measured(), rules.get(0).measured());
            figures.add(new Figure(sw, "most minus fewest rules", rulesChange, "ns", "overhead with "
                    + rules.get(rules.size() - 1).point().config().rules() + " rules minus with "
                    + rules.get(0).point().config().rules()));
        }
        List<Row> layers = new ArrayList<>(on(rows, LandlockSweep.AXIS_LAYERS));
        layers.sort(Comparator.comparingInt(r -> r.point().config().layers()));
        Stats.Interval layersChange = none;
        if (layers.size() >= 2) {
            List<SweepRunner.Measured> m = layers.stream().map(Row::measured).toList();
            figures.add(new Figure(sw, "cost per layer", Figure.slope(m, q -> x(layers, q, LandlockSweep.Config::layers)),
                    "ns/layer", "slope of overhead over stacked domains of the same ruleset"));
            layersChange = Figure.difference(layers.get(layers.size() - 1).measured(), layers.get(0).measured());
        }
        List<Row> access = on(rows, LandlockSweep.AXIS_ACCESS);
        Optional<Row> allowed = access.stream().filter(r -> r.point().config().access() == LandlockSweep.Access.ALLOWED).findFirst();
        Optional<Row> denied = access.stream().filter(r -> r.point().config().access() == LandlockSweep.Access.DENIED).findFirst();
        if (allowed.isPresent() && denied.isPresent()) {
            figures.add(new Figure(sw, "overhead of a denied open", Figure.overheadOf(denied.get().measured()), "ns",
                    "a refused open (EACCES, walked to the root) minus the same open succeeding without Landlock"));
            figures.add(new Figure(sw, "denied minus allowed", Figure.difference(denied.get().measured(),
                    allowed.get().measured()), "ns", "overheads of the denied and the allowed open at the base depth"));
        }

        Figure.Trend d = Figure.trend(depthChange, tol), r = Figure.trend(rulesChange, tol), l = Figure.trend(layersChange, tol);
        if (depth.size() >= 2)
            findings.add(String.format(Locale.ROOT, "Path depth %d -> %d: Landlock rows %s (%s ns [%s, %s]).",
                    depth.get(0).point().config().depth(), depth.get(depth.size() - 1).point().config().depth(), d.words,
                    Figure.num(depthChange.estimate()), Figure.num(depthChange.low()), Figure.num(depthChange.high())));
        if (rules.size() >= 2)
            findings.add(String.format(Locale.ROOT, "Rules %d -> %d: Landlock rows %s (%s ns [%s, %s]).",
                    rules.get(0).point().config().rules(), rules.get(rules.size() - 1).point().config().rules(), r.words,
                    Figure.num(rulesChange.estimate()), Figure.num(rulesChange.low()), Figure.num(rulesChange.high())));
        if (layers.size() >= 2)
            findings.add(String.format(Locale.ROOT, "Layers %d -> %d: Landlock rows %s (%s ns [%s, %s]).",
                    layers.get(0).point().config().layers(), layers.get(layers.size() - 1).point().config().layers(),
                    l.words, Figure.num(layersChange.estimate()), Figure.num(layersChange.low()),
                    Figure.num(layersChange.high())));
        findings.add(d == Figure.Trend.GROWS ? "On this kernel the Landlock rows grow with path depth."
                : "On this kernel the Landlock rows did NOT clearly grow with path depth (" + d.words + ").");
        for (Figure f : figures)
            if (f.name().startsWith("cost per") || f.name().startsWith("overhead"))
                findings.add(f.brief());
        findings.add(String.format(Locale.ROOT, "(flat: the 95%% interval of the change contains zero or stays within "
                + "+-%.1f ns, max(2 ns, 2%% of the baseline))", tol));
    }
}

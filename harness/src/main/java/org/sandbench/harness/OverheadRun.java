package org.sandbench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sandbench.backend.Backend;
import org.sandbench.backend.Batch;
import org.sandbench.backend.TrialResult;
import org.sandbench.backend.TrialSettings;
import org.sandbench.backend.TrialSpec;
import org.sandbench.measure.ConfoundManifest;
import org.sandbench.measure.JvmTrial;
import org.sandbench.models.CompileContext;
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.Enforcement;
import org.sandbench.models.Mode;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.results.Csv;
import org.sandbench.results.OverheadRow;
import org.sandbench.stats.Stats;
import org.sandbench.workloads.WorkloadInstance;

/**
 * The overhead matrix: every workload under the baseline and every model, in
 * rounds that interleave them (none, M1, M2, ..., none, M2, M3, M1, ...) so that
 * drift hits all alike.  Raw samples and trial records are appended as trials
 * finish; the summary is computed from them at the end.
 */
public final class OverheadRun {

    /**
     * @param models    the models to compare with the baseline (the baseline is added)
     * @param rounds    how many times each model runs per workload, interleaved
     */
    public record Config(SandboxModel baseline, List<SandboxModel> models, List<WorkloadInstance> workloads, Mode mode,
                         int rounds, TrialSettings settings, SeccompCompiler.Options seccomp,
                         LandlockCompiler.Options landlock, Path out) {
        public Config {
            models = List.copyOf(models);
            workloads = List.copyOf(workloads);
            if (rounds < 1)
                throw new IllegalArgumentException("rounds >= 1");
        }

        public int totalTrials() {
            return workloads.size() * rounds * (models.size() + 1);
        }
    }

    /**
     * @param failures one message per (model, workload) that could not be measured
     * @param measured per model, what its first successful trial reported about itself
     *                 (the confound manifest's measured_process section of env.json)
     */
    public record Outcome(List<OverheadRow> rows, List<String> failures, Map<String, Map<String, Object>> measured) {
        public Outcome(List<OverheadRow> rows, List<String> failures) {
            this(rows, failures, Map.of());
        }
    }

    public static final List<String> SAMPLE_HEADER = List.of("backend", "model", "mode", "workload", "params", "round",
            "trial", "batch", "iters", "ns", "ns_per_op", "trial_status", "cpu_ns", "disturbed");
    public static final List<String> TRIAL_HEADER = List.of("backend", "model", "mode", "workload", "params", "round",
            "trial", "status", "message", "batches", "exit_code", "wall_ms", "enforced", "ssb", "seccomp_filters",
            "landlock_abi", "launcher_ns", "launch_to_main_ns", "landlock_build_ns", "landlock_restrict_ns",
            "seccomp_compile_ns", "seccomp_load_ns", "pinned_cpu", "ssb_prctl");

    private final Home home;
    private final Backend backend;
    private final Progress progress;
    private final Map<SandboxModel.Platform, Group> platforms = new java.util.EnumMap<>(SandboxModel.Platform.class);

    // Interruption (Ctrl-C): a shutdown hook stops the loop and summarises what finished.
    private final Object lock = new Object();
    private volatile boolean stopping;
    private Config running;
    private final List<OverheadRow> finishedRows = new ArrayList<>();
    private Map<String, Cell> inProgress = Map.of();
    private WorkloadInstance inProgressWorkload;
    private int trialsDone;

    public OverheadRun(Home home, Backend backend, Progress progress) {
        this.home = home;
        this.backend = backend;
        this.progress = progress;
    }

    /** Where the models of one platform run, and the baseline their overhead is measured against. */
    private record Group(Backend backend, SandboxModel baseline) {
    }

    /**
     * Models of {@code platform} run on {@code backend}, against {@code baseline} run on the same
     * backend in the same rounds (a container row's baseline is a container, trap 6 of the prior
     * art); the others run on the default backend against {@link Config#baseline()}.
     */
    public OverheadRun withPlatform(SandboxModel.Platform platform, Backend platformBackend, SandboxModel baseline) {
        platforms.put(platform, new Group(platformBackend, baseline));
        return this;
    }

    private Group groupOf(Config c, SandboxModel m) {
        Group g = platforms.get(m.platform());
        return g != null ? g : new Group(backend, c.baseline());
    }

    /** The groups with models in this run, the default one first; each baseline, then its models. */
    private List<Map.Entry<Group, List<SandboxModel>>> groups(Config c) {
        Map<Group, List<SandboxModel>> m = new LinkedHashMap<>();
        m.put(new Group(backend, c.baseline()), new ArrayList<>());
        for (SandboxModel x : c.models())
            m.computeIfAbsent(groupOf(c, x), k -> new ArrayList<>()).add(x);
        return new ArrayList<>(m.entrySet());
    }

    private static String key(Backend b, SandboxModel m) {
        return b.id() + "|" + m.id();
    }

    private record Cell(SandboxModel model, CompiledPolicy compiled, List<TrialResult> byRound, List<String> failures,
                        Backend backend, String baselineKey) {
    }

    public Outcome run(Config c) {
        return run(c, false);
    }

    /** @param appendRaw add to samples.csv and trials.csv of an earlier run into the same folder (another backend) */
    public Outcome run(Config c, boolean appendRaw) {
        try {
            Files.createDirectories(c.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<OverheadRow> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Map<String, Object>> measured = new java.util.TreeMap<>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        int cellsPerWorkload = 0;
        for (var g : groups(c))
            cellsPerWorkload += 1 + g.getValue().size();
        synchronized (lock) {
            running = c;
        }
        progress.start(c.workloads().size() * c.rounds() * cellsPerWorkload);
        int trialNo = 0;
        try (Csv.Appender samples = new Csv.Appender(c.out().resolve("samples.csv"), SAMPLE_HEADER, appendRaw);
             Csv.Appender trials = new Csv.Appender(c.out().resolve("trials.csv"), TRIAL_HEADER, appendRaw)) {
            workloads:
            for (WorkloadInstance w : c.workloads()) {
                try (Workspace ws = Workspace.create(Workspace.parentFor(w.manifest(), tmp), w)) {
                    Map<String, Cell> cells = compileAll(c, w, ws);
                    synchronized (lock) {
                        inProgress = cells;
                        inProgressWorkload = w;
                    }
                    for (int r = 0; r < c.rounds(); r++) {
                        for (Cell cell : order(cells, c, r)) {
                            if (stopping)
                                break workloads;
                            trialNo++;
                            TrialResult res = runTrial(c, w, ws, cell, cells.get(cell.baselineKey()), r);
                            awaitInterruption(res);
                            synchronized (lock) {
                                // A trial cut short by the interruption is not a result.
                                if (stopping)
                                    break workloads;
                                cell.byRound().add(res);
                                if (res.ok())
                                    measured.putIfAbsent((cell.backend().id().equals("local") ? "" : cell.backend().id() + ":")
                                            + cell.model().id(), ConfoundManifest.process(res.enforcement(), res.enforced(),
                                            org.sandbench.backend.TrialParser.pinnedCpu(res)));
                                record(samples, trials, c, w, cell, r, trialNo, res);
                                trialsDone++;
                            }
                            progress.trialDone(w.label() + " " + cell.model().id()
                                    + (cell.backend() == backend ? "" : " (" + cell.backend().id() + ")") + " r" + (r + 1),
                                    describe(res));
                            if (!res.ok() && res.status() != TrialResult.Status.TIMEOUT) {
                                String msg = "workload " + w.label() + " under model " + cell.model().id() + " ("
                                        + c.mode().id() + "): " + res.message()
                                        + (res.status() == TrialResult.Status.DENIED
                                        ? " -- the policy in " + home.root().relativize(home.workloads())
                                        + "/" + w.manifest().kind() + "/" + w.id() + ".yaml does not grant what the workload needs" : "");
                                cell.failures().add(msg);
                            }
                        }
                    }
                    synchronized (lock) {
                        for (Cell cell : cells.values()) {
                            OverheadRow row = summarise(c, w, cell, cells.get(cell.baselineKey()));
                            rows.add(row);
                            finishedRows.add(row);
                            if (!cell.failures().isEmpty())
                                failures.add(cell.failures().get(0));
                        }
                        inProgress = Map.of();
                        inProgressWorkload = null;
                    }
                }
            }
        }
        if (!stopping)
            progress.finish();
        return new Outcome(rows, failures, measured);
    }

    /**
     * Ctrl-C reaches the whole foreground process group: the trial dies of SIGINT
     * a moment before the JVM runs its shutdown hook.  Such a trial is given a
     * second for the hook to claim it, so that it is dropped rather than recorded
     * as a crash; a trial killed by someone else is recorded after that second.
     */
    private void awaitInterruption(TrialResult res) {
        if (res.status() != TrialResult.Status.CRASHED || (res.exitCode() != 128 + 2 && res.exitCode() != 128 + 15))
            return;
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (!stopping && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops the run after the trial in flight (whose result is dropped) and
     * returns the summary of what finished: whole workloads as usual, and the
     * cells of the workload in progress from the rounds they completed, marked
     * partial.  Called from a shutdown hook on Ctrl-C; safe from any thread.
     */
    public List<OverheadRow> stopAndSummarise() {
        stopping = true;
        synchronized (lock) {
            List<OverheadRow> out = new ArrayList<>(finishedRows);
            if (running != null && inProgressWorkload != null)
                for (Cell cell : inProgress.values())
                    if (!cell.byRound().isEmpty())
                        out.add(summarise(running, inProgressWorkload, cell, inProgress.get(cell.baselineKey())));
            return out;
        }
    }

    public boolean stopping() {
        return stopping;
    }

    /** Trials recorded so far (for the message of an interrupted run). */
    public int trialsDone() {
        synchronized (lock) {
            return trialsDone;
        }
    }

    private Map<String, Cell> compileAll(Config c, WorkloadInstance w, Workspace ws) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        String exe = executable(w).toString();
        for (var g : groups(c)) {
            Group group = g.getKey();
            List<SandboxModel> all = new ArrayList<>();
            all.add(group.baseline());
            all.addAll(g.getValue());
            for (SandboxModel m : all) {
                CompileContext ctx = new CompileContext(w.id(), c.mode(), ws.bindings(), exe, ws.probe(), c.seccomp(),
                        c.landlock());
                try {
                    cells.put(key(group.backend(), m), new Cell(m, m.compile(w.manifest().policy(), ctx), new ArrayList<>(),
                            new ArrayList<>(), group.backend(), key(group.backend(), group.baseline())));
                } catch (PolicyException | IllegalArgumentException e) {
                    throw SandbenchException.usage("cannot compile the policy of workload " + w.id() + " for model "
                            + m.id() + ": " + e.getMessage());
                }
            }
        }
        return cells;
    }

    /** Per backend: its baseline first in every round, then its models rotated by the round number. */
    private List<Cell> order(Map<String, Cell> cells, Config c, int round) {
        List<Cell> out = new ArrayList<>();
        for (var g : groups(c)) {
            Cell base = cells.get(key(g.getKey().backend(), g.getKey().baseline()));
            if (base == null)
                continue;
            List<Cell> models = new ArrayList<>();
            for (SandboxModel m : g.getValue())
                models.add(cells.get(key(g.getKey().backend(), m)));
            out.add(base);
            for (int i = 0; i < models.size(); i++)
                out.add(models.get((i + round) % models.size()));
        }
        // A cell that already failed for a reason that will not change is not run again.
        out.removeIf(cell -> !cell.failures().isEmpty());
        return out;
    }

    private TrialResult runTrial(Config c, WorkloadInstance w, Workspace ws, Cell cell, Cell baseline, int round) {
        List<String> args = new ArrayList<>();
        for (String a : w.manifest().args())
            args.add(ws.bindings().resolve(a));
        Map<String, Integer> services = new java.util.TreeMap<>();
        for (String s : w.manifest().services())
            services.put(s, Integer.parseInt(ws.bindings().resolve("${port." + s + "}")));
        TrialSpec spec = new TrialSpec(cell.model().id(), w.id(), c.mode(), cell.compiled(), executable(w), args,
                ws.dir(), c.settings(), services);
        TrialResult res;
        if (isJvm(w)) {
            if (!(cell.backend() instanceof org.sandbench.backend.LocalBackend local))
                throw SandbenchException.missing("JVM workloads run on the local backend only, not "
                        + cell.backend().id() + " (model " + cell.model().id() + ")");
            res = JvmTrial.run(home, local, spec, w.manifest().binary(), ws.bindings(), c.out().resolve("jmh")
                    .resolve(w.id() + "-" + cell.model().id().replace('+', '_') + "-r" + (round + 1) + ".json"));
        } else {
            res = cell.backend().run(spec);
        }
        if (res.ok() && cell != baseline) {
            Enforcement base = baseline.byRound().isEmpty() ? Enforcement.UNKNOWN
                    : baseline.byRound().get(baseline.byRound().size() - 1).enforcement();
            var problem = cell.model().checkEnforced(cell.compiled(), res.enforcement(), base);
            if (problem.isPresent())
                res = res.withStatus(TrialResult.Status.NOT_ENFORCED, "the sandbox was not in force, no number recorded: "
                        + problem.get());
        }
        return res;
    }

    static boolean isJvm(WorkloadInstance w) {
        return w.manifest().kind().equals("jvm");
    }

    /** The program the launcher executes: the workload binary, or for a JVM workload this JDK's java. */
    private Path executable(WorkloadInstance w) {
        return isJvm(w) ? JvmTrial.java() : home.workloadBinary(w.manifest().binary());
    }

    private static String describe(TrialResult r) {
        if (!r.ok())
            return r.status().id() + ": " + r.message();
        double[] x = r.samples();
        return String.format(java.util.Locale.ROOT, "%.1f ns/op (%d batches)", Stats.median(x), x.length);
    }

    private void record(Csv.Appender samples, Csv.Appender trials, Config c, WorkloadInstance w, Cell cell,
                        int round, int trialNo, TrialResult r) {
        String b = cell.backend().id(), m = cell.model().id();
        samples.append(sampleRows(b, m, c.mode().id(), w.id(), w.paramString(), round + 1, trialNo, r));
        trials.append(List.of(trialRow(b, m, c.mode().id(), w.id(), w.paramString(), round + 1, trialNo, r)));
    }

    /** The samples.csv rows of one trial: one per timed batch (SAMPLE_HEADER). */
    public static List<List<String>> sampleRows(String backend, String model, String mode, String workload,
                                                String params, int round, int trialNo, TrialResult r) {
        List<List<String>> s = new ArrayList<>();
        for (Batch b : r.batches())
            s.add(List.of(backend, model, mode, workload, params, Integer.toString(round), Integer.toString(trialNo),
                    Integer.toString(b.index()), Long.toString(b.iters()), Long.toString(b.ns()), Csv.ns(b.nsPerOp()),
                    r.status().id(), b.cpuNs() < 0 ? "" : Long.toString(b.cpuNs()), r.disturbed(b) ? "yes" : "no"));
        return s;
    }

    /** The trials.csv row of one trial (TRIAL_HEADER). */
    public static List<String> trialRow(String backend, String model, String mode, String workload, String params,
                                        int round, int trialNo, TrialResult r) {
        Map<String, Long> st = r.setupNs();
        return List.of(backend, model, mode, workload, params, Integer.toString(round), Integer.toString(trialNo),
                r.status().id(), r.message(), Integer.toString(r.batches().size()), Integer.toString(r.exitCode()),
                Csv.ns(r.wallNs() / 1e6), r.enforced(), r.enforcement().ssb(),
                Integer.toString(r.enforcement().seccompFilters()), Integer.toString(r.enforcement().landlockKernelAbi()),
                num(st, "launcher_ns"), num(st, "launch_to_main_ns"), num(st, "landlock_build_ns"),
                num(st, "landlock_restrict_ns"), num(st, "seccomp_compile_ns"), num(st, "seccomp_load_ns"),
                org.sandbench.backend.TrialParser.pinnedCpu(r), r.enforcement().ssbPrctl());
    }

    private static String num(Map<String, Long> m, String k) {
        Long v = m.get(k);
        return v == null || v < 0 ? "" : Long.toString(v);
    }

    private OverheadRow summarise(Config c, WorkloadInstance w, Cell cell, Cell baseline) {
        List<double[]> mine = new ArrayList<>(), base = new ArrayList<>();
        int okTrials = 0, excluded = 0;
        for (int r = 0; r < cell.byRound().size(); r++) {
            TrialResult t = cell.byRound().get(r);
            if (!t.ok())
                continue;
            okTrials++;
            excluded += t.excludedBatches();
            TrialResult b = r < baseline.byRound().size() ? baseline.byRound().get(r) : null;
            if (b != null && b.ok()) {
                mine.add(samplesOf(t));
                base.add(samplesOf(b));
            }
        }
        Backend backend = cell.backend();
        String key = backend.id() + "|" + cell.model().id() + "|" + c.mode().id() + "|" + w.label();
        String enforced = cell.byRound().stream().filter(TrialResult::ok).map(TrialResult::enforced).findFirst()
                .orElse("");
        boolean isBaseline = cell == baseline;
        if (isBaseline)
            enforced = enforced.isEmpty() ? "nothing (baseline)" : "nothing (baseline); " + enforced;
        String status = cell.byRound().isEmpty() ? "not-run"
                : okTrials == cell.byRound().size() && okTrials == c.rounds() ? "ok"
                : okTrials > 0 ? "partial" : firstBad(cell).status().id();
        String note = cell.failures().isEmpty() ? (okTrials < c.rounds() && okTrials > 0 ? partialNote(cell, c.rounds()) : "")
                : cell.failures().get(0);
        if (mine.isEmpty())
            return new OverheadRow(backend.id(), cell.model().id(), c.mode().id(), w.id(), w.paramString(), Double.NaN,
                    Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, okTrials,
                    status, "", enforced, note, excluded);
        double[] all = Stats.concat(mine), allBase = Stats.concat(base);
        Stats.Interval ns = Stats.medianInterval(all, Stats.seed(key));
        double baseMedian = Stats.median(allBase);
        Stats.Interval over = isBaseline ? new Stats.Interval(0, 0, 0)
                : Stats.pairedDifference(mine, base, Stats.seed(key + "|overhead"));
        String coherent = Stats.coherent(over) ? "yes" : "no: faster than its baseline beyond noise";
        return new OverheadRow(backend.id(), cell.model().id(), c.mode().id(), w.id(), w.paramString(), ns.estimate(),
                ns.low(), ns.high(), all.length, baseMedian, over.estimate(), over.low(), over.high(),
                ns.estimate() / baseMedian, Stats.outliers(all), okTrials, status, coherent, enforced, note, excluded);
    }

    /** Why a cell has fewer good rounds than planned: its first failed trial, or an interruption. */
    private static String partialNote(Cell cell, int rounds) {
        return cell.byRound().stream().filter(t -> !t.ok()).findFirst().map(TrialResult::message)
                .orElse("interrupted after " + cell.byRound().size() + " of " + rounds + " rounds");
    }

    private static TrialResult firstBad(Cell cell) {
        return cell.byRound().stream().filter(t -> !t.ok()).findFirst().orElseThrow();
    }

    static double[] samplesOf(TrialResult t) {
        return t.samples();
    }
}

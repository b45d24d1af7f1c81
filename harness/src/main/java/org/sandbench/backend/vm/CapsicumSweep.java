package org.sandbench.backend.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sandbench.backend.Batch;
import org.sandbench.backend.TrialResult;
import org.sandbench.backend.TrialSettings;
import org.sandbench.backend.TrialSpec;
import org.sandbench.models.Mode;
import org.sandbench.models.capsicum.CapRight;
import org.sandbench.models.capsicum.CapsicumPlan;
import org.sandbench.results.Csv;
import org.sandbench.stats.Stats;

/**
 * The Capsicum sweep (SPEC, "Sweeps"), run in the FreeBSD guest by cap-sweep
 * (native/freebsd/cap_sweep.c).  Each axis moves alone against its own reference point,
 * measured in the same rounds: the size of a descriptor's rights mask (read(2) on
 * /dev/zero), the length of its cap_ioctls_limit list with the measured FIONREAD last
 * (ioctl(2) on a pipe; cap-sweep fills the list with _IO('z', i), commands no driver
 * implements, so the kernel's linear scan in cap_ioctl_check walks all of it), and capability mode off and on (getpid(2) and read(2)).
 */
public final class CapsicumSweep {
    private CapsicumSweep() {
    }

    /**
     * One point: rights and ioctls are -1 for "not limited".
     *
     * @param reference the axis's point every other point of the axis is compared with
     */
    public record Point(String axis, String op, int rights, int ioctls, boolean capmode, boolean reference) {
        /** cap-sweep's arguments for this point. */
        public List<String> args() {
            List<String> a = new ArrayList<>(List.of("--op", op));
            a.add("--rights");
            a.add(rights < 0 ? "all" : String.join(",", CapRight.SWEEP_ORDER.subList(0, rights).stream().map(CapRight::macro).toList()));
            a.add("--ioctls");
            a.add(ioctls < 0 ? "all" : Integer.toString(ioctls));
            a.addAll(List.of("--capmode", capmode ? "1" : "0"));
            return a;
        }

        public String params() {
            return "op=" + op + ";rights=" + (rights < 0 ? "all" : rights) + ";ioctls=" + (ioctls < 0 ? "all" : ioctls)
                    + ";capmode=" + (capmode ? 1 : 0);
        }
    }

    public static List<Point> points(boolean quick) {
        List<Point> p = new ArrayList<>();
        int all = CapRight.SWEEP_ORDER.size();
        p.add(new Point("rights", "read", -1, -1, false, true));
        for (int r : quick ? new int[] { 1, 8, all } : new int[] { 1, 2, 4, 8, 16, all })
            p.add(new Point("rights", "read", r, -1, false, false));
        p.add(new Point("ioctls", "ioctl", -1, -1, false, true));
        for (int n : quick ? new int[] { 1, 64 } : new int[] { 1, 8, 64, 256 })
            p.add(new Point("ioctls", "ioctl", -1, n, false, false));
        for (String op : List.of("getpid", "read")) {
            p.add(new Point("capmode-" + op, op, -1, -1, false, true));
            p.add(new Point("capmode-" + op, op, -1, -1, true, false));
        }
        return p;
    }

    public static final List<String> HEADER = List.of("axis", "params", "op", "rights", "ioctls", "capmode", "ns_per_op",
            "ci_low", "ci_high", "samples", "baseline_ns_per_op", "overhead_ns", "overhead_ci_low", "overhead_ci_high",
            "overhead_ratio", "trials", "status", "note");

    /** Runs every point in interleaved rounds on a FreeBSD VmBackend and writes sweep-capsicum.csv. */
    public static Path run(VmBackend vm, List<Point> points, int rounds, TrialSettings settings, Path out) {
        CapsicumPlan none = new CapsicumPlan("capsicum sweep: cap-sweep limits its own descriptor", List.of(),
                Optional.empty(), false, List.of());
        Map<Point, List<TrialResult>> results = new LinkedHashMap<>();
        points.forEach(p -> results.put(p, new ArrayList<>()));
        Path work;
        try {
            Files.createDirectories(out);
            work = Files.createTempDirectory("cap-sweep-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < points.size(); i++) {
                    Point p = points.get((i + r) % points.size());
                    TrialSpec spec = new TrialSpec("capsicum-sweep", "cap-sweep", Mode.SELF, none, Path.of("cap-sweep"),
                            p.args(), work, settings);
                    TrialResult res = vm.run(spec);
                    results.get(p).add(res);
                    System.err.printf("[sweep %d/%d] %s %s: %s%n", r + 1, rounds, p.axis(), p.params(),
                            res.ok() ? String.format(java.util.Locale.ROOT, "%.1f ns/op", Stats.median(samples(res)))
                                    : res.status().id() + " " + res.message());
                }
            }
        } finally {
            GuestSession.deleteTree(work);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Point p : points) {
            Point ref = points.stream().filter(x -> x.axis().equals(p.axis()) && x.reference()).findFirst().orElse(p);
            rows.add(row(p, results.get(p), results.get(ref)));
        }
        Path csv = out.resolve("sweep-capsicum.csv");
        Csv.write(csv, HEADER, rows);
        return csv;
    }

    static double[] samples(TrialResult t) {
        return t.batches().stream().mapToDouble(Batch::nsPerOp).toArray();
    }

    static List<String> row(Point p, List<TrialResult> mine, List<TrialResult> ref) {
        List<double[]> m = new ArrayList<>(), b = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++)
            if (mine.get(i).ok() && i < ref.size() && ref.get(i).ok()) {
                m.add(samples(mine.get(i)));
                b.add(samples(ref.get(i)));
            }
        List<String> head = List.of(p.axis(), p.params(), p.op(), p.rights() < 0 ? "all" : Integer.toString(p.rights()),
                p.ioctls() < 0 ? "all" : Integer.toString(p.ioctls()), p.capmode() ? "1" : "0");
        List<String> row = new ArrayList<>(head);
        if (m.isEmpty()) {
            String why = mine.stream().filter(t -> !t.ok()).map(TrialResult::message).findFirst().orElse("no trial");
            row.addAll(List.of("", "", "", "0", "", "", "", "", "", Integer.toString(mine.size()), "failed", why));
            return row;
        }
        double[] all = Stats.concat(m);
        Stats.Interval ns = Stats.medianInterval(all, Stats.seed(p.params()));
        double base = Stats.median(Stats.concat(b));
        Stats.Interval over = p.reference() ? new Stats.Interval(0, 0, 0) : Stats.pairedDifference(m, b, Stats.seed(p.params() + "|o"));
        row.addAll(List.of(Csv.ns(ns.estimate()), Csv.ns(ns.low()), Csv.ns(ns.high()), Integer.toString(all.length),
                Csv.ns(base), Csv.ns(over.estimate()), Csv.ns(over.low()), Csv.ns(over.high()), Csv.ratio(ns.estimate() / base),
                Integer.toString(m.size()), "ok", p.reference() ? "reference point of the axis" : ""));
        return row;
    }
}

package org.sandbench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sandbench.report.EscapeVerdict;
import org.sandbench.report.ResultSet;

/** The three forms of a comparison: a terminal table, a Markdown summary, Bencher Metric Format JSON. */
public final class CompareOutput {
    private CompareOutput() {
    }

    private static final List<String> HEADER = List.of("workload", "model", "mode", "base ns/op", "cur ns/op",
            "base overhead", "cur overhead", "shift ns", "shift %", "p", "verdict");

    private static List<List<String>> cellRows(Comparison.Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Cell c : r.cells())
            rows.add(List.of(c.key().label(), c.key().model(), c.key().mode(), ns(c.baseNsPerOp()), ns(c.curNsPerOp()),
                    c.key().model().equals(Comparison.BASELINE_MODEL) ? "(baseline)" : signed(c.baseOverhead()),
                    c.key().model().equals(Comparison.BASELINE_MODEL) ? "(baseline)" : signed(c.curOverhead()),
                    signed(c.shift()), Double.isNaN(c.shiftPct()) ? "" : String.format(Locale.ROOT, "%+.1f%%", c.shiftPct()),
                    p(c.p()), c.verdict().label + (c.why().isEmpty() || c.verdict() == Verdict.REGRESSION
                            || c.verdict() == Verdict.IMPROVEMENT ? "" : " (" + c.why() + ")")));
        return rows;
    }

    private static List<List<String>> escapeRows(Comparison.Result r, boolean changedOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Escape e : r.escapes())
            if (!changedOnly || !e.before().equals(e.after()))
                rows.add(List.of(e.category(), e.attempt(), e.model(), e.mode(), e.before().isEmpty() ? "-" : e.before(),
                        e.after().isEmpty() ? "-" : e.after(), e.verdict().label));
        return rows;
    }

    private static final List<String> SETUP_HEADER = List.of("backend", "model", "mode", "stage", "base us", "cur us",
            "shift %", "p");

    private static List<List<String>> setupRows(Comparison.Result r, boolean changedOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.SetupChange c : r.setup())
            if (!changedOnly || c.changed())
                rows.add(List.of(c.backend(), c.model(), c.mode(), c.stage().replaceFirst("_ns$", ""),
                        String.format(Locale.ROOT, "%.1f", c.baseNs() / 1000), String.format(Locale.ROOT, "%.1f", c.curNs() / 1000),
                        String.format(Locale.ROOT, "%+.1f%%", c.shiftPct()), p(c.p())));
        return rows;
    }

    private static String setupSummary(Comparison.Result r) {
        long changed = r.setup().stream().filter(Comparison.SetupChange::changed).count();
        return String.format(Locale.ROOT, "setup: %d of %d stages moved beyond %.1f%% (rank test at alpha %.3g); reported, "
                + "not gated", changed, r.setup().size(), r.thresholdPct(), r.alpha());
    }

    private static final List<String> ESC_HEADER = List.of("category", "attempt", "model", "mode", "baseline", "current",
            "verdict");

    public static String table(Comparison.Result r) {
        StringBuilder sb = new StringBuilder();
        if (!r.cells().isEmpty())
            sb.append(align(HEADER, cellRows(r)));
        List<List<String>> esc = escapeRows(r, true);
        if (!r.escapes().isEmpty()) {
            sb.append('\n');
            if (esc.isEmpty())
                sb.append("escapes: all ").append(r.escapes().size()).append(" verdicts unchanged\n");
            else
                sb.append("escape verdicts that changed:\n").append(align(ESC_HEADER, esc));
        }
        if (!r.setup().isEmpty()) {
            sb.append('\n').append(setupSummary(r)).append('\n');
            List<List<String>> moved = setupRows(r, true);
            if (!moved.isEmpty())
                sb.append("setup stages that moved:\n").append(align(SETUP_HEADER, moved));
        }
        for (String n : r.notes())
            sb.append("note: ").append(n).append('\n');
        sb.append('\n').append(summaryLine(r)).append('\n');
        return sb.toString();
    }

    public static String summaryLine(Comparison.Result r) {
        return String.format(Locale.ROOT, "%d regression(s), %d improvement(s), %d no change, %d baseline drift, "
                        + "%d not compared (threshold %.1f%% of ns/op, rank test at alpha %.3g)", r.count(Verdict.REGRESSION),
                r.count(Verdict.IMPROVEMENT), r.count(Verdict.NO_CHANGE), r.count(Verdict.DRIFT),
                r.count(Verdict.NOT_COMPARED), r.thresholdPct(), r.alpha());
    }

    public static String markdown(Comparison.Result r, ResultSet base, ResultSet cur) {
        StringBuilder sb = new StringBuilder();
        sb.append("# sandbench compare: ").append(r.regressed() ? "REGRESSION" : "no regression").append("\n\n");
        sb.append("- baseline: `").append(base.dir().getFileName()).append("` (").append(commit(base)).append(", ")
                .append(base.kernelLabel()).append(")\n");
        sb.append("- current: `").append(cur.dir().getFileName()).append("` (").append(commit(cur)).append(", ")
                .append(cur.kernelLabel()).append(")\n");
        sb.append("- ").append(summaryLine(r)).append("\n");
        for (String n : r.notes())
            sb.append("- note: ").append(n).append('\n');
        sb.append('\n');
        sb.append("A cell regressed when the Mann-Whitney U test on its raw samples (each minus the median of the "
                + "unsandboxed baseline in the same round) rejects equality at the given alpha, **and** the median moved "
                + "by more than the threshold (in percent of the cell's baseline ns/op), **and** the change exceeds the "
                + "trials' noise: its model moved as a whole (Wilcoxon signed-rank test over the model's cells, p < 0.05, "
                + "median beyond half the threshold) or the cell alone moved by more than three thresholds with every "
                + "trial beyond every baseline trial. A move of the unsandboxed baseline is reported as drift and does "
                + "not gate. An escape verdict that got weaker (blocked/killed > confined > escaped) is a regression."
                + "\n\n");
        for (Verdict v : List.of(Verdict.REGRESSION, Verdict.IMPROVEMENT)) {
            List<List<String>> rows = new ArrayList<>();
            List<List<String>> all = cellRows(r);
            for (int i = 0; i < r.cells().size(); i++)
                if (r.cells().get(i).verdict() == v)
                    rows.add(all.get(i));
            if (!rows.isEmpty())
                sb.append("## ").append(v == Verdict.REGRESSION ? "Regressions" : "Improvements").append("\n\n")
                        .append(md(HEADER, rows)).append('\n');
        }
        if (!r.escapes().isEmpty()) {
            List<List<String>> esc = escapeRows(r, true);
            sb.append("## Escape verdicts\n\n");
            sb.append(esc.isEmpty() ? "All " + r.escapes().size() + " verdicts unchanged.\n\n" : md(ESC_HEADER, esc) + "\n");
        }
        if (!r.setup().isEmpty()) {
            List<List<String>> moved = setupRows(r, true);
            sb.append("## Setup stages (reported, not gated)\n\n").append(setupSummary(r)).append(".\n\n");
            if (!moved.isEmpty())
                sb.append(md(SETUP_HEADER, moved)).append('\n');
        }
        if (!r.cells().isEmpty())
            sb.append("<details><summary>All cells</summary>\n\n").append(md(HEADER, cellRows(r))).append("\n</details>\n");
        return sb.toString();
    }

    /**
     * Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format): per cell of the
     * current set, "latency" (ns/op, built-in measure) and "overhead" (ns over the baseline), each with its
     * 95% interval from overhead.csv when present; per model, the escape attempts stopped and escaped.
     */
    public static Map<String, Object> bmf(ResultSet cur, Comparison.Result r) {
        Map<String, ResultSet.Row> overhead = new TreeMap<>();
        for (ResultSet.Row row : cur.rows(ResultSet.Part.OVERHEAD))
            overhead.put(new CellKey(row.get("backend"), row.get("model"), row.get("mode"), row.get("workload"),
                    row.get("params")).benchmarkName(), row);
        Map<String, Object> out = new TreeMap<>();
        for (Comparison.Cell c : r.cells()) {
            if (c.nCur() == 0)
                continue;
            String name = c.key().benchmarkName();
            ResultSet.Row row = overhead.get(name);
            Map<String, Object> measures = new TreeMap<>();
            if (row != null && !Double.isNaN(row.num("ns_per_op"))) {
                measures.put("latency", metric(row.num("ns_per_op"), row.num("ci_low"), row.num("ci_high")));
                if (!c.key().model().equals(Comparison.BASELINE_MODEL) && !Double.isNaN(row.num("overhead_ns")))
                    measures.put("overhead", metric(row.num("overhead_ns"), row.num("overhead_ci_low"),
                            row.num("overhead_ci_high")));
            } else {
                measures.put("latency", metric(c.curNsPerOp(), Double.NaN, Double.NaN));
                if (!c.key().model().equals(Comparison.BASELINE_MODEL))
                    measures.put("overhead", metric(c.curOverhead(), Double.NaN, Double.NaN));
            }
            out.put(name, measures);
        }
        Map<String, int[]> perModel = new TreeMap<>();
        for (ResultSet.Row row : cur.rows(ResultSet.Part.ESCAPES)) {
            EscapeVerdict v = EscapeVerdict.parse(row.get("verdict"));
            int[] n = perModel.computeIfAbsent("escapes:" + row.get("model")
                    + (row.get("mode").isEmpty() ? "" : ":" + row.get("mode")), k -> new int[2]);
            if (v.stopped())
                n[0]++;
            if (v == EscapeVerdict.ESCAPED)
                n[1]++;
        }
        perModel.forEach((k, n) -> {
            Map<String, Object> m = new TreeMap<>();
            m.put("escapes-stopped", metric(n[0], Double.NaN, Double.NaN));
            m.put("escapes-escaped", metric(n[1], Double.NaN, Double.NaN));
            out.put(k, m);
        });
        return out;
    }

    private static Map<String, Object> metric(double v, double lo, double hi) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", v);
        if (!Double.isNaN(lo))
            m.put("lower_value", lo);
        if (!Double.isNaN(hi))
            m.put("upper_value", hi);
        return m;
    }

    private static String commit(ResultSet rs) {
        String c = rs.env().path("sandbench").path("git_commit").asText("unknown commit");
        return "commit " + (c.length() > 12 ? c.substring(0, 12) : c);
    }

    private static String ns(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%+.1f", v);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "" : v < 1e-4 ? "<1e-4" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String align(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows)
                w[i] = Math.max(w[i], r.get(i).length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        List<String> rule = new ArrayList<>();
        for (int x : w)
            rule.add("-".repeat(x));
        line(sb, rule, w);
        for (List<String> r : rows)
            line(sb, r, w);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++)
            l.append(String.format("%-" + w[i] + "s  ", cells.get(i)));
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static String md(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++)
            sb.append("---|");
        sb.append('\n');
        for (List<String> r : rows)
            sb.append("| ").append(String.join(" | ", r.stream().map(x -> x.replace("|", "\\|")).toList())).append(" |\n");
        return sb.toString();
    }
}

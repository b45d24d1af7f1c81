package org.sandbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The terminal table of a run: workloads down, models across, overhead with its 95% interval. */
public final class OverheadTable {
    private OverheadTable() {
    }

    public static String render(List<OverheadRow> rows, String baselineModel) {
        // Columns are (backend, model): a container's own baseline is a column beside the host's.
        Set<String> columns = new LinkedHashSet<>();
        Map<String, Set<String>> backendsOf = new LinkedHashMap<>();
        Map<String, Map<String, OverheadRow>> byWorkload = new LinkedHashMap<>();
        for (OverheadRow r : rows) {
            String col = r.backend() + "|" + r.model();
            columns.add(col);
            backendsOf.computeIfAbsent(r.model(), k -> new LinkedHashSet<>()).add(r.backend());
            String label = r.params().isEmpty() ? r.workload() : r.workload() + " " + r.params();
            byWorkload.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(col, r);
        }
        List<String> header = new ArrayList<>();
        header.add("workload");
        for (String col : columns) {
            String backend = col.substring(0, col.indexOf('|')), m = col.substring(col.indexOf('|') + 1);
            String name = backendsOf.get(m).size() > 1 && !backend.equals("local") ? m + " in " + backend : m;
            header.add(m.equals(baselineModel) ? name + " (ns/op)" : name + " (+ns [95% CI] ratio)");
        }
        List<List<String>> body = new ArrayList<>();
        for (Map.Entry<String, Map<String, OverheadRow>> e : byWorkload.entrySet()) {
            List<String> line = new ArrayList<>();
            line.add(e.getKey());
            for (String col : columns)
                line.add(cell(e.getValue().get(col), col.endsWith("|" + baselineModel)));
            body.add(line);
        }
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> l : body)
                w[i] = Math.max(w[i], l.get(i).length());
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header, w);
        StringBuilder rule = new StringBuilder();
        for (int x : w)
            rule.append("-".repeat(x)).append("  ");
        sb.append(rule.toString().stripTrailing()).append('\n');
        for (List<String> l : body)
            appendLine(sb, l, w);
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++)
            line.append(String.format("%-" + w[i] + "s  ", cells.get(i)));
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    static String cell(OverheadRow r, boolean baseline) {
        if (r == null)
            return "";
        if (Double.isNaN(r.nsPerOp()))
            return r.status().toUpperCase(Locale.ROOT);
        String flag = r.status().equals("ok") ? "" : " (" + r.status() + ")";
        if (!r.coherent().isEmpty() && !r.coherent().equals("yes"))
            flag += " !";
        if (baseline)
            return String.format(Locale.ROOT, "%.1f [%.1f, %.1f]%s", r.nsPerOp(), r.ciLow(), r.ciHigh(), flag);
        return String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f] x%.2f%s", r.overheadNs(), r.overheadCiLow(),
                r.overheadCiHigh(), r.overheadRatio(), flag);
    }
}

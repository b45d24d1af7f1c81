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
        Set<String> models = new LinkedHashSet<>();
        Map<String, Map<String, OverheadRow>> byWorkload = new LinkedHashMap<>();
        for (OverheadRow r : rows) {
            models.add(r.model());
            String label = r.params().isEmpty() ? r.workload() : r.workload() + " " + r.params();
            byWorkload.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(r.model(), r);
        }
        List<String> header = new ArrayList<>();
        header.add("workload");
        for (String m : models)
            header.add(m.equals(baselineModel) ? m + " (ns/op)" : m + " (+ns [95% CI] ratio)");
        List<List<String>> body = new ArrayList<>();
        for (Map.Entry<String, Map<String, OverheadRow>> e : byWorkload.entrySet()) {
            List<String> line = new ArrayList<>();
            line.add(e.getKey());
            for (String m : models)
                line.add(cell(e.getValue().get(m), m.equals(baselineModel)));
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

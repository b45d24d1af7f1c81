package org.sandbench.escapes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The printed matrix: attempts down, models across, the catalogue's letters (B blocked, K killed,
 * E escaped, E* confined, H n/a-host, P n/a-platform), '!' after a verdict that contradicts
 * its expectation; then coverage per model and per category.  Coverage counts attacks only
 * (controls must succeed) and only where the attempt applies: stopped = BLOCKED or KILLED.
 */
public final class MatrixView {
    private MatrixView() {
    }

    public static String render(List<EscapeRow> rows, List<String> models) {
        Map<String, Map<String, EscapeRow>> byAttempt = new LinkedHashMap<>();
        for (EscapeRow r : rows)
            byAttempt.computeIfAbsent(r.attempt().id(), k -> new LinkedHashMap<>()).put(r.model(), r);
        int w0 = 8;
        for (Map<String, EscapeRow> m : byAttempt.values()) {
            Attempt a = m.values().iterator().next().attempt();
            w0 = Math.max(w0, label(a).length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + w0 + "s", "attempt"));
        for (String m : models)
            sb.append("  ").append(m);
        sb.append('\n');
        Category last = null;
        for (Map<String, EscapeRow> m : byAttempt.values()) {
            Attempt a = m.values().iterator().next().attempt();
            if (a.category() != last) {
                sb.append("-- ").append(a.category().id).append('\n');
                last = a.category();
            }
            sb.append(String.format("%-" + w0 + "s", label(a)));
            for (String model : models) {
                EscapeRow r = m.get(model);
                String cell = r == null ? "." : r.verdict().letter + (r.matches().orElse(true) ? "" : "!");
                sb.append("  ").append(String.format("%-" + model.length() + "s", cell));
            }
            sb.append('\n');
        }
        sb.append("\nB blocked  K killed  E escaped  E* confined  H n/a-host  P n/a-platform  ! contradicts the expectation\n");
        if (models.stream().anyMatch(MatrixView::isContainer))
            sb.append(CONTAINER_LEGEND).append('\n');
        sb.append(coverage(rows, models));
        return sb.toString();
    }

    /**
     * What sets the container columns apart from the host's (docs/escapes.md, "Attempts in containers"), in one line:
     * the arena stays on the host, so its victims, listeners and SysV segment are out of a container's reach whatever
     * its profile; container-none shows what the container stops by itself.
     */
    public static final String CONTAINER_LEGEND = "container columns: the attempt runs in a Docker container (own PID, "
            + "network (loopback only) and IPC namespaces, no capabilities, the arena's work tree bind-mounted); the host's "
            + "victims, loopback listeners and SysV segment are out of its reach whatever the profile, so compare "
            + "docker-* with container-none for what the profile itself stops";

    static boolean isContainer(String model) {
        try {
            return EscapeModel.byId(model).isContainer();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String label(Attempt a) {
        return a.id() + " " + a.name() + (a.control() ? " (control)" : "");
    }

    /** stopped/applicable per model, then per category. */
    public static String coverage(List<EscapeRow> rows, List<String> models) {
        StringBuilder sb = new StringBuilder("\ncoverage (attacks stopped, BLOCKED or KILLED, of those that apply here):\n");
        int w = 24;
        sb.append(String.format("  %-" + w + "s", ""));
        for (String m : models)
            sb.append(String.format("  %16s", m));
        sb.append('\n');
        sb.append(String.format("  %-" + w + "s", "all categories"));
        for (String m : models)
            sb.append(String.format("  %16s", cell(rows, m, null)));
        sb.append('\n');
        for (Category c : Category.values()) {
            if (rows.stream().noneMatch(r -> r.attempt().category() == c))
                continue;
            sb.append(String.format("  %-" + w + "s", c.id));
            for (String m : models)
                sb.append(String.format("  %16s", cell(rows, m, c)));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cell(List<EscapeRow> rows, String model, Category c) {
        int stopped = 0, applicable = 0;
        for (EscapeRow r : rows) {
            if (!r.model().equals(model) || r.attempt().control() || (c != null && r.attempt().category() != c))
                continue;
            if (!r.verdict().applicable())
                continue;
            applicable++;
            if (r.verdict().stopped())
                stopped++;
        }
        if (applicable == 0)
            return "-";
        return String.format("%d/%d %3d%%", stopped, applicable, Math.round(100.0 * stopped / applicable));
    }

    public static List<String> mismatches(List<EscapeRow> rows) {
        List<String> out = new ArrayList<>();
        for (EscapeRow r : rows)
            if (!r.matches().orElse(true))
                out.add(r.attempt().id() + " " + r.attempt().name() + " under " + r.model() + " (" + r.mode() + "): "
                        + r.verdict().name() + ", expected " + r.expected().get().name() + " -- " + r.outcome().evidence());
        return out;
    }
}

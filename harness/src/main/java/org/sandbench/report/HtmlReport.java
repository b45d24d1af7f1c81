package org.sandbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sandbench.results.Json;

/** The page of a report: manifest, caveats, each family's figures and tables. */
final class HtmlReport {
    private HtmlReport() {
    }

    private static final String STYLE = """
            body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:0;color:#222;background:#fff;line-height:1.45}
            main{max-width:1180px;margin:0 auto;padding:1em 1.5em 3em}
            h1{font-size:1.5em;margin:.4em 0 .2em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            h3{font-size:1.05em;margin-top:1.4em}
            nav a{margin-right:1em}
            table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
            th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .scroll{overflow-x:auto}
            figure{margin:1em 0;display:inline-block;vertical-align:top;max-width:100%}
            figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{font-size:.85em;color:#444;max-width:900px}
            .grid figure{width:calc(50% - 1em);margin-right:.8em}
            .warning{color:#8a3b00}.note{color:#333}
            li.warning::marker{content:"\\26A0  "}
            .absent{color:#777;font-style:italic}
            pre{background:#f7f7f7;border:1px solid #e3e3e3;padding:.8em;overflow-x:auto;font-size:.8em}
            code{background:#f3f3f3;padding:0 .2em}
            .meta td:first-child{font-weight:bold;white-space:nowrap}.meta td.n{text-align:left}
            """;

    static String render(ResultSet rs, Map<String, Report.Drawn> drawn, List<Caveats.Caveat> caveats) {
        JsonNode env = rs.env();
        Html h = new Html();
        String name = rs.dir().toAbsolutePath().normalize().getFileName().toString();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // An empty icon, so the browser asks nothing of the network or the disk for one.
                .raw("<link rel=\"icon\" href=\"data:,\">\n")
                .raw("<title>").text("sandbench report: " + name).raw("</title>\n<style>\n").raw(STYLE)
                .raw("</style>\n</head>\n<body>\n<main>\n");
        h.el("h1", "sandbench results: " + name);
        h.raw("<p>").text(rs.kernelLabel() + (env.path("machine").path("cpu_model").isMissingNode() ? ""
                : " on " + env.path("machine").path("cpu_model").asText() + " (" + env.path("machine")
                .path("cpu_count").asText("?") + " CPUs)")).raw(". Every figure and table below is drawn from the files in this result folder; ")
                .raw("the raw samples are in <code>samples.csv</code>.</p>\n");
        meta(h, env);

        h.raw("<nav>");
        h.raw("<a href=\"#caveats\">Caveats</a><a href=\"#parts\">Contents</a>");
        for (Report.Drawn d : drawn.values())
            h.raw("<a href=\"#" + d.family().id() + "\">").text(d.family().title()).raw("</a>");
        h.raw("<a href=\"#environment\">Environment</a></nav>\n");

        caveats(h, caveats);
        parts(h, rs);
        for (Report.Drawn d : drawn.values()) {
            h.raw("<section id=\"" + d.family().id() + "\">\n");
            h.el("h2", d.family().title());
            figures(h, d);
            tables(h, rs, d.family());
            h.raw("</section>\n");
        }
        environment(h, env);
        h.raw("<footer><p class=\"note\">Written by <code>./sandbench report</code> from the saved result files; "
                + "regenerate it with <code>./sandbench report ").text(name).raw("</code>.</p></footer>\n");
        h.raw("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void meta(Html h, JsonNode env) {
        List<List<String>> rows = new ArrayList<>();
        JsonNode sb = env.path("sandbench");
        if (!sb.isMissingNode()) {
            rows.add(List.of("sandbench commit", sb.path("git_commit").asText("?")
                    + (sb.path("git_dirty").asBoolean(false) ? " (with uncommitted changes)" : "")));
            List<String> cmd = new ArrayList<>();
            sb.path("command").forEach(n -> cmd.add(n.asText()));
            rows.add(List.of("command", String.join(" ", cmd)));
            rows.add(List.of("re-run", "git checkout " + sb.path("git_commit").asText("?") + " && " + String.join(" ", cmd)));
        }
        if (env.has("started_utc"))
            rows.add(List.of("run", env.path("started_utc").asText() + " to " + env.path("finished_utc").asText("?")
                    + (env.path("partial").asBoolean(false) ? " (interrupted)" : "")));
        if (env.has("settings")) {
            List<String> s = new ArrayList<>();
            env.path("settings").fields().forEachRemaining(e -> s.add(e.getKey() + "=" + e.getValue().asText()));
            rows.add(List.of("settings", String.join(", ", s)));
        }
        if (env.has("backend"))
            rows.add(List.of("backend", backends(env.path("backend"))));
        if (!rows.isEmpty())
            h.table(null, rows, "meta");
    }

    /** env.json's backend section: one entry per backend group of the run ("id" alone in older sets). */
    static String backends(JsonNode b) {
        if (b.has("id") && b.path("id").isTextual())
            return b.path("id").asText();
        List<String> parts = new java.util.ArrayList<>();
        b.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String detail = v.path("available").isBoolean() && !v.path("available").asBoolean() ? " (unavailable)"
                    : v.has("engine_version") ? " (Docker " + v.path("engine_version").asText() + ")"
                    : v.has("accel") ? " (" + v.path("accel").asText() + ")" : "";
            parts.add(e.getKey() + detail);
        });
        return parts.isEmpty() ? "?" : String.join(", ", parts);
    }

    private static void caveats(Html h, List<Caveats.Caveat> caveats) {
        h.raw("<section id=\"caveats\">\n");
        h.el("h2", "Caveats");
        if (caveats.isEmpty()) {
            h.raw("<p>None found in the data.</p>\n");
        } else {
            h.raw("<ul>\n");
            for (Caveats.Level level : Caveats.Level.values())
                for (Caveats.Caveat c : caveats)
                    if (c.level() == level)
                        h.raw("<li class=\"" + level.name().toLowerCase(Locale.ROOT) + "\"><b>").text(c.topic())
                                .raw(":</b> ").text(c.text()).raw("</li>\n");
            h.raw("</ul>\n");
        }
        h.raw("</section>\n");
    }

    private static void parts(Html h, ResultSet rs) {
        h.raw("<section id=\"parts\">\n");
        h.el("h2", "What this result set holds");
        List<List<String>> rows = new ArrayList<>();
        for (ResultSet.Part p : ResultSet.Part.values()) {
            String state = !rs.has(p) ? "absent" : p == ResultSet.Part.ENV ? "present"
                    : rs.rows(p).size() + " rows";
            rows.add(List.of(p.file, p.what, state));
        }
        h.table(List.of("file", "content", "here"), rows, null);
        h.raw("</section>\n");
    }

    private static void figures(Html h, Report.Drawn d) {
        if (d.figures().isEmpty()) {
            h.raw("<p class=\"absent\">No data to draw.</p>\n");
            return;
        }
        boolean grid = false;
        for (int i = 0; i < d.figures().size(); i++) {
            Figure f = d.figures().get(i);
            // The overhead family: the summary full width, then the per-workload figures two by two.
            boolean small = f.width() <= 820;
            if (small && !grid) {
                h.raw("<div class=\"grid\">\n");
                grid = true;
            } else if (!small && grid) {
                h.raw("</div>\n");
                grid = false;
            }
            h.raw("<figure id=\"fig-" + f.name() + "\"><a href=\"" + d.svgs().get(i) + "\"><img src=\"" + d.pngs().get(i)
                    + "\" width=\"" + f.width() + "\" height=\"" + f.height() + "\" alt=\"").text(f.caption())
                    .raw("\"></a>\n<figcaption>").text(f.caption()).raw(" <a href=\"" + d.pngs().get(i) + "\">PNG</a> · <a href=\""
                            + d.svgs().get(i) + "\">SVG</a></figcaption></figure>\n");
        }
        if (grid)
            h.raw("</div>\n");
    }

    private static void tables(Html h, ResultSet rs, FigureFamily fam) {
        switch (fam.id()) {
            case "overhead" -> overheadTable(h, rs);
            case "seccomp-sweep" -> csvTable(h, rs, ResultSet.Part.SWEEP_SECCOMP);
            case "landlock-sweep" -> csvTable(h, rs, ResultSet.Part.SWEEP_LANDLOCK);
            case "setup" -> setupTable(h, rs);
            case "escapes" -> escapeTable(h, rs);
            default -> {
            }
        }
    }

    private static String ci(ResultSet.Row r, String v, String lo, String hi) {
        if (Double.isNaN(r.num(v)))
            return "";
        return OverheadFigures.fmt(r.num(v)) + " [" + OverheadFigures.fmt(r.num(lo)) + ", " + OverheadFigures.fmt(r.num(hi)) + "]";
    }

    private static void overheadTable(Html h, ResultSet rs) {
        List<List<String>> rows = new ArrayList<>();
        for (ResultSet.Row r : rs.rows(ResultSet.Part.OVERHEAD)) {
            boolean base = r.get("model").equals(OverheadFigures.BASELINE);
            rows.add(List.of(r.get("workload"), r.get("params"), r.get("backend"), r.get("mode"), r.get("model"),
                    ci(r, "ns_per_op", "ci_low", "ci_high"),
                    base ? "(baseline)" : ci(r, "overhead_ns", "overhead_ci_low", "overhead_ci_high"),
                    Double.isNaN(r.num("overhead_ratio")) ? "" : String.format(Locale.ROOT, "x%.2f", r.num("overhead_ratio")),
                    r.get("samples"), r.get("status") + (r.get("coherent").isEmpty() || r.get("coherent").equals("yes")
                            ? "" : " (incoherent)"), r.get("enforced")));
        }
        h.raw("<details><summary>Table: ").text("overhead.csv (" + rows.size() + " rows)").raw("</summary>\n");
        h.table(List.of("workload", "params", "backend", "mode", "model", "ns/op [95% CI]", "overhead ns [95% CI]",
                "ratio", "samples", "status", "enforced"), rows, null);
        h.raw("</details>\n");
    }

    private static void csvTable(Html h, ResultSet rs, ResultSet.Part p) {
        List<ResultSet.Row> rows = rs.rows(p);
        if (rows.isEmpty())
            return;
        List<String> header = new ArrayList<>(rows.get(0).cells().keySet());
        List<List<String>> body = new ArrayList<>();
        for (ResultSet.Row r : rows) {
            List<String> line = new ArrayList<>();
            for (String c : header)
                line.add(r.get(c));
            body.add(line);
        }
        h.raw("<details><summary>Table: ").text(p.file + " (" + rows.size() + " rows)").raw("</summary>\n");
        h.table(header, body, null);
        h.raw("</details>\n");
    }

    private static void setupTable(Html h, ResultSet rs) {
        List<List<String>> rows = new ArrayList<>();
        for (SetupFigures.Cost c : SetupFigures.costs(rs))
            rows.add(List.of(c.model(), c.stage(), String.format(Locale.ROOT, "%.2f", c.ns() / 1000),
                    String.format(Locale.ROOT, "%.2f", c.low() / 1000), String.format(Locale.ROOT, "%.2f", c.high() / 1000),
                    Integer.toString(c.n())));
        h.el("h3", "Table: setup costs (" + (rs.has(ResultSet.Part.SETUP) ? "setup.csv" : "from trials.csv") + ")");
        h.table(List.of("model", "stage", "median (µs)", "95% CI low (µs)", "95% CI high (µs)", "n"), rows, null);
    }

    private static void escapeTable(Html h, ResultSet rs) {
        List<ResultSet.Row> rows = rs.rows(ResultSet.Part.ESCAPES);
        if (!ContainerColumns.of(rs).isEmpty()) {
            ContainerColumns.Explanation x = ContainerColumns.explanation(rs);
            h.raw("<div id=\"escape-containers\">\n");
            h.el("h3", "Container columns: what they add to a seccomp profile");
            h.raw("<p>").text(x.intro()).raw("</p>\n<ul>\n");
            for (String item : x.layers())
                h.raw("<li>").text(item).raw("</li>\n");
            h.raw("</ul>\n");
            for (String para : x.after())
                h.raw("<p>").text(para).raw("</p>\n");
            h.raw("</div>\n");
        }
        List<List<String>> body = new ArrayList<>();
        for (ResultSet.Row r : rows)
            body.add(List.of(r.get("category"), r.get("attempt"), r.get("model"), r.get("verdict"), r.get("expected"),
                    r.get("matches_expected"), r.get("errno_or_signal"), r.get("evidence")));
        h.raw("<details><summary>Table: ").text("escapes.csv (" + rows.size() + " rows)").raw("</summary>\n");
        h.table(List.of("category", "attempt", "model", "verdict", "expected", "matches", "errno/signal", "evidence"),
                body, null);
        h.raw("</details>\n");
    }

    private static void environment(Html h, JsonNode env) {
        h.raw("<section id=\"environment\">\n");
        h.el("h2", "Environment manifest (env.json)");
        if (env.isEmpty()) {
            h.raw("<p class=\"absent\">This result set has no env.json.</p>\n</section>\n");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        JsonNode k = env.path("kernel"), m = env.path("machine");
        add(rows, "kernel", k.path("kernel_release").asText(""));
        add(rows, "Landlock ABI", k.path("landlock_abi").asText(""));
        add(rows, "seccomp SPEC_ALLOW flag", k.path("seccomp_flag_spec_allow").asText(""));
        add(rows, "speculative store bypass (measured process)", k.path("ssb_state").asText(""));
        add(rows, "spec_store_bypass (sysfs)", m.path("cpu_vulnerabilities").path("spec_store_bypass").asText(""));
        add(rows, "BPF JIT", m.path("bpf_jit").path("bpf_jit_enable").asText(""));
        add(rows, "CPU", m.path("cpu_model").asText("") + (m.has("cpu_count") ? " x" + m.path("cpu_count").asText() : ""));
        add(rows, "virtualisation", m.path("virtualisation").asText(""));
        add(rows, "clock source", m.path("clocksource").asText(""));
        env.path("tools").fields().forEachRemaining(e -> add(rows, e.getKey(), e.getValue().asText()));
        h.table(null, rows, "meta");
        String pretty;
        try {
            pretty = Json.MAPPER.writeValueAsString(env);
        } catch (JsonProcessingException e) {
            pretty = env.toString();
        }
        h.raw("<details><summary>The whole manifest</summary>\n<pre>").text(pretty).raw("</pre>\n</details>\n");
        h.raw("</section>\n");
    }

    private static void add(List<List<String>> rows, String k, String v) {
        if (!v.isEmpty())
            rows.add(List.of(k, v));
    }
}

package org.sandbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a reader must know before trusting the numbers, derived from the data
 * itself: cells that were not measured or not enforced, incoherent results,
 * confounds (speculative-store-bypass state that differs between a model and
 * its baseline, Landlock rights the kernel dropped), partial or missing parts.
 */
public final class Caveats {

    public enum Level {
        /** The numbers are incomplete or may mislead. */
        WARNING,
        /** Context a careful reader wants. */
        NOTE
    }

    public record Caveat(Level level, String topic, String text) {
    }

    private Caveats() {
    }

    public static List<Caveat> of(ResultSet rs) {
        List<Caveat> out = new ArrayList<>();
        partial(rs, out);
        absent(rs, out);
        overhead(rs, out);
        ssb(rs, out);
        trials(rs, out);
        sweeps(rs, out);
        escapes(rs, out);
        environment(rs, out);
        return out;
    }

    private static void partial(ResultSet rs, List<Caveat> out) {
        if (rs.partial())
            out.add(new Caveat(Level.WARNING, "partial",
                    "The run was interrupted (" + rs.env().path("interrupted").asText("before it finished")
                            + "): only the trials that finished are here, and cells with fewer rounds than planned are "
                            + "marked partial."));
    }

    private static void absent(ResultSet rs, List<Caveat> out) {
        List<String> missing = new ArrayList<>();
        for (ResultSet.Part p : rs.absent())
            missing.add(p.file + " (" + p.what + ")");
        if (!missing.isEmpty())
            out.add(new Caveat(Level.NOTE, "absent parts", "This result set has no " + String.join(", ", missing)
                    + ": those sections are left out of the report."));
    }

    private static String cell(ResultSet.Row r) {
        return r.get("model") + (r.get("backend").isEmpty() || r.get("backend").equals("local") ? ""
                : " [" + r.get("backend") + "]") + " on " + r.get("workload") + (r.get("params").isEmpty() ? "" : " " + r.get("params"))
                + (r.get("mode").isEmpty() ? "" : " (" + r.get("mode") + ")");
    }

    private static void overhead(ResultSet rs, List<Caveat> out) {
        // Cells that recorded no number for the same reason (a guest that could not boot: every workload) are one caveat.
        Map<String, List<ResultSet.Row>> unmeasured = new LinkedHashMap<>();
        for (ResultSet.Row r : rs.rows(ResultSet.Part.OVERHEAD)) {
            String status = r.get("status");
            if (!status.isEmpty() && !status.equals("ok"))
                unmeasured.computeIfAbsent(String.join("\u0000", r.get("model"), r.get("mode"), r.get("backend"), status,
                        r.get("note"), Double.isNaN(r.num("ns_per_op")) ? "none" : "some"), k -> new ArrayList<>()).add(r);
        }
        for (List<ResultSet.Row> group : unmeasured.values()) {
            ResultSet.Row r = group.get(0);
            String status = r.get("status");
            String where = group.size() == 1 ? cell(r) : r.get("model") + (r.get("mode").isEmpty() ? "" : " (" + r.get("mode")
                    + ")") + " on " + group.size() + " workloads (" + String.join(", ", group.stream()
                    .map(x -> x.get("workload") + (x.get("params").isEmpty() ? "" : " " + x.get("params"))).toList()) + ")";
            out.add(new Caveat(Level.WARNING, status.equals("not-enforced") ? "not enforced" : "not measured",
                    where + ": status " + status + (Double.isNaN(r.num("ns_per_op")) ? ", no number recorded" : "")
                            + (r.get("note").isEmpty() ? "" : ": " + r.get("note"))));
        }
        for (ResultSet.Row r : rs.rows(ResultSet.Part.OVERHEAD)) {
            String coherent = r.get("coherent");
            if (!coherent.isEmpty() && !coherent.equals("yes"))
                out.add(new Caveat(Level.WARNING, "incoherent", cell(r) + " was " + coherent.replaceFirst("^no: ", "")
                        + String.format(Locale.ROOT, " (overhead %s ns, 95%% interval [%s, %s]): a sandbox cannot make a "
                                + "call cheaper, so something else changed between the trials (frequency, co-runners, cache "
                                + "state); the cell is kept and flagged.", OverheadFigures.fmt(r.num("overhead_ns")),
                        OverheadFigures.fmt(r.num("overhead_ci_low")), OverheadFigures.fmt(r.num("overhead_ci_high")))));
            String enforced = r.get("enforced");
            int d = enforced.indexOf("dropped ");
            if (d >= 0)
                out.add(new Caveat(Level.WARNING, "dropped Landlock rights", cell(r) + ": the kernel lacks some of the "
                        + "Landlock rights the policy asks for, so they were not enforced (" + enforced.substring(d)
                        .split(";")[0].trim() + "); escapes and overheads that depend on them are not covered."));
            int outliers = (int) r.num("outliers"), samples = (int) r.num("samples");
            if (samples > 0 && outliers * 10 > samples)
                out.add(new Caveat(Level.NOTE, "outliers", cell(r) + ": " + outliers + " of " + samples
                        + " samples lie beyond Tukey's far-out fences (noisy host?)."));
        }
    }

    /** SSB mitigation state per (model, workload) from trials.csv; a model whose state differs from its baseline is confounded. */
    private static void ssb(ResultSet rs, List<Caveat> out) {
        Map<String, Set<String>> states = new LinkedHashMap<>();
        Set<String> all = new LinkedHashSet<>();
        for (ResultSet.Row r : rs.rows(ResultSet.Part.TRIALS)) {
            String s = r.get("ssb");
            if (s.isEmpty() || !r.get("status").equals("ok"))
                continue;
            states.computeIfAbsent(r.get("model"), k -> new LinkedHashSet<>()).add(s);
            all.add(s);
        }
        if (states.isEmpty())
            return;
        Set<String> base = states.getOrDefault(OverheadFigures.BASELINE, Set.of());
        boolean differs = false;
        for (Map.Entry<String, Set<String>> e : states.entrySet()) {
            if (e.getKey().equals(OverheadFigures.BASELINE) || base.isEmpty() || e.getValue().equals(base))
                continue;
            differs = true;
            out.add(new Caveat(Level.WARNING, "SSB confound", "Model " + e.getKey() + " ran with speculative store "
                    + "bypass state " + String.join("/", e.getValue()) + " while the baseline ran with "
                    + String.join("/", base) + ": part of its overhead is the mitigation, not the filter "
                    + "(seccomp enables SSBD unless SECCOMP_FILTER_FLAG_SPEC_ALLOW; see PR_GET_SPECULATION_CTRL)."));
        }
        if (!differs && all.size() == 1)
            out.add(new Caveat(Level.NOTE, "SSB state", "Every trial ran with the same speculative-store-bypass state ("
                    + all.iterator().next() + "), so the overheads carry no SSB-mitigation confound."));
    }

    private static void trials(ResultSet rs, List<Caveat> out) {
        Map<String, Integer> bad = new LinkedHashMap<>();
        int total = 0;
        for (ResultSet.Row r : rs.rows(ResultSet.Part.TRIALS)) {
            total++;
            if (!r.get("status").equals("ok"))
                bad.merge(r.get("status"), 1, Integer::sum);
        }
        if (!bad.isEmpty()) {
            List<String> parts = new ArrayList<>();
            bad.forEach((k, v) -> parts.add(v + " " + k));
            out.add(new Caveat(Level.WARNING, "failed trials", String.join(", ", parts) + " of " + total
                    + " trials recorded no samples (trials.csv has the message of each)."));
        }
    }

    private static void sweeps(ResultSet rs, List<Caveat> out) {
        for (ResultSet.Part p : List.of(ResultSet.Part.SWEEP_SECCOMP, ResultSet.Part.SWEEP_LANDLOCK)) {
            int bad = 0, incoherent = 0, n = 0;
            for (ResultSet.Row r : rs.rows(p)) {
                n++;
                if (r.has("status") && !r.get("status").isEmpty() && !r.get("status").equals("ok"))
                    bad++;
                if (r.has("coherent") && !r.get("coherent").isEmpty() && !r.get("coherent").equals("yes"))
                    incoherent++;
            }
            if (bad > 0)
                out.add(new Caveat(Level.WARNING, p.file, bad + " of " + n + " sweep points are not ok (see their "
                        + "status column)."));
            if (incoherent > 0)
                out.add(new Caveat(Level.WARNING, p.file, incoherent + " of " + n + " sweep points are incoherent."));
        }
    }

    private static void escapes(ResultSet rs, List<Caveat> out) {
        int unexpected = 0, naHost = 0, n = 0;
        List<String> examples = new ArrayList<>();
        for (ResultSet.Row r : rs.rows(ResultSet.Part.ESCAPES)) {
            n++;
            String m = r.get("matches_expected").toLowerCase(Locale.ROOT);
            if (m.equals("false") || m.equals("no")) {
                unexpected++;
                if (examples.size() < 5)
                    examples.add(r.get("attempt") + " under " + r.get("model") + ": " + r.get("verdict") + ", expected "
                            + r.get("expected"));
            }
            if (EscapeVerdict.parse(r.get("verdict")) == EscapeVerdict.NA_HOST)
                naHost++;
        }
        if (unexpected > 0)
            out.add(new Caveat(Level.WARNING, "unexpected verdicts", unexpected + " of " + n + " escape verdicts differ "
                    + "from the attempt's expectation (" + String.join("; ", examples) + (unexpected > examples.size()
                    ? "; ..." : "") + ")."));
        if (naHost > 0)
            out.add(new Caveat(Level.NOTE, "n/a on this host", naHost + " escape verdicts are NA_HOST: the unsandboxed "
                    + "baseline failed too (host configuration), so they count neither for nor against a model."));
        List<String> containers = ContainerColumns.of(rs);
        if (!containers.isEmpty())
            out.add(new Caveat(Level.NOTE, "container columns", "The escape columns " + String.join(", ", containers)
                    + " ran in Docker containers, against an arena left on the host: their verdicts include what the "
                    + "container's namespaces and capabilities stop, not only the seccomp profile, and runc answers ENOSYS "
                    + "above a profile's highest named call (see the escape section)."));
    }

    private static void environment(ResultSet rs, List<Caveat> out) {
        JsonNode env = rs.env();
        if (env.path("sandbench").path("git_dirty").asBoolean(false))
            out.add(new Caveat(Level.NOTE, "uncommitted changes", "The sandbench checkout had uncommitted changes when "
                    + "this ran: commit " + env.path("sandbench").path("git_commit").asText("?")
                    + " alone may not reproduce it."));
        int cpus = env.path("machine").path("cpu_count").asInt(0);
        double busiest = 0;
        List<String> loads = new ArrayList<>();
        for (String when : List.of("start", "end")) {
            String l = env.path("load_average").path(when).asText("");
            if (l.isEmpty())
                continue;
            loads.add(when + " " + l);
            try {
                busiest = Math.max(busiest, Double.parseDouble(l.split(" ")[0]));
            } catch (NumberFormatException ignored) {
                // not a number: nothing to judge
            }
        }
        if (cpus > 0 && busiest > cpus)
            out.add(new Caveat(Level.WARNING, "busy host", String.format(Locale.ROOT, "Other work was running: the "
                    + "1-minute load average reached %.1f on %d CPUs (%s). Absolute times are inflated and noisy; "
                    + "the interleaved rounds spread this over all models, but intervals are wider.", busiest, cpus,
                    String.join("; ", loads))));
        if (env.path("settings").path("quick").asBoolean(false))
            out.add(new Caveat(Level.NOTE, "quick run", "A --quick run: fewer rounds and batches, so intervals are wider "
                    + "and small overheads may not be resolved."));
        String virt = env.path("machine").path("virtualisation").asText("");
        if (!virt.isEmpty() && !virt.equals("none"))
            out.add(new Caveat(Level.NOTE, "virtualised host", "Measured on a virtualised host (" + virt + "): absolute "
                    + "times include its overheads; compare models within this run, not with other machines."));
        if (env.path("settings").path("cpu").asInt(-1) < 0 && env.has("settings"))
            out.add(new Caveat(Level.NOTE, "not pinned", "Trials were not pinned to a CPU (--cpu): migrations between "
                    + "cores add noise, which the interleaved rounds spread over all models alike."));
    }
}

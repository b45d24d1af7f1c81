package org.sandbench.escapes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sandbench.harness.SandbenchException;
import org.sandbench.models.Mode;
import org.sandbench.results.Csv;

/**
 * Expected verdicts.  From an attempt's metadata, resolved for this host (its Landlock ABI, its
 * host conditions, the arena's features, the mode), or pinned by an expectation file: a CSV
 * with columns attempt, model, mode, expected (and optionally note), whose rows override the
 * metadata.  The shipped file for the development kernel is the CI regression gate
 * (workloads/escapes/expected/*.csv).
 */
public final class Expectations {
    public static final List<String> HEADER = List.of("attempt", "model", "mode", "expected", "note");

    private final Map<String, Verdict> pinned;
    private final String source;
    private final java.util.Set<String> unjudged;

    private Expectations(Map<String, Verdict> pinned, String source) {
        this(pinned, source, java.util.Set.of());
    }

    private Expectations(Map<String, Verdict> pinned, String source, java.util.Set<String> unjudged) {
        this.pinned = Map.copyOf(pinned);
        this.source = source;
        this.unjudged = java.util.Set.copyOf(unjudged);
    }

    /**
     * The same, with no expectation for these models: their expectations describe a different
     * configuration (e.g. S1 with another default action than kill-process).
     */
    public Expectations without(java.util.Set<String> models, String why) {
        java.util.Set<String> all = new java.util.TreeSet<>(unjudged);
        all.addAll(models);
        return new Expectations(pinned, source + " (none for " + String.join(", ", new java.util.TreeSet<>(models)) + ": " + why + ")",
                all);
    }

    public static Expectations metadataOnly() {
        return new Expectations(Map.of(), "attempt metadata");
    }

    public static Expectations load(Path csv) {
        if (!Files.isRegularFile(csv))
            throw SandbenchException.usage("expectation file " + csv + " does not exist");
        List<String> header = Csv.header(csv);
        for (String h : List.of("attempt", "model", "mode", "expected"))
            if (!header.contains(h))
                throw SandbenchException.usage("expectation file " + csv + " lacks the column '" + h + "' (columns: "
                        + String.join(", ", HEADER) + ")");
        Map<String, Verdict> m = new HashMap<>();
        int row = 1;
        for (Map<String, String> r : Csv.read(csv)) {
            row++;
            try {
                Mode.parse(r.get("mode"));
                EscapeModel.byId(r.get("model"));
                m.put(key(r.get("attempt"), r.get("model"), r.get("mode")), Verdict.parse(r.get("expected")));
            } catch (IllegalArgumentException e) {
                throw SandbenchException.usage(csv + " row " + row + ": " + e.getMessage());
            }
        }
        return new Expectations(m, csv.toString());
    }

    private static String key(String attempt, String model, String mode) {
        return attempt + "|" + model + "|" + mode;
    }

    public String source() {
        return source;
    }

    public boolean pins(String attempt, String model, Mode mode) {
        return pinned.containsKey(key(attempt, model, mode.id()));
    }

    /**
     * @param landlockAbi the kernel's Landlock ABI (-1 none)
     */
    public Optional<Verdict> expected(Attempt a, String model, Mode mode, int landlockAbi, HostCondition.HostView host,
                                      Arena.Features features) {
        if (unjudged.contains(model))
            return Optional.empty();
        // What the arena cannot provide here is not a run at all, whatever a file pinned.
        if (!a.modes().contains(mode))
            return Optional.of(Verdict.NA_PLATFORM);
        if (EscapeModel.byId(model).notApplicable(a, mode).isPresent())
            return Optional.of(Verdict.NA_PLATFORM);
        for (String r : a.requires())
            if (!features.has(r))
                return Optional.of(Verdict.NA_HOST);
        Verdict v = pinned.get(key(a.id(), model, mode.id()));
        if (v != null)
            return Optional.of(v);
        for (HostCondition c : a.host())
            if (!c.holds(host).orElse(true))
                return Optional.of(Verdict.NA_HOST);
        return a.expectation(model, mode).map(e -> e.at(landlockAbi));
    }
}

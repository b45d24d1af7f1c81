package org.sandbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sandbench.harness.SandbenchException;
import org.sandbench.results.Csv;
import org.sandbench.results.Json;

/**
 * A result set as saved on disk: whatever subset of the known files a folder holds.
 * Everything the report and the comparison show is read from here, never from a
 * running measurement (STYLE 9).  A part that is absent is recorded, not guessed.
 */
public final class ResultSet {

    /** The files a result set may hold, with the columns a reader depends on. */
    public enum Part {
        ENV("env.json", "environment manifest", List.of()),
        OVERHEAD("overhead.csv", "overhead matrix", List.of("model", "workload", "params", "mode", "ns_per_op",
                "ci_low", "ci_high", "samples", "baseline_ns_per_op", "overhead_ns", "overhead_ratio", "enforced")),
        SAMPLES("samples.csv", "raw samples of the overhead matrix", List.of("model", "mode", "workload", "params",
                "round", "ns_per_op")),
        TRIALS("trials.csv", "trial records", List.of("model", "workload", "params", "status")),
        SWEEP_SECCOMP("sweep-seccomp.csv", "seccomp parameter sweep", List.of("axis", "filter_length", "ns_per_op")),
        SWEEP_LANDLOCK("sweep-landlock.csv", "Landlock parameter sweep", List.of("axis", "ns_per_op")),
        SETUP("setup.csv", "setup costs", List.of("model", "stage", "ns_per_op")),
        ESCAPES("escapes.csv", "escape-coverage matrix", List.of("attempt", "category", "model", "verdict"));

        public final String file;
        public final String what;
        public final List<String> required;

        Part(String file, String what, List<String> required) {
            this.file = file;
            this.what = what;
            this.required = required;
        }
    }

    private final Path dir;
    private final JsonNode env;
    private final Map<Part, List<Row>> tables = new EnumMap<>(Part.class);

    private ResultSet(Path dir, JsonNode env) {
        this.dir = dir;
        this.env = env;
    }

    /**
     * Reads a result folder.  A missing folder, a folder with none of the known
     * files, or a file without a column its readers need is bad input (exit 2).
     */
    public static ResultSet load(Path dir) {
        if (!Files.isDirectory(dir))
            throw SandbenchException.usage(dir + " is not a folder: give the result folder of a run "
                    + "(./sandbench run prints it; the committed reference set is results/reference)");
        JsonNode env = null;
        Path envFile = dir.resolve(Part.ENV.file);
        if (Files.isRegularFile(envFile)) {
            try {
                env = Json.MAPPER.readTree(envFile.toFile());
            } catch (IOException e) {
                throw SandbenchException.usage(envFile + " is not valid JSON (" + e.getMessage().lines().findFirst()
                        .orElse("") + "): restore it from the run or delete it");
            }
        }
        ResultSet rs = new ResultSet(dir, env);
        for (Part p : Part.values()) {
            if (p == Part.ENV)
                continue;
            Path f = dir.resolve(p.file);
            if (!Files.isRegularFile(f))
                continue;
            rs.tables.put(p, read(f, p));
        }
        if (env == null && rs.tables.isEmpty())
            throw SandbenchException.usage(dir + " holds no result files (none of env.json, overhead.csv, samples.csv, "
                    + "sweep-*.csv, setup.csv, escapes.csv): is it a result folder?");
        return rs;
    }

    private static List<Row> read(Path f, Part p) {
        List<String> header;
        List<Map<String, String>> raw;
        try {
            header = Csv.header(f);
            raw = Csv.read(f);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw SandbenchException.usage(f + " is not a readable CSV file (" + e.getMessage() + ")");
        }
        for (String col : p.required)
            if (!header.contains(col))
                throw SandbenchException.usage(f + " has no column '" + col + "' (it has: " + String.join(", ", header)
                        + "): it was not written by sandbench, or by a version whose " + p.file + " differs");
        List<Row> rows = new ArrayList<>(raw.size());
        for (Map<String, String> m : raw)
            rows.add(new Row(m));
        return rows;
    }

    public Path dir() {
        return dir;
    }

    public boolean has(Part p) {
        return p == Part.ENV ? env != null : tables.containsKey(p);
    }

    /** Rows of a part; empty when the part is absent. */
    public List<Row> rows(Part p) {
        return tables.getOrDefault(p, List.of());
    }

    public List<Part> absent() {
        List<Part> out = new ArrayList<>();
        for (Part p : Part.values())
            if (!has(p))
                out.add(p);
        return out;
    }

    /** The manifest, or an empty object. */
    public JsonNode env() {
        return env != null ? env : Json.MAPPER.createObjectNode();
    }

    /** "Linux 6.18.44, Landlock ABI 7" (what the figure titles say), or "unknown kernel". */
    public String kernelLabel() {
        JsonNode k = env().path("kernel");
        String rel = k.path("kernel_release").asText("");
        if (rel.isEmpty())
            return "unknown kernel (no env.json)";
        // Drop the vendor suffix after the numeric version: titles stay short, env.json keeps it all.
        String shortRel = rel.replaceFirst("^(\\d+\\.\\d+(?:\\.\\d+)?).*$", "$1");
        int abi = k.path("landlock_abi").asInt(0);
        return "Linux " + shortRel + (abi > 0 ? ", Landlock ABI " + abi : ", no Landlock");
    }

    public boolean partial() {
        return env().path("partial").asBoolean(false);
    }

    /** One CSV row: text cells by column name, with numeric access (NaN for an empty or missing cell). */
    public record Row(Map<String, String> cells) {
        public String get(String col) {
            String v = cells.get(col);
            return v == null ? "" : v;
        }

        public double num(String col) {
            String v = get(col).trim();
            if (v.isEmpty())
                return Double.NaN;
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        public boolean has(String col) {
            return cells.containsKey(col);
        }
    }
}

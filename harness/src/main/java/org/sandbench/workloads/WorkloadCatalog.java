package org.sandbench.workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sandbench.harness.SandbenchException;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.policy.PolicyLoader;

/** The workloads of workloads/&lt;kind&gt;/*.yaml, by id. */
public final class WorkloadCatalog {
    private final Map<String, Manifest> byId = new LinkedHashMap<>();

    private WorkloadCatalog() {
    }

    public static WorkloadCatalog load(Path workloadsDir) {
        WorkloadCatalog c = new WorkloadCatalog();
        for (String kind : List.of("micro", "macro", "jvm")) {
            Path dir = workloadsDir.resolve(kind);
            if (!Files.isDirectory(dir))
                continue;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    Manifest m = loadManifest(f);
                    String expected = f.getFileName().toString().replaceFirst("\\.yaml$", "");
                    if (!m.workload().equals(expected))
                        throw SandbenchException.usage(f + ": workload id '" + m.workload()
                                + "' must match the file name '" + expected + "'");
                    c.byId.put(m.workload(), m);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return c;
    }

    public static Manifest loadManifest(Path f) {
        try {
            return PolicyLoader.read(f, Manifest.class);
        } catch (PolicyException e) {
            throw SandbenchException.usage("malformed workload manifest: " + e.getMessage());
        }
    }

    public List<Manifest> all() {
        return List.copyOf(byId.values());
    }

    public List<Manifest> defaults() {
        return byId.values().stream().filter(Manifest::isDefault).toList();
    }

    public Manifest get(String id) {
        Manifest m = byId.get(id);
        if (m == null)
            throw SandbenchException.usage("unknown workload '" + id + "' (known: " + String.join(", ", byId.keySet()) + ")");
        return m;
    }

    /** Every combination of the manifest's parameter values (the quick subset if asked). */
    public static List<WorkloadInstance> instances(Manifest m, boolean quick) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, Manifest.ParamSpec> e : m.params().entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos)
                for (String v : quick ? e.getValue().quick() : e.getValue().values()) {
                    Map<String, String> n = new LinkedHashMap<>(c);
                    n.put(e.getKey(), v);
                    next.add(n);
                }
            combos = next;
        }
        return combos.stream().map(c -> new WorkloadInstance(m, c)).toList();
    }
}

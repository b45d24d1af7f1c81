package org.sandbench.workloads;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sandbench.models.policy.Policy;

/**
 * A workload's manifest (workloads/&lt;kind&gt;/&lt;id&gt;.yaml): how to run it and the
 * abstract policy of what it legitimately needs.  See docs/workloads.md.
 *
 * @param binary   the program under native/build/workloads/
 * @param args     arguments, templates allowed (${work}, ${param.x}, ${dirs:x}, ${port.x})
 * @param params   parameter name to the values a full run uses (and the subset --quick uses)
 * @param fixtures files and directories the harness creates in the trial workspace first
 * @param services harness-side services the workload talks to (udp-sink)
 * @param isDefault part of `sandbench run` without --workloads
 * @param workspace where the trial workspace lives: {@code disk} (java.io.tmpdir, the default) or {@code memory}
 *                  (/dev/shm), for a workload whose own I/O would otherwise reach the disk and drown what a sandbox
 *                  costs (ext4 starts writeback when a file is renamed over another)
 */
public record Manifest(String workload, String kind, String description, String binary, List<String> args,
                       Map<String, ParamSpec> params, List<Fixture> fixtures, List<String> services,
                       @JsonProperty("default") Boolean isDefault, String workspace, Policy policy) {

    public record ParamSpec(List<String> values, List<String> quick) {
        public ParamSpec {
            if (values == null || values.isEmpty())
                throw new IllegalArgumentException("a parameter needs a non-empty 'values' list");
            values = List.copyOf(values);
            quick = quick == null || quick.isEmpty() ? values : List.copyOf(quick);
            if (!values.containsAll(quick))
                throw new IllegalArgumentException("'quick' values must be a subset of 'values'");
        }
    }

    public record Fixture(String file, String dir) {
        public Fixture {
            if ((file == null) == (dir == null))
                throw new IllegalArgumentException("a fixture is either {file: PATH} or {dir: PATH}");
        }
    }

    /**
     * udp-sink: a loopback UDP socket that is never drained; jmh-link, echo-port: loopback TCP
     * ports reserved for a JVM workload (its JMH parent listens on the first, the workload binds
     * the second), so its Landlock rules can name them.
     */
    public static final List<String> KNOWN_SERVICES = List.of("udp-sink", "jmh-link", "echo-port");

    public Manifest {
        if (workload == null || !workload.matches("[a-z0-9][a-z0-9-]*"))
            throw new IllegalArgumentException("'workload' must be a lower-case id such as open-close");
        kind = kind == null ? "micro" : kind;
        description = description == null ? "" : description;
        binary = binary == null ? workload : binary;
        args = args == null ? List.of() : List.copyOf(args);
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        fixtures = fixtures == null ? List.of() : List.copyOf(fixtures);
        services = services == null ? List.of() : List.copyOf(services);
        for (String s : services)
            if (!KNOWN_SERVICES.contains(s))
                throw new IllegalArgumentException("unknown service '" + s + "' (known: " + KNOWN_SERVICES + ")");
        isDefault = isDefault == null ? Boolean.TRUE : isDefault;
        workspace = workspace == null ? "disk" : workspace;
        if (!List.of("disk", "memory").contains(workspace))
            throw new IllegalArgumentException("'workspace' is disk or memory, not '" + workspace + "'");
        if (policy == null)
            throw new IllegalArgumentException("a manifest needs a 'policy' section (what the workload needs)");
    }
}

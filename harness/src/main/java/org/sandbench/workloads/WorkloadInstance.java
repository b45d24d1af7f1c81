package org.sandbench.workloads;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** A workload with its parameters fixed: one row of the matrix. */
public record WorkloadInstance(Manifest manifest, Map<String, String> params) {
    public WorkloadInstance {
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public String id() {
        return manifest.workload();
    }

    /** The params column: "depth=8", or "" for none. */
    public String paramString() {
        StringJoiner j = new StringJoiner(",");
        params.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    public String label() {
        return params.isEmpty() ? id() : id() + "[" + paramString() + "]";
    }
}

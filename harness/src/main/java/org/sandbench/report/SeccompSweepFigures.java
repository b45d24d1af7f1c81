package org.sandbench.report;

import java.util.List;
import java.util.Map;

/** The seccomp sweep (sweep-seccomp.csv): filter length, position, cacheable rules, layout, stacking, SSB. */
public final class SeccompSweepFigures extends SweepFigures {
    @Override
    public String id() {
        return "seccomp-sweep";
    }

    @Override
    public String title() {
        return "seccomp sweep";
    }

    @Override
    ResultSet.Part part() {
        return ResultSet.Part.SWEEP_SECCOMP;
    }

    @Override
    String measured() {
        return "per system call";
    }

    @Override
    List<String> parameters() {
        return List.of("filter_length", "position", "cacheable", "rule_kind", "optimize", "stacked", "spec_allow");
    }

    @Override
    Map<String, String> aliases() {
        return Map.of("length", "filter_length", "filter-length", "filter_length", "rules", "filter_length",
                "stack", "stacked", "stacking", "stacked", "ssb", "spec_allow", "spec-allow", "spec_allow",
                "optimise", "optimize", "layout", "optimize", "cache", "cacheable");
    }

    @Override
    String label(String column) {
        return switch (column) {
            case "filter_length" -> "filter length (rules)";
            case "position" -> "position (of the measured call in the filter)";
            case "cacheable" -> "cacheable";
            case "rule_kind" -> "rule kind";
            case "optimize" -> "libseccomp optimize level (1 linear, 2 binary tree)";
            case "stacked" -> "stacked filters (count)";
            case "spec_allow" -> "SPEC_ALLOW flag (0 off, 1 on)";
            default -> column;
        };
    }
}

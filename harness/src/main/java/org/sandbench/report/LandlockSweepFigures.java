package org.sandbench.report;

import java.util.List;
import java.util.Map;

/** The Landlock sweep (sweep-landlock.csv): path depth, number of rules, stacked layers, allowed vs denied. */
public final class LandlockSweepFigures extends SweepFigures {
    @Override
    public String id() {
        return "landlock-sweep";
    }

    @Override
    public String title() {
        return "Landlock sweep";
    }

    @Override
    ResultSet.Part part() {
        return ResultSet.Part.SWEEP_LANDLOCK;
    }

    @Override
    String measured() {
        return "per operation";
    }

    @Override
    List<String> parameters() {
        return List.of("depth", "rules", "layers", "access");
    }

    @Override
    Map<String, String> aliases() {
        return Map.of("path_depth", "depth", "path-depth", "depth", "rule_count", "rules", "layer", "layers",
                "stacked", "layers");
    }

    @Override
    String label(String column) {
        return switch (column) {
            case "depth" -> "path depth (components)";
            case "rules" -> "rules in the ruleset (count)";
            case "layers" -> "stacked rulesets (layers)";
            case "access" -> "access";
            default -> column;
        };
    }
}

package org.sandbench.models.landlock;

import java.util.Locale;

/**
 * What to do when the kernel's ABI lacks rights the ruleset handles (rust-landlock's
 * CompatLevel).  BEST_EFFORT drops them and reports what was dropped; HARD_REQUIREMENT
 * refuses to run.
 */
public enum CompatLevel {
    BEST_EFFORT("best-effort"), HARD_REQUIREMENT("hard");

    public final String id;

    CompatLevel(String id) {
        this.id = id;
    }

    public static CompatLevel parse(String s) {
        for (CompatLevel c : values())
            if (c.id.equals(s.toLowerCase(Locale.ROOT))) return c;
        throw new IllegalArgumentException("unknown Landlock compatibility '" + s + "' (known: best-effort, hard)");
    }
}

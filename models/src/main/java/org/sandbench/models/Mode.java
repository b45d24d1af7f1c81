package org.sandbench.models;

import java.util.Locale;

/**
 * Who applies the sandbox.  RETROFIT: a launcher applies it before exec, so the
 * policy must also allow exec and the program's start-up.  SELF: the program
 * acquires its resources, then sandboxes itself (the only way Capsicum works).
 */
public enum Mode {
    RETROFIT, SELF;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String s) {
        for (Mode m : values())
            if (m.id().equals(s)) return m;
        throw new IllegalArgumentException("unknown mode '" + s + "' (known: retrofit, self)");
    }
}

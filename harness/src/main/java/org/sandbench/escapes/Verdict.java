package org.sandbench.escapes;

/**
 * What the harness concluded about one attempt under one model (SPEC, escapes.csv).
 * The letter is the catalogue's notation, used in the printed matrix.
 */
public enum Verdict {
    /** the operation failed with an errno, or had no effect, and the process survived */
    BLOCKED("B"),
    /** the process died: SIGSYS from a seccomp kill action, or a forced kill */
    KILLED("K"),
    /** the harness saw the effect: its token came back, a file changed, a victim moved, a listener logged */
    ESCAPED("E"),
    /** the attempt defeated the intended policy but stayed inside the sandbox (e.g. a memfd exec keeps the domain) */
    CONFINED("E*"),
    /** the unsandboxed baseline fails too: host configuration or DAC, not the sandbox */
    NA_HOST("H"),
    /** the attempt does not exist on this platform or in this mode */
    NA_PLATFORM("P");

    public final String letter;

    Verdict(String letter) {
        this.letter = letter;
    }

    /** The attempt reached what it aimed at, inside the sandbox or out of it. */
    public boolean succeeded() {
        return this == ESCAPED || this == CONFINED;
    }

    /** Stopped by the model (the comparison is meaningful and the model won). */
    public boolean stopped() {
        return this == BLOCKED || this == KILLED;
    }

    public boolean applicable() {
        return this != NA_HOST && this != NA_PLATFORM;
    }

    public static Verdict parse(String s) {
        String t = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (Verdict v : values())
            if (v.name().equals(t) || v.letter.equals(s.trim()))
                return v;
        throw new IllegalArgumentException("unknown verdict '" + s
                + "' (known: BLOCKED, KILLED, ESCAPED, CONFINED, NA_HOST, NA_PLATFORM)");
    }
}

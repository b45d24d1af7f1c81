package org.sandbench.report;

import java.awt.Color;
import java.util.Locale;

/**
 * The verdicts of escapes.csv (SPEC), ordered by how much of the attempt the
 * sandbox stopped.  BLOCKED and KILLED both stop the attempt; CONFINED means the
 * attempt got past the intended policy but stayed inside the sandbox (the
 * catalogue's E*); ESCAPED means it reached its target.  The NA verdicts say the
 * attempt could not be judged (the unsandboxed baseline also failed, or the
 * platform lacks the operation), so they have no strength.
 */
public enum EscapeVerdict {
    BLOCKED(2, "B", Palette.BLUISH_GREEN, "blocked (call failed, process survived)"),
    KILLED(2, "K", Palette.BLUE, "killed (signal or forced kill)"),
    CONFINED(1, "C", Palette.YELLOW, "confined (past the policy, still inside the sandbox)"),
    ESCAPED(0, "E", Palette.VERMILLION, "escaped (reached its target)"),
    NA_HOST(-1, "H", new Color(0xD9D9D9), "n/a host (the unsandboxed baseline fails too)"),
    NA_PLATFORM(-1, "P", new Color(0xF2F2F2), "n/a platform (no such operation)"),
    OTHER(-1, "?", Color.WHITE, "unknown verdict");

    /** 2 stopped, 1 confined, 0 escaped, -1 not comparable. */
    public final int strength;
    public final String letter;
    public final Color colour;
    public final String meaning;

    EscapeVerdict(int strength, String letter, Color colour, String meaning) {
        this.strength = strength;
        this.letter = letter;
        this.colour = colour;
        this.meaning = meaning;
    }

    public static EscapeVerdict parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }

    public boolean comparable() {
        return strength >= 0;
    }

    public boolean stopped() {
        return strength == 2;
    }
}

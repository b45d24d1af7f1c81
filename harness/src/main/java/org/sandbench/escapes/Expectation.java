package org.sandbench.escapes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expected verdict as an attempt's metadata states it: either a verdict, or one that
 * depends on the kernel's Landlock ABI ("BLOCKED (abi>=4) else ESCAPED": Landlock handles TCP
 * from ABI 4, Linux 6.7).  The ABI is the running kernel's, as the launcher reports it.
 */
public record Expectation(Verdict verdict, int minAbi, Verdict below) {
    private static final Pattern FORM = Pattern.compile("([A-Z_*]+)(?:\\s*\\(abi\\s*>=\\s*(\\d+)\\)\\s*else\\s*([A-Z_*]+))?");

    public Expectation {
        if (minAbi > 0 && below == null)
            throw new IllegalArgumentException("an ABI-dependent expectation needs an 'else' verdict");
    }

    public static Expectation of(Verdict v) {
        return new Expectation(v, 0, null);
    }

    public static Expectation parse(String s) {
        Matcher m = FORM.matcher(s.trim());
        if (!m.matches())
            throw new IllegalArgumentException("bad expectation '" + s + "' (forms: BLOCKED, or BLOCKED (abi>=4) else ESCAPED)");
        Verdict v = Verdict.parse(m.group(1));
        if (m.group(2) == null)
            return of(v);
        return new Expectation(v, Integer.parseInt(m.group(2)), Verdict.parse(m.group(3)));
    }

    /** The verdict expected on a kernel with this Landlock ABI (-1: no Landlock). */
    public Verdict at(int landlockAbi) {
        return minAbi == 0 || landlockAbi >= minAbi ? verdict : below;
    }

    @Override
    public String toString() {
        return minAbi == 0 ? verdict.name() : verdict.name() + " (abi>=" + minAbi + ") else " + below.name();
    }
}

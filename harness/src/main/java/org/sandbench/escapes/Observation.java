package org.sandbench.escapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one run of an attempt in the arena produced, as the jail framed it: the attempt's own
 * lines ("A", "E") and the jail's ("J").  Pure parsing; the {@link Judge} decides.
 *
 * @param attempt   the attempt's stdout lines
 * @param stderr    its stderr lines
 * @param jail      the jail's lines, parsed
 * @param jailExit  the jail's exit code (0: the run happened, whatever its outcome)
 * @param timedOut  the harness had to kill the jail itself
 */
public record Observation(List<String> attempt, List<String> stderr, List<Line> jail, List<String> raw, int jailExit,
                          boolean timedOut) {

    /** A step the attempt reported: op, its return value, errno and errno name (rc < 0). */
    public record Step(String op, long rc, int errno, String errnoName) {
        public boolean ok() {
            return rc >= 0;
        }
    }

    public static Observation parse(List<String> lines, int jailExit, boolean timedOut) {
        List<String> a = new ArrayList<>(), e = new ArrayList<>();
        List<Line> j = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("A "))
                a.add(l.substring(2));
            else if (l.startsWith("E "))
                e.add(l.substring(2));
            else if (l.startsWith("J "))
                j.add(Line.parse(l.substring(2)));
        }
        return new Observation(List.copyOf(a), List.copyOf(e), List.copyOf(j), List.copyOf(lines), jailExit, timedOut);
    }

    public List<Line> jail(String kind) {
        return jail.stream().filter(l -> l.kind().equals(kind)).toList();
    }

    public Optional<Line> jailOne(String kind) {
        List<Line> l = jail(kind);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
    }

    /** The jail finished its report ("J end"). */
    public boolean complete() {
        return jailOne("end").isPresent();
    }

    public Optional<String> jailError() {
        return jailOne("error").map(l -> l.get("op", "?") + ": " + l.get("message", "?") + " (errno " + l.get("errno", "?") + ")");
    }

    /** The attempt's lines of one kind ("SBX step", "SBX found"...), parsed without the SBX prefix. */
    public List<Line> sbx(String kind) {
        List<Line> out = new ArrayList<>();
        for (String l : attempt)
            if (l.startsWith("SBX " + kind + " ") || l.equals("SBX " + kind))
                out.add(Line.parse(l.substring(4)));
        return out;
    }

    public List<Step> steps() {
        List<Step> out = new ArrayList<>();
        for (Line l : sbx("step"))
            out.add(new Step(l.get("op", "?"), l.num("rc", -1), (int) l.num("errno", 0), l.get("name", "?")));
        return out;
    }

    /** The operation the attempt was performing when it died: the last "try" without its "step". */
    public Optional<String> pendingOp() {
        String pending = null;
        for (String l : attempt) {
            if (l.startsWith("SBX try "))
                pending = Line.parse(l.substring(4)).get("op", "?");
            else if (l.startsWith("SBX step ") || l.startsWith("SBX start "))
                pending = null; // a new image (after exec) starts with no call in flight
            else if (l.startsWith("SBX marker "))
                pending = "the exec'd program";
        }
        return Optional.ofNullable(pending);
    }

    public Optional<String> notApplicable() {
        List<Line> na = sbx("na");
        return na.isEmpty() ? Optional.empty() : Optional.of(na.get(0).get("reason", "not applicable"));
    }

    /** Death by signal N as the jail saw it (the attempt's own process). */
    public Optional<Integer> signal() {
        return jailOne("exit").filter(l -> l.fields().containsKey("signal")).map(l -> (int) l.num("signal", 0));
    }

    public Optional<Integer> exitCode() {
        return jailOne("exit").filter(l -> l.fields().containsKey("code")).map(l -> (int) l.num("code", -1));
    }

    public boolean attemptTimedOut() {
        return jailOne("timeout").isPresent() || timedOut;
    }

    /** Lines that begin with "SB1 " (the launcher's and runtime's proof), for the enforcement check. */
    public List<String> protocolLines() {
        return attempt.stream().filter(l -> l.startsWith("SB1 ")).toList();
    }
}

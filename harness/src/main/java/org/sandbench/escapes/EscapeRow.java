package org.sandbench.escapes;

import java.util.List;
import java.util.Optional;

/**
 * One row of escapes.csv: one attempt under one model.  The first eight columns are the
 * SPEC's (stable; columns are only ever added); the rest describe the attempt and the run.
 */
public record EscapeRow(Attempt attempt, String model, String mode, Judge.Outcome outcome, Optional<Verdict> expected,
                        int landlockAbi) {
    public static final List<String> HEADER = List.of("attempt", "category", "model", "verdict", "errno_or_signal",
            "expected", "matches_expected", "evidence", "name", "role", "exercises", "mode", "landlock_abi", "lesson");

    public Verdict verdict() {
        return outcome.verdict();
    }

    /** Empty when nothing is expected for this cell. */
    public Optional<Boolean> matches() {
        return expected.map(e -> e == outcome.verdict());
    }

    public List<String> cells() {
        return List.of(attempt.id(), attempt.category().id, model, outcome.verdict().name(), outcome.errnoOrSignal(),
                expected.map(Verdict::name).orElse(""), matches().map(String::valueOf).orElse(""), outcome.evidence(),
                attempt.name(), attempt.role(), attempt.exercises().id, mode, landlockAbi < 0 ? "none" : Integer.toString(landlockAbi),
                attempt.lesson());
    }
}

package org.sandbench.compare;

/** The outcome of comparing one cell or one escape attempt between two result sets. */
public enum Verdict {
    REGRESSION("regression"),
    IMPROVEMENT("improvement"),
    NO_CHANGE("no change"),
    /** The unsandboxed baseline itself moved: the host or the workload changed, not a sandbox; shown, never gating. */
    DRIFT("baseline drift"),
    /** In one set only, too few samples, or an escape verdict that cannot be ranked (NA_*): shown, never gating. */
    NOT_COMPARED("not compared");

    public final String label;

    Verdict(String label) {
        this.label = label;
    }
}

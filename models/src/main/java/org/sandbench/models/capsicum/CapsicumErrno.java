package org.sandbench.models.capsicum;

import java.util.Optional;

/**
 * How an escape attempt's failure under Capsicum reads (escapes.csv verdicts, SPEC):
 * ENOTCAPABLE and ECAPMODE are Capsicum saying no, so BLOCKED; SIGTRAP is the same
 * refusal delivered as a signal when kern.trap_enotcap or procctl(PROC_TRAPCAP_CTL) is
 * set (cap_enter(2)), so KILLED.  The lesson says which half of Capsicum refused:
 * the descriptor's rights (object capability) or capability mode (no ambient authority).
 */
public final class CapsicumErrno {
    private CapsicumErrno() {
    }

    /** FreeBSD sys/sys/errno.h. */
    public static final int ENOTCAPABLE = 93;
    public static final int ECAPMODE = 94;
    /** FreeBSD sys/sys/signal.h. */
    public static final int SIGTRAP = 5;

    public record Verdict(String verdict, String errnoOrSignal, String lesson) {
    }

    /** The verdict for an attempt whose operation failed with errno under capsicum; empty if it is not Capsicum's. */
    public static Optional<Verdict> ofErrno(int errno) {
        return switch (errno) {
            case ENOTCAPABLE -> Optional.of(new Verdict("BLOCKED", "ENOTCAPABLE",
                    "the descriptor lacks the right for this operation (cap_rights_limit(2)): authority is per object"));
            case ECAPMODE -> Optional.of(new Verdict("BLOCKED", "ECAPMODE",
                    "capability mode removed the global namespace this operation needs (cap_enter(2)): no ambient authority"));
            default -> Optional.empty();
        };
    }

    /** The verdict for an attempt killed by signal sig under capsicum; empty if it is not Capsicum's trap. */
    public static Optional<Verdict> ofSignal(int sig) {
        return sig == SIGTRAP ? Optional.of(new Verdict("KILLED", "SIGTRAP",
                "a Capsicum refusal delivered as SIGTRAP (kern.trap_enotcap or PROC_TRAPCAP_CTL)")) : Optional.empty();
    }
}

package org.sandbench.models.oci;

import java.util.Locale;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.seccomp.ArgCmp;
import org.sandbench.models.seccomp.SeccompAction;

/**
 * The OCI spellings of seccomp actions and argument operators, and sandbench's own.
 * Sources: runtime-spec config-linux.md (Seccomp), runc libcontainer/seccomp/config.go.
 */
public final class OciActions {
    private OciActions() {
    }

    /**
     * @param errnoRet the rule's errnoRet, or null: runc then returns EPERM for SCMP_ACT_ERRNO
     *                 and ENOSYS for SCMP_ACT_TRACE (the kernel's answer when no tracer is attached)
     */
    public static SeccompAction parse(String where, String action, Integer errnoRet) {
        String a = action == null ? "" : action.trim().toUpperCase(Locale.ROOT);
        return switch (a) {
            case "SCMP_ACT_ALLOW" -> SeccompAction.ALLOW;
            case "SCMP_ACT_ERRNO" -> SeccompAction.errno(errnoRet == null ? SeccompAction.EPERM : errno(where, errnoRet));
            // Without a tracer attached the kernel fails a RET_TRACE syscall with ENOSYS
            // (Documentation/userspace-api/seccomp_filter.rst), and a container has none.
            case "SCMP_ACT_TRACE" -> SeccompAction.errno(SeccompAction.ENOSYS);
            case "SCMP_ACT_TRAP" -> SeccompAction.TRAP;
            // libseccomp's SCMP_ACT_KILL is SECCOMP_RET_KILL_THREAD.
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> SeccompAction.KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> SeccompAction.KILL_PROCESS;
            case "SCMP_ACT_LOG" -> SeccompAction.LOG;
            case "SCMP_ACT_NOTIFY" -> throw new PolicyException(where + ": SCMP_ACT_NOTIFY needs a seccomp agent "
                    + "(listenerPath), which sandbench does not run: use an action the kernel decides alone");
            default -> throw new PolicyException(where + ": unknown action '" + action + "' (known: SCMP_ACT_ALLOW, "
                    + "SCMP_ACT_ERRNO, SCMP_ACT_TRAP, SCMP_ACT_KILL, SCMP_ACT_KILL_THREAD, SCMP_ACT_KILL_PROCESS, "
                    + "SCMP_ACT_LOG, SCMP_ACT_TRACE)");
        };
    }

    private static int errno(String where, int e) {
        if (e < 0 || e > 4095)
            throw new PolicyException(where + ": errnoRet " + e + " is outside 0-4095");
        return e;
    }

    /** The OCI action name; errno actions carry their number in errnoRet. */
    public static String name(SeccompAction a) {
        return switch (a.kind()) {
            case ALLOW -> "SCMP_ACT_ALLOW";
            case ERRNO -> "SCMP_ACT_ERRNO";
            case TRAP -> "SCMP_ACT_TRAP";
            case KILL_THREAD -> "SCMP_ACT_KILL_THREAD";
            case KILL_PROCESS -> "SCMP_ACT_KILL_PROCESS";
            case LOG -> "SCMP_ACT_LOG";
        };
    }

    public static ArgCmp.Op op(String where, String op) {
        String o = op == null ? "" : op.trim().toUpperCase(Locale.ROOT);
        return switch (o) {
            case "SCMP_CMP_EQ" -> ArgCmp.Op.EQ;
            case "SCMP_CMP_NE" -> ArgCmp.Op.NE;
            case "SCMP_CMP_LT" -> ArgCmp.Op.LT;
            case "SCMP_CMP_LE" -> ArgCmp.Op.LE;
            case "SCMP_CMP_GT" -> ArgCmp.Op.GT;
            case "SCMP_CMP_GE" -> ArgCmp.Op.GE;
            case "SCMP_CMP_MASKED_EQ" -> ArgCmp.Op.MASKED_EQ;
            default -> throw new PolicyException(where + ": unknown argument operator '" + op + "' (known: SCMP_CMP_EQ, "
                    + "SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_GT, SCMP_CMP_GE, SCMP_CMP_MASKED_EQ)");
        };
    }

    public static String opName(ArgCmp.Op op) {
        return switch (op) {
            case EQ -> "SCMP_CMP_EQ";
            case NE -> "SCMP_CMP_NE";
            case LT -> "SCMP_CMP_LT";
            case LE -> "SCMP_CMP_LE";
            case GT -> "SCMP_CMP_GT";
            case GE -> "SCMP_CMP_GE";
            case MASKED_EQ -> "SCMP_CMP_MASKED_EQ";
        };
    }
}

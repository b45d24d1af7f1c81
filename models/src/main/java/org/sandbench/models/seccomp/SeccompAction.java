package org.sandbench.models.seccomp;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A seccomp return action, in the plan's spelling: allow, kill-process, kill-thread, trap, log, errno(N). */
public record SeccompAction(Kind kind, int errno) implements Comparable<SeccompAction> {
    public enum Kind { ALLOW, KILL_PROCESS, KILL_THREAD, TRAP, ERRNO, LOG }

    public static final SeccompAction ALLOW = new SeccompAction(Kind.ALLOW, 0);
    public static final SeccompAction KILL_PROCESS = new SeccompAction(Kind.KILL_PROCESS, 0);
    public static final SeccompAction KILL_THREAD = new SeccompAction(Kind.KILL_THREAD, 0);
    public static final SeccompAction TRAP = new SeccompAction(Kind.TRAP, 0);
    public static final SeccompAction LOG = new SeccompAction(Kind.LOG, 0);
    public static final int EPERM = 1;
    public static final int ENOSYS = 38;

    private static final Pattern ERRNO = Pattern.compile("errno\\((\\d{1,4})\\)");

    public SeccompAction {
        if (kind == Kind.ERRNO ? errno < 0 || errno > 4095 : errno != 0)
            throw new IllegalArgumentException("errno must be 0-4095 and only with ERRNO");
    }

    public static SeccompAction errno(int e) {
        return new SeccompAction(Kind.ERRNO, e);
    }

    public static SeccompAction parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        Matcher m = ERRNO.matcher(t);
        if (m.matches())
            return errno(Integer.parseInt(m.group(1)));
        if (t.equals("errno"))
            return errno(EPERM);
        for (Kind k : Kind.values())
            if (k != Kind.ERRNO && k.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(t))
                return new SeccompAction(k, 0);
        throw new IllegalArgumentException("unknown seccomp action '" + s
                + "' (known: allow, kill-process, kill-thread, trap, log, errno, errno(N))");
    }

    /** The kernel's 32-bit SECCOMP_RET_* value (include/uapi/linux/seccomp.h). */
    public int kernelValue() {
        return switch (kind) {
            case KILL_PROCESS -> 0x80000000;
            case KILL_THREAD -> 0;
            case TRAP -> 0x00030000;
            case ERRNO -> 0x00050000 | errno;
            case LOG -> 0x7ffc0000;
            case ALLOW -> 0x7fff0000;
        };
    }

    /** The action a kernel return value stands for (precedence bits only). */
    public static SeccompAction fromKernel(int ret) {
        int action = ret & 0xffff0000;
        return switch (action) {
            case 0x80000000 -> KILL_PROCESS;
            case 0 -> KILL_THREAD;
            case 0x00030000 -> TRAP;
            case 0x00050000 -> errno(ret & 0xfff);
            case 0x7ffc0000 -> LOG;
            case 0x7fff0000 -> ALLOW;
            default -> throw new IllegalArgumentException(String.format("unsupported seccomp return 0x%08x", ret));
        };
    }

    public boolean isKill() {
        return kind == Kind.KILL_PROCESS || kind == Kind.KILL_THREAD;
    }

    @Override
    public String toString() {
        return kind == Kind.ERRNO ? "errno(" + errno + ")" : kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public int compareTo(SeccompAction o) {
        return toString().compareTo(o.toString());
    }
}

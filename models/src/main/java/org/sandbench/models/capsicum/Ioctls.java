package org.sandbench.models.capsicum;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Policies name ioctl commands the Linux way (seccomp argument rules such as
 * a1==0x5401); cap_ioctls_limit(2) needs FreeBSD's commands.  Same operation,
 * different numbers: Linux include/uapi/asm-generic/ioctls.h on one side,
 * FreeBSD sys/sys/ttycom.h and sys/sys/filio.h on the other.  The guest resolves
 * the FreeBSD names against its own headers.
 */
public final class Ioctls {
    private Ioctls() {
    }

    private static final Map<Long, String> LINUX_TO_FREEBSD = new TreeMap<>(Map.of(
            0x5401L, "TIOCGETA",     // TCGETS: tcgetattr(3), isatty(3)
            0x5412L, "TIOCSTI",      // TIOCSTI: push a byte into the terminal's input queue
            0x5413L, "TIOCGWINSZ",   // TIOCGWINSZ
            0x541bL, "FIONREAD",     // FIONREAD
            0x5421L, "FIONBIO",      // FIONBIO
            0x5451L, "FIOCLEX",      // FIOCLEX
            0x5450L, "FIONCLEX"));   // FIONCLEX

    /** What caph_limit_stream() allows on stdio (FreeBSD lib/libcapsicum/capsicum_helpers.h). */
    public static final java.util.List<String> STDIO = java.util.List.of("TIOCGETA", "TIOCGWINSZ", "FIODTYPE");

    public static Optional<String> freebsdName(long linuxCommand) {
        return Optional.ofNullable(LINUX_TO_FREEBSD.get(linuxCommand));
    }
}

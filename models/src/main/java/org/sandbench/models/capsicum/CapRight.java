package org.sandbench.models.capsicum;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.StringJoiner;

/**
 * A Capsicum capability right (rights(4)) as FreeBSD's sys/capsicum.h defines it:
 * the word of cap_rights_t it lives in and its bits.  Several rights are aliases that
 * include others (CAP_FSTATAT is CAP_FSTAT|CAP_LOOKUP), which is why rights "are not
 * simple bitmasks" (rights(4)) and the guest sets them by name with cap_rights_set(3).
 * The values here serve the readable form and the sweep's mask sizes; the guest
 * compiles against its own headers, so a right that its FreeBSD lacks fails loudly
 * there (native/freebsd/sb_capsicum.c) instead of being guessed.
 *
 * Every right below exists since FreeBSD 10.0, where cap_rights_limit(2) and the
 * two-word cap_rights_t of rights(4) appeared (sys/sys/capsicum.h, CAPRIGHT(idx, bit)).
 */
public enum CapRight {
    READ(0, 0x1L, "read(2), openat(O_RDONLY), recv"),
    WRITE(0, 0x2L, "write(2), openat(O_WRONLY|O_APPEND), send"),
    SEEK_TELL(0, 0x4L, "lseek(fd, 0, SEEK_CUR)"),
    SEEK(0, 0x4L | 0x8L, "lseek(2); pread/pwrite with READ/WRITE"),
    MMAP(0, 0x10L, "mmap(PROT_NONE)"),
    CREATE(0, 0x40L, "openat(O_CREAT)"),
    FEXECVE(0, 0x80L, "fexecve(2), openat(O_EXEC)"),
    FSYNC(0, 0x100L, "fsync(2), openat(O_SYNC)"),
    FTRUNCATE(0, 0x200L, "ftruncate(2), openat(O_TRUNC)"),
    LOOKUP(0, 0x400L, "lookups relative to a directory descriptor (*at calls)"),
    FCHDIR(0, 0x800L, "fchdir(2)"),
    FCHMOD(0, 0x2000L, "fchmod(2)"),
    FCHOWN(0, 0x4000L, "fchown(2)"),
    FCNTL(0, 0x8000L, "fcntl(2) F_GETFL/F_SETFL/F_GETOWN/F_SETOWN (further limited by cap_fcntls_limit)"),
    FLOCK(0, 0x10000L, "flock(2)"),
    FPATHCONF(0, 0x20000L, "fpathconf(2)"),
    FSTAT(0, 0x80000L, "fstat(2)"),
    FSTATAT(0, 0x80000L | 0x400L, "fstatat(2), faccessat(2) (alias: FSTAT|LOOKUP)"),
    FSTATFS(0, 0x100000L, "fstatfs(2)"),
    FUTIMES(0, 0x200000L, "futimens(2)"),
    LINKAT_TARGET(0, 0x400L | 0x400000L, "linkat(2) target directory"),
    MKDIRAT(0, 0x400L | 0x800000L, "mkdirat(2)"),
    MKFIFOAT(0, 0x400L | 0x1000000L, "mkfifoat(2)"),
    RENAMEAT_SOURCE(0, 0x400L | 0x4000000L, "renameat(2) source directory"),
    SYMLINKAT(0, 0x400L | 0x8000000L, "symlinkat(2)"),
    UNLINKAT(0, 0x400L | 0x10000000L, "unlinkat(2)"),
    ACCEPT(0, 0x20000000L, "accept(2)"),
    BIND(0, 0x40000000L, "bind(2) (outside capability mode)"),
    CONNECT(0, 0x80000000L, "connect(2) (outside capability mode); sendto(2) with an address"),
    GETPEERNAME(0, 0x100000000L, "getpeername(2)"),
    GETSOCKNAME(0, 0x200000000L, "getsockname(2)"),
    GETSOCKOPT(0, 0x400000000L, "getsockopt(2)"),
    LISTEN(0, 0x800000000L, "listen(2)"),
    SETSOCKOPT(0, 0x2000000000L, "setsockopt(2)"),
    SHUTDOWN(0, 0x4000000000L, "shutdown(2)"),
    LINKAT_SOURCE(0, 0x400L | 0x20000000000L, "linkat(2) source directory"),
    RENAMEAT_TARGET(0, 0x400L | 0x40000000000L, "renameat(2) target directory"),
    EVENT(1, 0x20L, "select(2), poll(2), kevent(2) monitoring"),
    IOCTL(1, 0x80L, "ioctl(2) (further limited by cap_ioctls_limit)"),
    PDGETPID(1, 0x200L, "pdgetpid(2)"),
    PDKILL(1, 0x800L, "pdkill(2)"),
    EXTATTR_GET(1, 0x2000L, "extattr_get_fd(2)"),
    ACL_GET(1, 0x40000L, "acl_get_fd(3)");

    /** The word of cap_rights_t (CAPRIGHT's idx). */
    public final int index;
    /** The right's bits within its word, without the index marker. */
    public final long bits;
    public final String permits;

    CapRight(int index, long bits, String permits) {
        this.index = index;
        this.bits = bits;
        this.permits = permits;
    }

    /** The macro name in sys/capsicum.h. */
    public String macro() {
        return "CAP_" + name();
    }

    /**
     * The order in which the Capsicum sweep grows a descriptor's mask: the rights a
     * read loop needs first, then unrelated ones, so that every mask in the sweep still
     * permits the measured read(2).
     */
    public static final List<CapRight> SWEEP_ORDER = List.of(READ, FSTAT, SEEK, FCNTL, EVENT, IOCTL, MMAP, FSYNC,
            FTRUNCATE, WRITE, FCHMOD, FCHOWN, FLOCK, FPATHCONF, FSTATFS, FUTIMES, LOOKUP, CREATE, FEXECVE, FCHDIR,
            ACCEPT, BIND, CONNECT, GETPEERNAME, GETSOCKNAME, GETSOCKOPT, LISTEN, SETSOCKOPT, SHUTDOWN, PDGETPID,
            PDKILL, EXTATTR_GET, ACL_GET);

    /** "CAP_READ,CAP_FSTAT" in declaration order (the plan's form). */
    public static String macros(Collection<CapRight> rights) {
        StringJoiner j = new StringJoiner(",");
        for (CapRight r : values())
            if (rights.contains(r)) j.add(r.macro());
        return j.toString();
    }

    public static CapRight parse(String macro) {
        String n = macro.startsWith("CAP_") ? macro.substring(4) : macro;
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Capsicum right '" + macro + "' (rights(4); known here: "
                    + macros(EnumSet.allOf(CapRight.class)) + ")");
        }
    }

    /** The two words of cap_rights_t this set amounts to, without version and index markers. */
    public static long[] words(Collection<CapRight> rights) {
        long[] w = new long[2];
        for (CapRight r : rights)
            w[r.index] |= r.bits;
        return w;
    }
}

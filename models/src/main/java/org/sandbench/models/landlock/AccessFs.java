package org.sandbench.models.landlock;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Landlock filesystem access rights, with the ABI that introduced each
 * (include/uapi/linux/landlock.h).  Must match native/include/sb/landlock_uapi.h:
 * LandlockUapiHeaderTest compares the two.
 */
public enum AccessFs implements Right {
    EXECUTE(0, 1), WRITE_FILE(1, 1), READ_FILE(2, 1), READ_DIR(3, 1), REMOVE_DIR(4, 1), REMOVE_FILE(5, 1),
    MAKE_CHAR(6, 1), MAKE_DIR(7, 1), MAKE_REG(8, 1), MAKE_SOCK(9, 1), MAKE_FIFO(10, 1), MAKE_BLOCK(11, 1),
    MAKE_SYM(12, 1), REFER(13, 2), TRUNCATE(14, 3), IOCTL_DEV(15, 5);

    public final int bit;
    public final int abi;

    AccessFs(int bit, int abi) {
        this.bit = bit;
        this.abi = abi;
    }

    /** Rights that apply to a regular file (the rest only make sense on directories). */
    public static final Set<AccessFs> FILE_RIGHTS = EnumSet.of(EXECUTE, WRITE_FILE, READ_FILE, TRUNCATE, IOCTL_DEV);

    @Override
    public int bit() {
        return bit;
    }

    @Override
    public int abi() {
        return abi;
    }

    public static long mask(Collection<AccessFs> rights) {
        return Right.mask(rights);
    }

    public static EnumSet<AccessFs> upTo(int abi) {
        return Right.upTo(AccessFs.class, abi);
    }

    public static String names(Collection<AccessFs> rights) {
        return Right.names(AccessFs.class, rights);
    }
}

package org.sandbench.models.landlock;

import java.util.Collection;
import java.util.EnumSet;

/** Landlock network rights (TCP only), ABI 4 / Linux 6.7. */
public enum AccessNet implements Right {
    BIND_TCP(0, 4), CONNECT_TCP(1, 4);

    public final int bit;
    public final int abi;

    AccessNet(int bit, int abi) {
        this.bit = bit;
        this.abi = abi;
    }

    @Override
    public int bit() {
        return bit;
    }

    @Override
    public int abi() {
        return abi;
    }

    public static long mask(Collection<AccessNet> rights) {
        return Right.mask(rights);
    }

    public static EnumSet<AccessNet> upTo(int abi) {
        return Right.upTo(AccessNet.class, abi);
    }

    public static String names(Collection<AccessNet> rights) {
        return Right.names(AccessNet.class, rights);
    }
}

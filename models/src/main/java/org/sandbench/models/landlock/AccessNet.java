package org.sandbench.models.landlock;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.StringJoiner;

/** Landlock network rights (TCP only), ABI 4 / Linux 6.7. */
public enum AccessNet {
    BIND_TCP(0, 4), CONNECT_TCP(1, 4);

    public final int bit;
    public final int abi;

    AccessNet(int bit, int abi) {
        this.bit = bit;
        this.abi = abi;
    }

    public long mask() {
        return 1L << bit;
    }

    public static long mask(Collection<AccessNet> rights) {
        long m = 0;
        for (AccessNet a : rights)
            m |= a.mask();
        return m;
    }

    public static EnumSet<AccessNet> upTo(int abi) {
        EnumSet<AccessNet> s = EnumSet.noneOf(AccessNet.class);
        for (AccessNet a : values())
            if (a.abi <= abi) s.add(a);
        return s;
    }

    public static String names(Collection<AccessNet> rights) {
        StringJoiner j = new StringJoiner("|");
        for (AccessNet a : values())
            if (rights.contains(a)) j.add(a.name().toLowerCase(Locale.ROOT));
        return j.length() == 0 ? "-" : j.toString();
    }
}

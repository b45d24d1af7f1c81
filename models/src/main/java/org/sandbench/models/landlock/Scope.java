package org.sandbench.models.landlock;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.StringJoiner;

/** Landlock IPC scopes, ABI 6 / Linux 6.12: deny reaching processes outside the domain. */
public enum Scope {
    ABSTRACT_UNIX_SOCKET(0, 6), SIGNAL(1, 6);

    public final int bit;
    public final int abi;

    Scope(int bit, int abi) {
        this.bit = bit;
        this.abi = abi;
    }

    public long mask() {
        return 1L << bit;
    }

    public static long mask(Collection<Scope> scopes) {
        long m = 0;
        for (Scope s : scopes)
            m |= s.mask();
        return m;
    }

    public static EnumSet<Scope> upTo(int abi) {
        EnumSet<Scope> s = EnumSet.noneOf(Scope.class);
        for (Scope a : values())
            if (a.abi <= abi) s.add(a);
        return s;
    }

    public static String names(Collection<Scope> scopes) {
        StringJoiner j = new StringJoiner("|");
        for (Scope a : values())
            if (scopes.contains(a)) j.add(a.name().toLowerCase(Locale.ROOT));
        return j.length() == 0 ? "-" : j.toString();
    }
}

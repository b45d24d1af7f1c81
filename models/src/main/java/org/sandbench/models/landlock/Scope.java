package org.sandbench.models.landlock;

import java.util.Collection;
import java.util.EnumSet;

/** Landlock IPC scopes, ABI 6 / Linux 6.12: deny reaching processes outside the domain. */
public enum Scope implements Right {
    ABSTRACT_UNIX_SOCKET(0, 6), SIGNAL(1, 6);

    public final int bit;
    public final int abi;

    Scope(int bit, int abi) {
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

    public static long mask(Collection<Scope> scopes) {
        return Right.mask(scopes);
    }

    public static EnumSet<Scope> upTo(int abi) {
        return Right.upTo(Scope.class, abi);
    }

    public static String names(Collection<Scope> scopes) {
        return Right.names(Scope.class, scopes);
    }
}

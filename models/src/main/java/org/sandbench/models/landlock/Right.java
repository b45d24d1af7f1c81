package org.sandbench.models.landlock;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.StringJoiner;

/** A Landlock access right or scope: a bit in its mask and the ABI that introduced it. */
public interface Right {
    int bit();

    int abi();

    String name();

    default long mask() {
        return 1L << bit();
    }

    static long mask(Collection<? extends Right> rights) {
        long m = 0;
        for (Right r : rights)
            m |= r.mask();
        return m;
    }

    /** Every right of the enum that the given ABI knows. */
    static <E extends Enum<E> & Right> EnumSet<E> upTo(Class<E> type, int abi) {
        EnumSet<E> s = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants())
            if (e.abi() <= abi) s.add(e);
        return s;
    }

    /** "read_file|read_dir" in declaration order, "-" for none. */
    static <E extends Enum<E> & Right> String names(Class<E> type, Collection<E> rights) {
        StringJoiner j = new StringJoiner("|");
        for (E e : type.getEnumConstants())
            if (rights.contains(e)) j.add(e.name().toLowerCase(Locale.ROOT));
        return j.length() == 0 ? "-" : j.toString();
    }
}

package org.sandbench.models.landlock;

/**
 * A Landlock ABI version as a named value (after rust-landlock's ABI).  The
 * version comes from landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION),
 * never from build headers.
 */
public record LandlockAbi(int version) implements Comparable<LandlockAbi> {
    public static final LandlockAbi V1 = new LandlockAbi(1);
    public static final LandlockAbi V2 = new LandlockAbi(2);
    public static final LandlockAbi V3 = new LandlockAbi(3);
    public static final LandlockAbi V4 = new LandlockAbi(4);
    public static final LandlockAbi V5 = new LandlockAbi(5);
    public static final LandlockAbi V6 = new LandlockAbi(6);
    public static final LandlockAbi V7 = new LandlockAbi(7);
    /** The newest ABI whose rights sandbench knows. */
    public static final LandlockAbi LATEST_KNOWN = V7;

    private static final String[] KERNEL = { "", "5.13", "5.19", "6.2", "6.7", "6.10", "6.12", "6.15" };
    private static final String[] ADDED = { "", "filesystem", "refer (rename/link across directories)",
        "truncate", "TCP bind and connect", "ioctl on devices", "scopes: abstract UNIX sockets, signals",
        "audit log flags" };

    public LandlockAbi {
        if (version < 1)
            throw new IllegalArgumentException("Landlock ABI versions start at 1");
    }

    /** Capped at what sandbench knows: rights of newer ABIs are not expressible here. */
    public LandlockAbi known() {
        return version > LATEST_KNOWN.version ? LATEST_KNOWN : this;
    }

    public String kernel() {
        return version < KERNEL.length ? "Linux " + KERNEL[version] : "a kernel newer than sandbench knows";
    }

    public String added() {
        return version < ADDED.length ? ADDED[version] : "unknown to sandbench";
    }

    public boolean atLeast(int v) {
        return version >= v;
    }

    @Override
    public int compareTo(LandlockAbi o) {
        return Integer.compare(version, o.version);
    }

    @Override
    public String toString() {
        return "ABI " + version;
    }
}

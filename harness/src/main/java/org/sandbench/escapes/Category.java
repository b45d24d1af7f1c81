package org.sandbench.escapes;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The eight categories of the escape catalogue, in its order. */
public enum Category {
    FILESYSTEM("filesystem"),
    NETWORK("network"),
    IPC_PROCESS("ipc-process"),
    PRIVILEGE_NAMESPACE("privilege-namespace"),
    DEVICE_IOCTL("device-ioctl"),
    KERNEL_ATTACK_SURFACE("kernel-attack-surface"),
    FILTER_BYPASS("filter-bypass"),
    INHERITED_AUTHORITY("inherited-authority");

    public final String id;

    Category(String id) {
        this.id = id;
    }

    public static Category parse(String s) {
        for (Category c : values())
            if (c.id.equals(s))
                return c;
        throw new IllegalArgumentException("unknown category '" + s + "' (known: "
                + Arrays.stream(values()).map(c -> c.id).collect(Collectors.joining(", ")) + ")");
    }
}

package org.sandbench.backend.vm;

import java.util.Locale;

/** The guest operating systems the VM backend boots. */
public enum GuestOs {
    LINUX, FREEBSD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backend column of result files. */
    public String backendId() {
        return "vm:" + id();
    }
}

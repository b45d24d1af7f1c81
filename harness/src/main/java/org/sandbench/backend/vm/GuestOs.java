package org.sandbench.backend.vm;

import java.util.Locale;
import java.util.Set;

/** The guest operating systems the VM backend boots. */
public enum GuestOs {
    LINUX, FREEBSD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The harness services (workload manifests' {@code services}) a guest provides itself: a Linux guest holds the
     * udp-sink port with native/tools/sb_udp_sink.c; FreeBSD guests build only the workloads, none yet.
     */
    public Set<String> services() {
        return this == LINUX ? Set.of("udp-sink") : Set.of();
    }

    /** The backend column of result files. */
    public String backendId() {
        return "vm:" + id();
    }
}

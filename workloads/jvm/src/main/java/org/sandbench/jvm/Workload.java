package org.sandbench.jvm;

import java.nio.file.Path;

/** What the harness passes to the forked JVM (system properties set by {@link Driver}). */
final class Workload {
    private Workload() {
    }

    /** The trial workspace (${work}): allowed/ holds the files the benchmarks use. */
    static Path work() {
        String w = System.getProperty("sandbench.work");
        if (w == null)
            throw new IllegalStateException("sandbench.work is not set: run through org.sandbench.jvm.Driver");
        return Path.of(w);
    }

    static int echoPort() {
        return Integer.getInteger("sandbench.echo.port", 0);
    }

    static String id() {
        return System.getProperty("sandbench.workload", "jvm");
    }
}

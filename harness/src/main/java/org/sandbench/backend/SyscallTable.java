package org.sandbench.backend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sandbench.host.Commands;

/** x86-64 syscall numbers and names as the installed libseccomp knows them (sb-launch --syscalls). */
public final class SyscallTable {
    private final Map<Integer, String> byNumber = new HashMap<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final String libseccompVersion;

    private SyscallTable(String text) {
        String version = "unknown";
        for (String line : text.split("\n")) {
            if (line.startsWith("# libseccomp ")) {
                version = line.substring("# libseccomp ".length()).replace(", arch x86_64", "").trim();
                continue;
            }
            String[] p = line.trim().split("\\s+");
            if (p.length == 2) {
                int nr = Integer.parseInt(p[1]);
                byNumber.put(nr, p[0]);
                byName.put(p[0], nr);
            }
        }
        libseccompVersion = version;
    }

    public static SyscallTable load(java.nio.file.Path launcher) {
        Commands.Result r = Commands.run(List.of(launcher.toString(), "--syscalls"), 10_000);
        if (!r.ok())
            throw new IllegalStateException("sb-launch --syscalls failed: " + r.err());
        return new SyscallTable(r.out());
    }

    public String name(int nr) {
        return byNumber.getOrDefault(nr, "syscall#" + nr);
    }

    public Integer number(String name) {
        return byName.get(name);
    }

    public boolean knows(String name) {
        return byName.containsKey(name);
    }

    /** Every syscall libseccomp knows, by number ascending. */
    public java.util.SortedMap<Integer, String> byNumber() {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byNumber));
    }

    public String libseccompVersion() {
        return libseccompVersion;
    }
}

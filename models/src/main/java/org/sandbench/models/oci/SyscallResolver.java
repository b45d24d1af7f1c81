package org.sandbench.models.oci;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How the seccomp library of this host resolves syscall names, which is what a
 * container runtime goes by: runc skips, without a word, every name its libseccomp
 * cannot resolve (runc libcontainer/seccomp/seccomp_linux.go), so a profile written
 * for a newer library silently allows less on an older one.
 *
 * <p>The table is the output of {@code native/build/bin/sb-scmp-resolve} (see
 * native/container/scmp_resolve.c): a header {@code # libseccomp X.Y.Z}, then one line per
 * name: {@code NAME X86_64 X86}, each number or {@code -} when the name is known to the
 * library but has no number on that architecture, or {@code NAME unknown}.
 */
public final class SyscallResolver {

    /** Where a name stands with this library. */
    public enum Kind {
        /** An x86-64 system call. */
        NATIVE,
        /** Known to the library, but not an x86-64 call (an i386-only or other-architecture name). */
        OTHER_ARCH,
        /** Not known to this version of the library at all: a runtime skips it. */
        UNKNOWN
    }

    /** @param x86_64 the x86-64 number, -1 if none; @param x86 the i386 number, -1 if none */
    public record Resolution(String name, Kind kind, int x86_64, int x86) {
    }

    private final String library;
    private final Map<String, Resolution> byName;
    private final SortedSet<String> nativeNames;

    private SyscallResolver(String library, Map<String, Resolution> byName) {
        this.library = library;
        this.byName = byName;
        TreeSet<String> n = new TreeSet<>();
        byName.values().forEach(r -> {
            if (r.kind() == Kind.NATIVE)
                n.add(r.name());
        });
        this.nativeNames = Collections.unmodifiableSortedSet(n);
    }

    public static SyscallResolver parse(String table) {
        String lib = "libseccomp (version not stated)";
        Map<String, Resolution> m = new HashMap<>();
        for (String raw : table.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("# libseccomp ")) {
                lib = line.substring(2).trim();
                continue;
            }
            if (line.isEmpty() || line.startsWith("#"))
                continue;
            String[] p = line.split("\\s+");
            if (p.length == 2 && p[1].equals("unknown")) {
                m.put(p[0], new Resolution(p[0], Kind.UNKNOWN, -1, -1));
            } else if (p.length == 3) {
                int a = num(p[1], line), b = num(p[2], line);
                m.put(p[0], new Resolution(p[0], a >= 0 ? Kind.NATIVE : Kind.OTHER_ARCH, a, b));
            } else {
                throw new IllegalArgumentException("bad resolver line '" + line + "' (expected: NAME X86_64 X86, or NAME unknown)");
            }
        }
        return new SyscallResolver(lib, m);
    }

    private static int num(String s, String line) {
        if (s.equals("-"))
            return -1;
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number '" + s + "' in resolver line '" + line + "'");
        }
    }

    /** A name the table does not list is one the library was never asked about: treated as unknown. */
    public Resolution resolve(String name) {
        return byName.getOrDefault(name, new Resolution(name, Kind.UNKNOWN, -1, -1));
    }

    public boolean lists(String name) {
        return byName.containsKey(name);
    }

    /** Every x86-64 system call the library knows by name. */
    public SortedSet<String> nativeNames() {
        return nativeNames;
    }

    /** "libseccomp 2.5.4" */
    public String library() {
        return library;
    }
}

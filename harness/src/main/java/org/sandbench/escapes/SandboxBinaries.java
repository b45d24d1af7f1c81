package org.sandbench.escapes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.sandbench.harness.Trees;

/**
 * The programs the sandbox uid executes (the launcher, the victim, the marker source and
 * the attempts), where that uid can reach them.  An attempt runs as a dedicated
 * unprivileged uid, which cannot execute anything beneath a directory it may not
 * traverse: a checkout in root's home, or in a mktemp -d folder (mode 0700), as a CI
 * clone may be.  There the binaries are copied into a world-readable staging folder for
 * the run; elsewhere they are used in place.
 */
public final class SandboxBinaries implements AutoCloseable {
    /** What the sandbox uid runs, relative to native/build. */
    static final List<String> FILES = List.of("bin/sb-launch", "bin/sb-victim", "bin/sb-marker");
    static final String ATTEMPTS = "escapes";

    private final Path dir;
    private final boolean staged;

    private SandboxBinaries(Path dir, boolean staged) {
        this.dir = dir;
        this.staged = staged;
    }

    public static SandboxBinaries forUid(Path nativeBuild, Path stagingParent) {
        if (reachableByOthers(nativeBuild))
            return new SandboxBinaries(nativeBuild, false);
        try {
            Set<PosixFilePermission> open = PosixFilePermissions.fromString("rwxr-xr-x");
            Path d = Files.createTempDirectory(stagingParent, "sandbench-escape-bin-",
                    PosixFilePermissions.asFileAttribute(open));
            Files.setPosixFilePermissions(d, open); // the umask narrowed what createTempDirectory gave
            for (String f : FILES)
                copy(nativeBuild.resolve(f), d.resolve(f), open);
            Path attempts = nativeBuild.resolve(ATTEMPTS);
            if (Files.isDirectory(attempts)) {
                try (Stream<Path> s = Files.list(attempts)) {
                    for (Path p : s.filter(Files::isRegularFile).toList())
                        copy(p, d.resolve(ATTEMPTS).resolve(p.getFileName().toString()), open);
                }
            }
            return new SandboxBinaries(d, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to, Set<PosixFilePermission> perms) throws IOException {
        if (!Files.exists(from))
            return;
        Files.createDirectories(to.getParent());
        Files.setPosixFilePermissions(to.getParent(), perms);
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(to, perms);
    }

    /** Every directory from / down to dir lets others traverse it. */
    static boolean reachableByOthers(Path dir) {
        try {
            for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent())
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE))
                    return false;
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** native/build, or its staged copy. */
    public Path dir() {
        return dir;
    }

    public boolean staged() {
        return staged;
    }

    @Override
    public void close() {
        if (staged)
            Trees.deleteQuietly(dir);
    }
}

package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkout the sandbox uid cannot traverse gets its programs staged; one it can is used in place. */
class SandboxBinariesTest {
    @TempDir
    Path tmp;

    private Path build(Path parent) throws Exception {
        Path b = parent.resolve("native/build");
        Files.createDirectories(b.resolve("bin"));
        Files.createDirectories(b.resolve("escapes"));
        for (String f : new String[] { "bin/sb-launch", "bin/sb-victim", "bin/sb-marker", "escapes/FS-01" }) {
            Files.writeString(b.resolve(f), "#!/bin/true\n");
            Files.setPosixFilePermissions(b.resolve(f), PosixFilePermissions.fromString("rwx------"));
        }
        return b;
    }

    @Test
    void privateCheckoutIsStagedWorldReadableAndRemoved() throws Exception {
        Path priv = Files.createDirectories(tmp.resolve("private"));
        Path b = build(priv);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rwx------"));
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Path staged;
        try (SandboxBinaries s = SandboxBinaries.forUid(b, staging)) {
            assertTrue(s.staged());
            staged = s.dir();
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(staged.resolve("escapes/FS-01"))));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(staged.resolve("bin"))));
            assertTrue(Files.exists(staged.resolve("bin/sb-launch")));
        }
        assertFalse(Files.exists(staged), "the staged copy is removed after the run");
    }

    @Test
    void reachableCheckoutIsUsedInPlace() throws Exception {
        Path open = Files.createDirectories(tmp.resolve("open"));
        Path b = build(open);
        if (!SandboxBinaries.reachableByOthers(tmp.getParent()))
            return; // this machine's temp folder is itself private: the other test covers staging
        for (Path p = b; !p.equals(tmp.getParent()); p = p.getParent())
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SandboxBinaries s = SandboxBinaries.forUid(b, tmp)) {
            assertFalse(s.staged());
            assertEquals(b, s.dir());
        }
    }
}

package org.sandbench.backend.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.host.ToolProbes;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/**
 * A sandbench process told to stop while its guest boots (SIGTERM here; Ctrl-C's SIGINT
 * takes the same JVM shutdown path) kills its QEMU and deletes the session's folder.
 */
class ExitCleanupTest {

    @Test
    void terminatingTheJvmKillsItsGuest(@TempDir Path tmp) throws Exception {
        Require.capability("qemu", ToolProbes.qemu());
        Require.capability("qemu", LinuxGuestBuilder.debianKernel().isPresent(), "no kernel (apt-get install linux-image-amd64)");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path tmpdir = Files.createDirectories(tmp.resolve("tmp"));
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + tmpdir, "-Dsandbench.home=" + TestHome.home().root(),
                "-Dsandbench.vm.dir=" + tmp.resolve("store"), "org.sandbench.cli.Main", "vm", "boot-test", "--accel", "tcg")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile());
        Process jvm = pb.start();
        try {
            Optional<ProcessHandle> qemu = Optional.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (qemu.isEmpty() && System.nanoTime() < deadline && jvm.isAlive()) {
                // The guest, not the availability probe (qemu-system-x86_64 --version) the child runs first.
                qemu = jvm.descendants().filter(p -> p.info().command().map(c -> c.contains("qemu-system")).orElse(false)
                        && p.info().arguments().map(a -> !List.of(a).contains("--version")).orElse(false)).findFirst();
                Thread.sleep(100);
            }
            assertTrue(qemu.isPresent(), "the child started a guest: " + Files.readString(tmp.resolve("out.log")));
            Optional<ProcessHandle> guest = qemu;
            assertEquals(1, sessionDirs(tmpdir).size(), () -> "the guest's session folder exists while it runs (QEMU alive: "
                    + guest.get().isAlive() + "); child output:\n" + readQuietly(tmp.resolve("out.log")));
            new ProcessBuilder("kill", "-TERM", Long.toString(jvm.pid())).start().waitFor();
            assertTrue(jvm.waitFor(20, TimeUnit.SECONDS), "the JVM exits");
            assertTrue(qemu.get().onExit().get(10, TimeUnit.SECONDS) != null);
            assertFalse(qemu.get().isAlive(), "its QEMU was killed by the shutdown hook");
            assertEquals(List.of(), sessionDirs(tmpdir), "the session folder was deleted");
        } finally {
            jvm.descendants().forEach(ProcessHandle::destroyForcibly);
            jvm.destroyForcibly();
        }
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static List<Path> sessionDirs(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("sandbench-vm-")).toList();
        }
    }
}

package org.sandbench.backend.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.host.ToolProbes;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/**
 * A guest that hangs at boot (its init sleeps forever, so no agent ever answers) is
 * killed at its boot timeout and reported with the stage and the console's last lines,
 * and nothing is left behind: no QEMU process, no temporary folder.
 */
class BootTimeoutTest {

    static Stream<ProcessHandle> qemuChildren() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("qemu-system")).orElse(false));
    }

    static long tempDirs() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("sandbench-vm-")).count();
        }
    }

    @Test
    void hangingBootIsKilledAtItsTimeoutAndCleanedUp(@TempDir Path tmp) throws Exception {
        Require.capability("qemu", ToolProbes.qemu());
        Optional<Path> kernel = LinuxGuestBuilder.debianKernel();
        Require.capability("qemu", kernel.isPresent(), "no Linux kernel image to boot (apt-get install linux-image-amd64)");

        // A guest whose init never starts the agent: a real hang, not a fast failure.
        Path dir = Files.createDirectories(tmp.resolve("linux/hang"));
        Files.copy(kernel.get(), dir.resolve("vmlinuz"));
        Path stage = Archives.staging(tmp.resolve("stage"));
        Archives.stage(stage, "bin/busybox", Files.readAllBytes(LinuxGuestBuilder.BUSYBOX), true);
        Archives.stageText(stage, "init", "#!/bin/busybox sh\nexec /bin/busybox sleep 100000\n", true);
        Archives.cpio(stage, dir.resolve("initramfs.cpio"));
        VmStore.LinuxGuest hang = new VmStore.LinuxGuest("hang", dir, Map.of());

        long before = tempDirs();
        long t0 = System.nanoTime();
        GuestException e = assertThrows(GuestException.class, () -> GuestLauncher.linux(TestHome.home(), hang, Accel.TCG,
                GuestLauncher.Timeouts.defaults(Accel.TCG).withLinuxBoot(4000)));
        double s = (System.nanoTime() - t0) / 1e9;
        System.err.printf("hanging boot reported after %.1f s: %s%n", s, e.getMessage().lines().findFirst().orElse(""));
        assertTrue(s >= 4 && s < 30, "killed at its 4 s timeout, not earlier and not much later: " + s);
        assertTrue(e.getMessage().contains("did not boot under tcg"), e.getMessage());
        assertTrue(e.getMessage().contains("no answer from the guest within 4.0 s"), e.getMessage());
        assertTrue(e.getMessage().contains("QEMU was killed"), e.getMessage());

        assertEquals(0, GuestSession.live(), "no session is registered any more");
        assertEquals(List.of(), qemuChildren().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList(),
                "no QEMU process is left behind");
        assertEquals(before, tempDirs(), "the session's temporary folder is deleted");
    }
}

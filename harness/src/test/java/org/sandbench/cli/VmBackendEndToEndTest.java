package org.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.backend.vm.GuestSession;
import org.sandbench.backend.vm.LinuxGuestBuilder;
import org.sandbench.host.ToolProbes;
import org.sandbench.results.Csv;
import org.sandbench.results.Json;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/**
 * The VM path end to end, the way CI exercises it: `vm build-linux` from Debian's
 * packages, then `run --backend vm:linux` boots the guest once (TCG here: the KVM boot
 * test fails on these machines) and measures none, seccomp and landlock on getpid and
 * open-close inside it; results land in overhead.csv with backend vm:linux and env.json
 * records the accelerator, the guest's kernel and CPU.  One boot serves every case.
 */
class VmBackendEndToEndTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearStore() {
        System.clearProperty("sandbench.vm.dir");
    }

    @Test
    void linuxGuestRunsTheLinuxModels() throws Exception {
        Require.capability("qemu", ToolProbes.qemu());
        Require.capability("qemu", LinuxGuestBuilder.debianKernel().isPresent(),
                "no Linux kernel image for the guest (apt-get install linux-image-amd64)");
        System.setProperty("sandbench.vm.dir", tmp.resolve("store").toString());
        Path home = TestHome.home().root();

        CliRunner.Outcome b = CliRunner.run(home, "vm", "build-linux");
        assertEquals(0, b.exit(), b.all());
        assertTrue(b.out().contains("built Linux guest"), b.all());

        Path out = tmp.resolve("run");
        long t0 = System.nanoTime();
        CliRunner.Outcome r = CliRunner.run(home, "run", "--backend", "vm:linux", "--models", "seccomp,landlock",
                "--workloads", "getpid,open-close,udp-send", "--rounds", "1", "--batches", "3", "--batch-ms", "2", "--out", out.toString());
        System.err.printf("vm:linux run took %.1f s%n%s%n", (System.nanoTime() - t0) / 1e9, r.out());
        assertEquals(0, r.exit(), r.all());

        List<Map<String, String>> rows = Csv.read(out.resolve("overhead.csv"));
        Set<String> cells = new TreeSet<>();
        for (Map<String, String> row : rows) {
            assertEquals("vm:linux", row.get("backend"), row.toString());
            assertEquals("ok", row.get("status"), row.toString());
            assertTrue(Double.parseDouble(row.get("ns_per_op")) > 0, row.toString());
            cells.add(row.get("model") + "/" + row.get("workload"));
        }
        // udp-send too: the guest holds its sink port itself (sb-udp-sink)
        assertEquals(Set.of("none/getpid", "none/open-close", "seccomp/getpid", "seccomp/open-close", "landlock/getpid",
                "landlock/open-close", "none/udp-send", "seccomp/udp-send", "landlock/udp-send"), cells);
        JsonNode env = Json.MAPPER.readTree(out.resolve("env.json").toFile());
        JsonNode vm = env.path("backend").path("vm:linux");
        assertTrue(Set.of("kvm", "tcg").contains(vm.path("accel").asText()), vm.toString());
        assertTrue(!vm.path("accel_reason").asText().isEmpty());
        JsonNode boot = vm.path("boots").path(0);
        assertTrue(boot.path("uname").asText().startsWith("Linux sandbench-guest"), boot.toString());
        assertTrue(!boot.path("cpu_model").asText().isEmpty() && !boot.path("cpu_model").asText().equals("unknown"));
        assertEquals(1, vm.path("boots").size(), "one boot served every trial");

        for (Map<String, String> row : rows) {
            if (row.get("model").equals("seccomp"))
                assertTrue(row.get("enforced").contains("seccomp filter 0"), row.get("enforced"));
            if (row.get("model").equals("landlock")) {
                // The guest's kernel, not the host's, decides what Landlock enforces (Debian 12's 6.1 has ABI 2):
                // rights it lacks are dropped and say so.
                int abi = boot.path("kernel").path("landlock_abi").asInt();
                assertTrue(row.get("enforced").contains("landlock ABI " + abi), row.get("enforced"));
                if (abi < 7)
                    assertTrue(row.get("enforced").contains("dropped"), row.get("enforced"));
            }
        }
        assertTrue(Files.readString(out.resolve("samples.csv")).contains("vm:linux,seccomp,retrofit,getpid"));
        assertEquals(0, GuestSession.live(), "the guest was shut down");
        assertEquals(List.of(), ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("qemu-system")).orElse(false)).toList());
    }

    /** Without an image the capsicum rows say NA and why (exit 3); no number from anywhere else is labelled capsicum. */
    @Test
    void capsicumWithoutAnImageIsNaWithTheReason() throws Exception {
        Require.capability("qemu", true, "");
        if (System.getenv("SANDBENCH_FREEBSD_IMAGE") != null) {
            System.err.println("SKIPPED: SANDBENCH_FREEBSD_IMAGE is set, capsicum can run here");
            return;
        }
        System.setProperty("sandbench.vm.dir", tmp.resolve("empty-store").toString());
        Path out = tmp.resolve("na");
        CliRunner.Outcome r = CliRunner.run(TestHome.home().root(), "run", "--models", "capsicum", "--workloads", "getpid",
                "--rounds", "1", "--batches", "2", "--batch-ms", "1", "--out", out.toString());
        assertEquals(3, r.exit(), r.all());
        assertTrue(r.err().contains("NA capsicum: no FreeBSD image"), r.all());
        List<Map<String, String>> rows = Csv.read(out.resolve("overhead.csv"));
        Map<String, String> cap = rows.stream().filter(x -> x.get("model").equals("capsicum")).findFirst().orElseThrow();
        assertEquals("na", cap.get("status"));
        assertEquals("vm:freebsd", cap.get("backend"));
        assertEquals("", cap.get("ns_per_op"));
        assertTrue(cap.get("note").contains("--image PATH"), cap.get("note"));
        CliRunner.Outcome sweep = CliRunner.run(TestHome.home().root(), "vm", "sweep-capsicum", "--quick");
        assertEquals(3, sweep.exit(), sweep.all());
        assertTrue(sweep.err().contains("vm fetch freebsd-14.3") && sweep.err().contains("--image PATH"), sweep.all());
        // No row on any backend but vm:freebsd carries the capsicum name.
        assertTrue(rows.stream().filter(x -> x.get("model").equals("capsicum")).allMatch(x -> x.get("backend").equals("vm:freebsd")));
    }

    /**
     * With SANDBENCH_FREEBSD_IMAGE pointing at an official image: boot it through an overlay,
     * build the workloads with the guest's cc, and measure none and capsicum in it.
     */
    @Test
    void freebsdGuestRunsCapsicum() throws Exception {
        String img = System.getenv("SANDBENCH_FREEBSD_IMAGE");
        Require.capability("freebsd-image", img != null && Files.isReadable(Path.of(img)),
                "SANDBENCH_FREEBSD_IMAGE does not name a readable official FreeBSD image (./sandbench vm fetch freebsd-14.3 "
                        + "where a network exists)");
        Require.capability("qemu", ToolProbes.qemu());
        System.setProperty("sandbench.vm.dir", tmp.resolve("store").toString());
        Path image = Path.of(img);
        long size = Files.size(image);
        var mtime = Files.getLastModifiedTime(image);
        Path out = tmp.resolve("freebsd");
        CliRunner.Outcome r = CliRunner.run(TestHome.home().root(), "run", "--models", "capsicum", "--image", img,
                "--workloads", "getpid,open-close", "--rounds", "1", "--batches", "3", "--batch-ms", "2", "--out", out.toString());
        System.err.println(r.all());
        assertEquals(0, r.exit(), r.all());
        List<Map<String, String>> rows = Csv.read(out.resolve("overhead.csv"));
        assertEquals(4, rows.size(), rows.toString());
        for (Map<String, String> row : rows) {
            assertEquals("vm:freebsd", row.get("backend"));
            assertEquals("self", row.get("mode"));
            assertEquals("ok", row.get("status"), row.toString());
            if (row.get("model").equals("capsicum"))
                assertTrue(row.get("enforced").contains("capability mode"), row.get("enforced"));
        }
        JsonNode vm = Json.MAPPER.readTree(out.resolve("env.json").toFile()).path("backend").path("vm:freebsd");
        assertTrue(vm.path("boots").path(0).path("uname").asText().startsWith("FreeBSD"), vm.toString());
        assertEquals(size, Files.size(image), "the image is never written: every boot goes through an overlay");
        assertEquals(mtime, Files.getLastModifiedTime(image));
        assertEquals(0, GuestSession.live());
    }
}

package org.sandbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.harness.SandbenchException;
import org.sandbench.harness.Workspace;
import org.sandbench.testing.TestHome;

class ManifestWorkspaceTest {
    @Test
    void aMacroWorkloadThatSavesFilesWorksInMemory() {
        Manifest m = WorkloadCatalog.load(TestHome.home().workloads()).get("atomic-save");
        assertEquals("macro", m.kind());
        assertEquals("memory", m.workspace(), "on ext4 its renames would start writeback (docs/workloads.md)");
        assertEquals(Path.of("/dev/shm"), Workspace.parentFor(m, Path.of("/tmp")));
        Manifest micro = WorkloadCatalog.load(TestHome.home().workloads()).get("open-close");
        assertEquals("disk", micro.workspace());
        assertEquals(Path.of("/tmp"), Workspace.parentFor(micro, Path.of("/tmp")));
    }

    @Test
    void anUnknownWorkspaceIsAUsageError(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("w.yaml");
        Files.writeString(f, "workload: w\nworkspace: ssd\npolicy: {promises: [stdio]}\n");
        SandbenchException e = assertThrows(SandbenchException.class, () -> WorkloadCatalog.loadManifest(f));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("'workspace' is disk or memory, not 'ssd'"), e.getMessage());
    }
}

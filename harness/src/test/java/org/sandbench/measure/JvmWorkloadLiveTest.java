package org.sandbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.cli.CliRunner;
import org.sandbench.results.Csv;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/** A JMH workload whose forked JVM runs under seccomp and Landlock together, through the launcher. */
class JvmWorkloadLiveTest {
    @TempDir
    Path tmp;

    @Test
    void forkedJvmRunsInsideTheModelAndReportsIt() {
        TestHome.requireSeccomp();
        TestHome.requireLandlock();
        Path jar = TestHome.home().root().resolve(JvmTrial.JAR);
        Require.capability("jvm-workloads", Files.isRegularFile(jar), jar + " is not built (./mvnw package builds "
                + "workloads/jvm before the harness)");
        Path out = tmp.resolve("run");
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), "run", "--models", "seccomp+landlock", "--workloads",
                "jvm-jna-getpid", "--rounds", "1", "--batches", "3", "--out", out.toString());
        assertEquals(0, o.exit(), o::all);
        Map<String, String> row = Csv.read(out.resolve("overhead.csv")).stream()
                .filter(r -> r.get("model").equals("seccomp+landlock")).findFirst().orElseThrow();
        assertEquals("ok", row.get("status"), row::toString);
        assertTrue(row.get("enforced").contains("seccomp mode 2, 1 filters") && row.get("enforced")
                .contains("landlock probe denied"), row.get("enforced"));
        assertEquals(3, Integer.parseInt(row.get("samples")), "one sample per JMH measurement iteration");
        assertTrue(Files.exists(out.resolve("jmh/jvm-jna-getpid-seccomp_landlock-r1.json")), "JMH's raw data is kept");
        List<Map<String, String>> setup = Csv.read(out.resolve("setup.csv"));
        assertTrue(setup.stream().anyMatch(s -> s.get("model").equals("seccomp+landlock")
                && s.get("stage").equals("launch_to_main")), "JVM start-up inside the model is a setup stage");
    }
}

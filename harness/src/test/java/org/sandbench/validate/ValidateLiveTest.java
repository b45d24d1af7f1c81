package org.sandbench.validate;

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
import org.sandbench.testing.TestHome;

/**
 * `sandbench validate` end to end with minimal rounds: every part runs and is recorded.
 * Verdicts depend on the machine's noise, so only their presence is asserted here.
 */
class ValidateLiveTest {
    @TempDir
    Path tmp;

    @Test
    void everyCheckIsRecorded() {
        TestHome.requireSeccomp();
        Path out = tmp.resolve("v");
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), "validate", "--quick", "--rounds", "2", "--kernel-seconds",
                "0.03", "--repeat", "2", "--out", out.toString());
        assertTrue(o.exit() == 0 || o.exit() == 1, o::all);
        for (String f : List.of("validate.csv", "repeatability.csv", "kernel-method.csv", "samples.csv", "trials.csv",
                "env.json", "summary.txt"))
            assertTrue(Files.exists(out.resolve(f)), f);
        assertEquals(2, Csv.read(out.resolve("kernel-method.csv")).size(), "one kernel-method repetition per round");
        assertEquals(2, Csv.read(out.resolve("repeatability.csv")).size());
        List<Map<String, String>> checks = Csv.read(out.resolve("validate.csv"));
        Map<String, String> loop = checks.stream().filter(c -> c.get("check").startsWith("loop overhead")).findFirst()
                .orElseThrow();
        assertTrue(List.of("pass", "fail").contains(loop.get("verdict")), loop::toString);
        Map<String, String> entry = checks.stream().filter(c -> c.get("check").equals("sandbench method: entry cost"))
                .findFirst().orElseThrow();
        assertTrue(!entry.get("ratio_to_kernel_method").isEmpty(), "the sandbench method is reported as a ratio");
        assertTrue(checks.stream().anyMatch(c -> c.get("check").startsWith("repeatability: spread")));
        assertTrue(o.out().contains("Kernel benchmark method (2 repetitions)"), o::all);
    }
}

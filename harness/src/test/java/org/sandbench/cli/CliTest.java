package org.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.results.Csv;
import org.sandbench.results.OverheadRow;
import org.sandbench.testing.TestHome;

/** The command line as a user meets it: exit codes, messages, result files. */
class CliTest {
    @TempDir
    Path tmp;

    static Path home() {
        return TestHome.home().root();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --models bogus --workloads getpid        | 2 | unknown model 'bogus' (known: none, seccomp",
        "run --workloads nosuch --models seccomp     | 2 | unknown workload 'nosuch' (known:",
        "run --mode sideways                         | 2 | unknown mode 'sideways'",
        "run --seccomp-default maybe                 | 2 | unknown seccomp action 'maybe'",
        "run --landlock-compat sometimes             | 2 | unknown Landlock compatibility 'sometimes'",
        "run --rounds                                | 2 | Missing required parameter",
        "policy show nosuch --model seccomp          | 2 | unknown workload 'nosuch'",
        "policy show getpid --model capsicum-ish     | 2 | unknown model 'capsicum-ish'",
        "frobnicate                                  | 2 | Unmatched argument",
    })
    void badUsageExitsTwoWithAMessage(String args, int exit, String message) {
        CliRunner.Outcome o = CliRunner.run(home(), args.trim().split("\\s+"));
        assertEquals(exit, o.exit(), o::all);
        assertTrue(o.all().contains(message.trim()), o::all);
        assertFalse(o.all().contains("\tat org.sandbench"), () -> "no stack traces for bad input:\n" + o.all());
    }

    @Test
    void malformedManifestExitsTwoNamingFileAndLine() throws Exception {
        Path h = TestHome.scratchHome(tmp);
        Files.writeString(h.resolve("workloads/micro/getpid.yaml"),
                "workload: getpid\npolicy:\n  promises: [stdio, rpth]\n");
        CliRunner.Outcome o = CliRunner.run(h, "run", "--models", "seccomp", "--workloads", "getpid", "--quick");
        assertEquals(2, o.exit(), o::all);
        assertTrue(o.err().contains("getpid.yaml line 3"), o::all);
        assertTrue(o.err().contains("unknown promise 'rpth'"), o::all);
    }

    @Test
    void quickRunWritesTheThreeFilesWithEnforcement() {
        TestHome.requireSeccomp();
        Path out = tmp.resolve("run");
        CliRunner.Outcome o = CliRunner.run(home(), "run", "--models", "seccomp", "--workloads", "getpid", "--quick",
                "--rounds", "2", "--batches", "4", "--out", out.toString());
        assertEquals(0, o.exit(), o::all);
        for (String f : List.of("overhead.csv", "samples.csv", "env.json", "trials.csv"))
            assertTrue(Files.exists(out.resolve(f)), f);
        assertEquals(OverheadRow.HEADER, Csv.header(out.resolve("overhead.csv")));
        List<Map<String, String>> rows = Csv.read(out.resolve("overhead.csv"));
        assertEquals(List.of("none", "seccomp"), rows.stream().map(r -> r.get("model")).toList());
        Map<String, String> sec = rows.get(1);
        assertEquals("ok", sec.get("status"));
        assertTrue(sec.get("enforced").contains("seccomp mode 2, 1 filters"), sec.get("enforced"));
        // Batches during which the workload was descheduled are kept raw but left out of the statistics.
        assertEquals(8, Integer.parseInt(sec.get("samples")) + Integer.parseInt(sec.get("disturbed_batches")));
        assertEquals(16, Csv.read(out.resolve("samples.csv")).size(), "raw samples of both models are kept");
        assertTrue(o.out().contains("results: " + out), o::all);
    }

    @ParameterizedTest(name = "{0} denies {2}")
    @CsvSource(delimiter = '|', value = {
        "seccomp  | promises: [stdio]                      | system call openat (257) was denied by the seccomp filter",
        "landlock | promises: [stdio, rpath]               | operation openat(",
    })
    void aPolicyThatDeniesWhatTheWorkloadNeedsFailsTheRun(String model, String policy, String message) throws Exception {
        if (model.equals("seccomp"))
            TestHome.requireSeccomp();
        else
            TestHome.requireLandlock();
        Path h = TestHome.scratchHome(tmp);
        Files.writeString(h.resolve("workloads/micro/open-close.yaml"),
                "workload: open-close\nargs: [--path, \"${work}/allowed/target\"]\nfixtures: [{file: \"${work}/allowed/target\"}]\n"
                        + "policy:\n  " + policy.trim() + "\n");
        CliRunner.Outcome o = CliRunner.run(h, "run", "--models", model, "--workloads", "open-close", "--quick",
                "--rounds", "1", "--out", tmp.resolve("out").toString());
        assertEquals(1, o.exit(), o::all);
        String failed = o.err().lines().filter(l -> l.startsWith("sandbench: FAILED")).findFirst().orElse("");
        assertTrue(failed.contains("workload open-close under model " + model), o::all);
        assertTrue(failed.contains(message.trim()), o::all);
        List<Map<String, String>> rows = Csv.read(tmp.resolve("out/overhead.csv"));
        Map<String, String> row = rows.stream().filter(r -> r.get("model").equals(model)).findFirst().orElseThrow();
        assertEquals("denied", row.get("status"));
        assertEquals("", row.get("ns_per_op"), "no number for a trial that could not run");
    }

    @Test
    void policyShowPrintsPfcAndLandlockRules() {
        CliRunner.Outcome o = CliRunner.run(home(), "policy", "show", "open-close", "--model", "seccomp+landlock");
        assertEquals(0, o.exit(), o::all);
        assertTrue(o.out().contains("Landlock ruleset for ABI 7"), o::all);
        assertTrue(o.out().contains("truncate     ABI 3  handled"), o::all);
        assertTrue(o.out().contains("/tmp/sandbench-work/allowed"), o::all);
        assertTrue(o.out().contains("# pseudo filter code start"), o::all);
    }

    @Test
    void doctorJsonNamesEveryModel() throws Exception {
        CliRunner.Outcome o = CliRunner.run(home(), "doctor", "--json");
        assertEquals(0, o.exit(), o::all);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.out());
        for (String m : List.of("none", "seccomp", "landlock", "seccomp+landlock"))
            assertTrue(json.path("models").has(m), m);
        assertTrue(json.path("kernel").has("landlock_abi"));
        assertTrue(json.path("features").has("docker"));
    }
}

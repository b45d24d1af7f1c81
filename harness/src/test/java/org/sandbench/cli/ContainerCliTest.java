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
import org.sandbench.backend.container.DockerEngine;
import org.sandbench.models.oci.OciProfile;
import org.sandbench.results.Csv;
import org.sandbench.results.OverheadRow;
import org.sandbench.results.OverheadTable;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/** The container models on the command line: export, show, run with container rows, and the errors. */
class ContainerCliTest {
    @TempDir
    Path tmp;

    static Path home() {
        return TestHome.home().root();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "policy export getpid --model landlock            | has no seccomp filter, and an OCI profile carries seccomp only",
        "policy export getpid --model seccomp --format xml | unknown --format 'xml' for export (known: oci)",
        "policy export getpid --model seccomp --mode self  | an OCI runtime loads the profile before exec",
        "policy export --model seccomp                     | policy export needs a WORKLOAD",
        "policy export getpid --model naive-ish            | unknown model 'naive-ish'",
        "run --models oci:/nonexistent/p.json              | /nonexistent/p.json is not a readable file",
        "run --models docker-default --mode self           | are applied by the runtime before exec",
        "run --models none --container-settle-ms -5        | --container-settle-ms must be 0 or more",
    })
    void badUsageExitsTwoWithAMessage(String args, String message) {
        CliRunner.Outcome o = CliRunner.run(home(), args.trim().split("\\s+"));
        assertEquals(2, o.exit(), o::all);
        assertTrue(o.all().contains(message.trim()), o::all);
        assertFalse(o.all().contains("\tat org.sandbench"), o::all);
    }

    @Test
    void exportWritesADeterministicProfileWithTheRuntimeGroup() throws Exception {
        Path f = tmp.resolve("getpid.json");
        CliRunner.Outcome o = CliRunner.run(home(), "policy", "export", "getpid", "--model", "seccomp", "--format", "oci",
                "--out", f.toString());
        assertEquals(0, o.exit(), o::all);
        String json = Files.readString(f);
        CliRunner.Outcome again = CliRunner.run(home(), "policy", "export", "getpid", "--model", "seccomp");
        assertEquals(json, again.out(), "the same profile on stdout and byte-identical across runs");
        OciProfile p = OciProfile.parse("export", json);
        assertEquals("SCMP_ACT_TRAP", p.defaultAction());
        assertEquals(List.of("SCMP_ARCH_X86_64"), p.architectures());
        assertTrue(json.contains("\"getpid\"") && json.contains("_oci-runtime: runc opens its exec fifo"), json);
        assertTrue(o.err().contains("--security-opt no-new-privileges"), o::all);
    }

    @Test
    void showImportsDockersDefaultProfileWithoutDocker() {
        CliRunner.Outcome o = CliRunner.run(home(), "policy", "show", "--model", "docker-default");
        assertEquals(0, o.exit(), o::all);
        for (String s : List.of("rule groups: 33 in the profile", "x86-64 system calls libseccomp", "blocked (default action errno(1))",
                "cannot resolve (a runtime skips them)", "mseal", "BPF instructions", "getpid   -> allow"))
            assertTrue(o.out().contains(s), s + "\n" + o.out());
    }

    /** A model the host cannot run is a row with the reason, not a failure. */
    @Test
    void naRowsRenderWithTheirReason() {
        OverheadRow na = new OverheadRow("container", "docker-default", "retrofit", "getpid", "", Double.NaN, Double.NaN,
                Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, "na", "", "",
                "no Docker engine answers");
        OverheadRow base = new OverheadRow("local", "none", "retrofit", "getpid", "", 70, 69, 71, 30, 70, 0, 0, 0, 1, 0, 3,
                "ok", "yes", "nothing (baseline)", "");
        String table = OverheadTable.render(List.of(base, na), "none");
        assertTrue(table.contains("docker-default (+ns [95% CI] ratio)") && table.contains("NA"), table);
        assertEquals("no Docker engine answers", Csv.read(write(List.of(base, na))).get(1).get("note"));
    }

    private Path write(List<OverheadRow> rows) {
        Path f = tmp.resolve("overhead.csv");
        Csv.write(f, OverheadRow.HEADER, rows.stream().map(OverheadRow::cells).toList());
        return f;
    }

    /** Live: the done-when command in miniature; container rows against the container baseline, with intervals. */
    @Test
    void runMeasuresDockerDefaultAgainstAContainerBaseline() throws Exception {
        TestHome.requireSeccomp();
        Require.capability("docker", DockerEngine.availability());
        Path out = tmp.resolve("run");
        CliRunner.Outcome o = CliRunner.run(home(), "run", "--models", "none,docker-default", "--workloads", "getpid",
                "--quick", "--rounds", "2", "--batches", "3", "--batch-ms", "2", "--container-settle-ms", "100",
                "--out", out.toString());
        assertEquals(0, o.exit(), o::all);
        // One table per backend, each against its own baseline: the container's none is not the host's.
        String container = o.out().substring(o.out().indexOf("backend container:"));
        assertTrue(container.contains("none (ns/op)") && container.contains("docker-default (+ns [95% CI] ratio)"), o::out);
        List<Map<String, String>> rows = Csv.read(out.resolve("overhead.csv"));
        assertEquals(List.of("local|none", "container|none", "container|docker-default"),
                rows.stream().map(r -> r.get("backend") + "|" + r.get("model")).toList());
        Map<String, String> dd = rows.get(2);
        assertEquals("ok", dd.get("status"), dd.toString());
        assertFalse(dd.get("overhead_ci_low").isEmpty() || dd.get("overhead_ci_high").isEmpty(), dd.toString());
        assertEquals(rows.get(1).get("ns_per_op"), dd.get("baseline_ns_per_op"), "the container rows' baseline is the container's");
        assertTrue(dd.get("enforced").contains("the engine's built-in default seccomp profile")
                && dd.get("enforced").contains("seccomp mode 2, 1 filters"), dd.get("enforced"));
        assertTrue(rows.get(1).get("enforced").contains("seccomp mode 0"), rows.get(1).get("enforced"));
        String env = Files.readString(out.resolve("env.json"));
        assertTrue(env.contains("\"engine_version\"") && env.contains("\"settle_ms\""), env);
        List<Map<String, String>> samples = Csv.read(out.resolve("samples.csv"));
        assertTrue(samples.stream().anyMatch(s -> s.get("backend").equals("container") && s.get("model").equals("none")));
    }
}

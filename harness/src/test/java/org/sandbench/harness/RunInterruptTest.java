package org.sandbench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.cli.CliRunner;
import org.sandbench.report.ResultSet;
import org.sandbench.testing.TestHome;

/** A run stopped by a signal keeps what finished and still writes a report; a finished run ends with one. */
class RunInterruptTest {

    @TempDir
    Path tmp;

    @Test
    void aSignalMidRunKeepsTheFinishedTrialsAndWritesAPartialReport() throws Exception {
        TestHome.requireSeccomp();
        Path out = tmp.resolve("run");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Djava.awt.headless=true",
                "-Dsandbench.home=" + TestHome.home().root(), "-cp", System.getProperty("java.class.path"),
                "org.sandbench.cli.Main", "run", "--quick", "--workloads", "getpid", "--models", "seccomp",
                "--rounds", "200", "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int trials = 0;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("[") && ++trials == 7)
                    p.toHandle().destroy(); // SIGTERM (keeps our end of the pipe open): shutdown hooks run, as on Ctrl-C
            }
        } finally {
            if (!p.waitFor(60, TimeUnit.SECONDS))
                p.destroyForcibly();
        }
        String all = String.join("\n", lines);
        assertEquals(128 + 15, p.exitValue(), all);
        assertTrue(all.contains("interrupted after "), all);
        ResultSet rs = ResultSet.load(out);
        assertTrue(rs.partial(), "env.json says partial");
        List<ResultSet.Row> rows = rs.rows(ResultSet.Part.OVERHEAD);
        assertEquals(2, rows.size(), "both cells of the workload in progress: " + rows);
        for (ResultSet.Row row : rows) {
            assertEquals("partial", row.get("status"), row.toString());
            assertTrue(row.get("note").startsWith("interrupted after "), row.toString());
            assertTrue(row.num("trials") >= 3, "finished rounds kept: " + row);
        }
        // every recorded trial is a finished one: the trial cut short by the signal is not a crash
        for (ResultSet.Row t : rs.rows(ResultSet.Part.TRIALS))
            assertEquals("ok", t.get("status"), t.toString());
        String html = Files.readString(out.resolve("report/index.html"));
        assertTrue(html.contains("<b>partial:</b>"), "the report says the run was interrupted");
    }

    @Test
    void aRunEndsWithItsReportAndPrintsWhereItIs() {
        TestHome.requireSeccomp();
        Path out = tmp.resolve("done");
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), "run", "--quick", "--workloads", "getpid",
                "--models", "seccomp", "--rounds", "2", "--out", out.toString());
        assertEquals(0, o.exit(), o.all());
        Path index = out.resolve("report/index.html").toAbsolutePath();
        assertTrue(o.out().contains("report: " + index), o.out());
        assertTrue(Files.isRegularFile(index));
        assertTrue(Files.isRegularFile(out.resolve("report/figures/overhead/overhead-getpid.png")));
    }
}

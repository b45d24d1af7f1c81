package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.cli.CliRunner;
import org.sandbench.results.Csv;
import org.sandbench.testing.TestHome;

/** The escapes command's contract: usage errors, exit 1 on a contradicted expectation, self mode, user attempts. */
class EscapesCliTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--models docker-nope           | unknown model 'docker-nope'",
        "--attempts NOPE-01              | unknown attempt 'NOPE-01'",
        "--mode sideways                 | unknown mode 'sideways'",
        "--expect /nonexistent/e.csv     | does not exist",
        "--seccomp-default maybe         | unknown seccomp action 'maybe'",
        "--uid 0                         | --uid must be an unprivileged uid",
    })
    void badInputIsExitTwo(String args, String message, @TempDir Path out) {
        EscapeMatrixTest.requireArena();
        String[] a = args.trim().split("\\s+");
        String[] full = new String[a.length + 3];
        full[0] = "escapes";
        System.arraycopy(a, 0, full, 1, a.length);
        full[a.length + 1] = "--out";
        full[a.length + 2] = out.toString();
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), full);
        assertEquals(2, o.exit(), o::all);
        assertTrue(o.err().contains(message), o.err());
    }

    @Test
    void aContradictedExpectationIsExitOne(@TempDir Path out) throws Exception {
        EscapeMatrixTest.requireArena();
        Path expect = out.resolve("wrong.csv");
        Files.writeString(expect, "attempt,model,mode,expected,note\nFS-01,landlock,retrofit,ESCAPED,deliberately wrong\n");
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), "escapes", "--attempts", "FS-01", "--models", "landlock",
                "--expect", expect.toString(), "--out", out.resolve("r").toString());
        assertEquals(1, o.exit(), o::all);
        assertTrue(o.err().contains("UNEXPECTED FS-01 open-abs under landlock (retrofit): BLOCKED, expected ESCAPED"), o.err());
        assertTrue(o.out().contains("B!"), o.out());
    }

    @Test
    void anArenaWithoutNamespaces(@TempDir Path out) {
        EscapeMatrixTest.requireArena();
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), "escapes", "--namespaces", "none", "--attempts",
                "IPC-01,IPC-03,NET-01,NET-07,DEV-01", "--out", out.toString());
        assertEquals(0, o.exit(), o::all);
        Map<String, String> v = new HashMap<>();
        for (Map<String, String> r : Csv.read(out.resolve("escapes.csv")))
            v.put(r.get("attempt") + "/" + r.get("model"), r.get("verdict"));
        assertEquals("NA_HOST", v.get("IPC-03/none"), "kill(-1) only ever runs in a PID namespace");
        assertEquals("ESCAPED", v.get("IPC-01/none"));
        assertEquals("BLOCKED", v.get("IPC-01/landlock"));
        assertEquals("ESCAPED", v.get("NET-01/none"), "host loopback listeners on free ports");
        assertEquals("BLOCKED", v.get("NET-01/landlock"));
        assertEquals("ESCAPED", v.get("DEV-01/landlock"));
    }

    /**
     * Without a usable Docker engine the container columns are NA_HOST with the reason, the host's columns still run,
     * and asking for a container column by name is exit 3.  A second JVM, with Testcontainers' Ryuk left on (which
     * cannot be pulled here), is a host where DockerEngine says no before it contacts any engine.
     */
    @Test
    void withoutDockerTheContainerColumnsAreNaWithTheReason(@TempDir Path out) throws Exception {
        EscapeMatrixTest.requireArena();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsandbench.home=" + TestHome.home().root(), "-cp", System.getProperty("java.class.path"),
                "org.sandbench.cli.Main", "escapes", "--models", "docker-default", "--attempts", "FS-01,DEV-01",
                "--out", out.toString()).redirectErrorStream(true);
        pb.environment().remove("TESTCONTAINERS_RYUK_DISABLED");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), text);
        assertTrue(text.contains("model docker-default is NA: unavailable on this host: Testcontainers would start its Ryuk"), text);
        Map<String, Map<String, String>> v = new HashMap<>();
        for (Map<String, String> r : Csv.read(out.resolve("escapes.csv")))
            v.put(r.get("attempt") + "/" + r.get("model"), r);
        assertEquals("ESCAPED", v.get("FS-01/none").get("verdict"), "the host's columns still run");
        for (String m : java.util.List.of("container-none", "docker-default")) {
            Map<String, String> r = v.get("FS-01/" + m);
            assertEquals("NA_HOST", r.get("verdict"), r::toString);
            assertTrue(r.get("evidence").startsWith("model " + m + " is unavailable on this host: Testcontainers would start"), r::toString);
            assertEquals("", r.get("expected"), "no expectation for a column this host cannot run");
        }
        assertEquals("NA_PLATFORM", v.get("DEV-01/docker-default").get("verdict"), "what cannot cross docker run says so first");
    }

    @Test
    void selfModeShowsWhatRetrofitCannot(@TempDir Path out) {
        EscapeMatrixTest.requireArena();
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), "escapes", "--mode", "self", "--attempts",
                "FS-16,FS-17,AMB-06,BYP-07", "--out", out.toString());
        assertEquals(0, o.exit(), o::all);
        Map<String, String> v = new HashMap<>();
        for (Map<String, String> r : Csv.read(out.resolve("escapes.csv"))) {
            assertEquals("self", r.get("mode"));
            v.put(r.get("attempt") + "/" + r.get("model"), r.get("verdict"));
        }
        assertEquals("KILLED", v.get("FS-16/seccomp"), "a filter installed after start-up can forbid execve");
        assertEquals("ESCAPED", v.get("AMB-06/landlock"), "what was read before entering stays in memory");
        assertEquals("ESCAPED", v.get("BYP-07/seccomp-naive"), "execveat is not execve");
        assertEquals("CONFINED", v.get("FS-17/seccomp-naive"));
    }
}

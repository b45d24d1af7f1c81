package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.testing.TestHome;

/**
 * Live (root, no Docker): sb-jail's external mode, driven the way ContainerExecutor drives it.
 * The configuration and the executor's commands go to the jail's stdin; every row asserts what
 * the jail then reports.  The executor's word is trusted for the attempt's lines and its exit,
 * never for the inspection: the jail inspects only a process of the sandbox uid, itself.
 */
class JailExternalModeTest {
    /** Not the matrix's uid: a held process of this uid outlives a row briefly. */
    static final int UID = 64211;

    @TempDir
    static Path tmp;
    static SandboxBinaries bins;
    static Arena arena;
    static JailRunner jail;

    @BeforeAll
    static void setUp() {
        EscapeMatrixTest.requireArena();
        jail = new JailRunner(TestHome.home().nativeBuild().resolve("bin/sb-jail"));
        // As `sandbench escapes` does: in java.io.tmpdir, which the sandbox uid can traverse (a @TempDir is 0700).
        Path shared = Path.of(System.getProperty("java.io.tmpdir"));
        bins = SandboxBinaries.forUid(TestHome.home().nativeBuild(), shared);
        arena = Arena.create(shared, UID, UID + 1, jail.probe(), bins.dir().resolve("bin/sb-victim"),
                bins.dir().resolve("bin/sb-marker"));
    }

    @AfterAll
    static void tearDown() {
        if (arena != null)
            arena.close();
        if (bins != null)
            bins.close();
    }

    static Observation external(String commands) {
        Arena.Run run = arena.prepare(Set.of());
        Map<String, String> env = arena.attemptEnv(run);
        String config = arena.jailConfig(run, env, List.of("/sandbench/escapes/x"), 5000, true);
        return jail.run(config + commands.replace("\\n", "\n").replace("${backdoor}", env.get("SBX_TCP_BACKDOOR")) + "\n", 30_000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // commands after the configuration ('\n' between them) | what the jail reports
        "A SBX step op=x rc=-1 errno=13 name=EACCES\\nE oops\\nexit code=0\\ndone | exit code=0",
        "A J end\\nA J victim state=killed:9\\nexit code=3\\ndone                 | exit code=3",
        "exit signal=31\\ndone                                                   | exit signal=31",
        "timeout\\nexit signal=9\\ndone                                          | timeout ms=5000",
        "A SBX probe tcp ${backdoor}\\nexit code=0\\ndone                        | probe listener=tcp4-backdoor result=refused",
        "fail the container did not start: no such image\\ndone                  | error op=executor",
        "bogus\\nexit code=0\\ndone                                              | error op=external errno=0 message=unknown-command",
        "A SBX start\\n                                                          | error op=external errno=0 message=no-exit-status-from-the-executor",
    })
    void commands(String commands, String jailLine) {
        Observation o = external(commands.trim());
        assertEquals(0, o.jailExit(), () -> String.join("\n", o.raw()));
        assertTrue(o.complete(), "the report ends with J end");
        assertEquals(1, o.jail("end").size(), "an attempt line cannot end the report");
        assertTrue(o.raw().stream().anyMatch(l -> l.startsWith("J " + jailLine)), () -> "J " + jailLine + " in\n" + String.join("\n", o.raw()));
        // What the attempt's environment needs from the jail, and nothing the attempt could read from the jail's stdout.
        assertTrue(o.raw().contains("J waiting"));
        assertTrue(o.raw().stream().anyMatch(l -> l.startsWith("J attempt-env SBX_VICTIM_PID=")), () -> String.join("\n", o.raw()));
        assertTrue(o.raw().stream().anyMatch(l -> l.startsWith("J victim state=alive token=intact")), "the victim is reported");
        if (commands.startsWith("A SBX step")) {
            assertEquals(List.of("SBX step op=x rc=-1 errno=13 name=EACCES"), o.attempt());
            assertEquals(List.of("oops"), o.stderr());
        }
        if (commands.startsWith("A J end"))
            assertEquals(List.of("J end", "J victim state=killed:9"), o.attempt(), "framed as the attempt's, not the jail's");
    }

    @Test
    void holdInspectsOnlyAProcessOfTheSandboxUid() throws Exception {
        // The test JVM runs as root: the jail refuses to inspect it, and says so (the run is then not judged).
        Observation refused = external("hold pid=" + ProcessHandle.current().pid() + "\\nexit code=0\\ndone");
        assertTrue(refused.jailError().orElse("").startsWith("inspect"), () -> String.join("\n", refused.raw()));
        assertTrue(refused.jail("fd").isEmpty() && refused.jail("stopped").isEmpty());
        assertTrue(refused.raw().contains("J held"), "the executor is answered anyway, so the attempt can go on");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the process, run as the sandbox uid     | its namespaces, as the jail compares them with the container's
        "sleep 30                                  | user=same mnt=same net=same pid=same ipc=same uts=same cgroup=same",
        "unshare --user sleep 30                   | user=new mnt=same net=same pid=same ipc=same uts=same cgroup=same",
        "unshare --user --map-root-user --mount --net sleep 30 | user=new mnt=new net=new pid=same ipc=same uts=same cgroup=same",
    })
    void holdRecordsDescriptorsAndNamespaces(String command, String ns) throws Exception {
        Path held = tmp.resolve("held-" + Math.abs(command.hashCode()));
        Files.writeString(held, "x");
        List<String> argv = new java.util.ArrayList<>(List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups", "--"));
        argv.addAll(List.of(command.trim().split("\\s+")));
        Process p = new ProcessBuilder(argv).redirectInput(held.toFile()).redirectErrorStream(true).start();
        try {
            // unshare execs sleep in the same process once the namespaces exist
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(Path.of("/proc/" + p.pid() + "/comm")).trim().equals("sleep") && System.nanoTime() < deadline)
                Thread.sleep(10);
            Observation o = external("A SBX hold\\nhold pid=" + p.pid() + "\\nA SBX held\\nexit code=0\\ndone");
            assertEquals(Optional.empty(), o.jailError(), () -> String.join("\n", o.raw()));
            assertEquals(List.of("J stopped signal=0 external=1"), o.raw().stream().filter(l -> l.startsWith("J stopped")).toList());
            assertTrue(o.raw().contains("J fd n=0 target=" + held), () -> String.join("\n", o.raw()));
            assertTrue(o.raw().contains("J ns " + ns.trim() + " external=1"), () -> String.join("\n", o.raw()));
            assertTrue(o.raw().indexOf("J held") > o.raw().indexOf("J stopped signal=0 external=1"), "held after the inspection");
            // The judge's evidence reads it as after a native hold.
            Evidence.Facts f = new Evidence.Facts(o, Map.of(), Map.of(), Map.of(), UID, UID + 1);
            assertEquals(ns.contains("user=new"), new Evidence.Ns("user").check(f).hit());
            assertTrue(new Evidence.Fd(held.getFileName().toString()).check(f).hit());
        } finally {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theNativeModeIsUnchanged() throws IOException {
        Arena.Run run = arena.prepare(Set.of());
        String config = arena.jailConfig(run, arena.attemptEnv(run), List.of("/bin/true"), 5000);
        assertTrue(config.contains("pty 1\n") && config.contains("leak_rw ") && !config.contains("external"), config);
        String ext = arena.jailConfig(run, arena.attemptEnv(run), List.of("/bin/true"), 5000, true);
        assertTrue(ext.startsWith("external 1\n") && ext.contains("pty 0\n") && !ext.contains("leak_rw "), ext);
    }
}

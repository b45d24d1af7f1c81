package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.backend.container.ContainerBackend;
import org.sandbench.backend.container.DockerEngine;
import org.sandbench.models.oci.ContainerModel;
import org.sandbench.models.oci.ContainerPolicy;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/**
 * Live (root and Docker): one attempt at a time through {@link ContainerExecutor}, the arena on
 * the host and the attempt in a container.  What only a container executor does: relay the
 * attempt's lines to the jail, let the jail inspect a held container process, report a
 * container the runtime refused and one that outlived its time.
 */
class ContainerExecutorTest {
    static final int UID = 64213;

    @TempDir
    static Path tmp;
    static SandboxBinaries bins;
    static Arena arena;
    static ContainerExecutor executor;

    @BeforeAll
    static void setUp() {
        EscapeMatrixTest.requireArena();
        Require.capability("docker", DockerEngine.availability());
        Path jail = TestHome.home().nativeBuild().resolve("bin/sb-jail");
        // As `sandbench escapes` does: in java.io.tmpdir, which the sandbox uid can traverse (a @TempDir is 0700).
        Path shared = Path.of(System.getProperty("java.io.tmpdir"));
        bins = SandboxBinaries.forUid(TestHome.home().nativeBuild(), shared);
        arena = Arena.create(shared, UID, UID + 1, new JailRunner(jail).probe(), bins.dir().resolve("bin/sb-victim"),
                bins.dir().resolve("bin/sb-marker"));
        Path build = TestHome.home().nativeBuild(), staged = bins.dir();
        UnaryOperator<Path> inBuild = p -> p.startsWith(staged) ? build.resolve(staged.relativize(p)) : p;
        executor = new ContainerExecutor(jail, new ContainerBackend(TestHome.home(), TestHome.syscalls(), 0), inBuild,
                Duration.ofSeconds(3));
        executor.image();
    }

    @AfterAll
    static void tearDown() {
        if (arena != null)
            arena.close();
        if (bins != null)
            bins.close();
    }

    record Ran(Observation obs, Evidence.Facts facts) {
    }

    static Ran run(String binary, ContainerPolicy policy, int timeoutMs, String... args) {
        Arena.Run run = arena.prepare(Set.of());
        Map<String, String> env = arena.attemptEnv(run);
        Path exe = bins.dir().resolve(binary);
        String config = arena.jailConfig(run, env, List.of(exe.toString()), timeoutMs, true);
        Observation o = executor.run(config, new ContainerExecutor.Launch(policy, exe, arena.ws(), env, arena.ws().toString(),
                UID, UID, timeoutMs, List.of(args)));
        return new Ran(o, new Evidence.Facts(o, run.tokens(), run.before(), arena.snapshot(run.watched()), UID, UID + 1));
    }

    static ContainerPolicy unconfined() {
        return new ContainerPolicy("test", ContainerPolicy.Seccomp.UNCONFINED, null, "none", Optional.empty(), false);
    }

    static String raw(Observation o) {
        return String.join("\n", o.raw());
    }

    @Test
    void aHeldAttemptIsInspectedByTheJailThenResumed() {
        Ran r = run("escapes/kas05-io-uring", unconfined(), 5000);
        Observation o = r.obs();
        assertEquals(Optional.empty(), o.jailError(), () -> raw(o));
        assertEquals(Optional.of(0), o.exitCode(), () -> raw(o));
        // PID 1 of its own PID namespace, proving its own state (no launcher in a container).
        assertTrue(o.attempt().contains("SBX start pid=1 mode=retrofit"), () -> raw(o));
        assertTrue(o.attempt().stream().anyMatch(l -> l.startsWith("SB1 proof seccomp_mode=0 seccomp_filters=0 nnp=0")), () -> raw(o));
        assertTrue(o.raw().contains("J fd n=4 target=anon_inode:[io_uring]") || o.raw().stream()
                .anyMatch(l -> l.startsWith("J fd ") && l.endsWith("anon_inode:[io_uring]")), () -> raw(o));
        List<String> order = o.raw().stream().filter(l -> l.equals("A SBX hold") || l.startsWith("J stopped") || l.equals("J held")
                || l.equals("A SBX held")).toList();
        assertEquals(List.of("A SBX hold", "J stopped signal=0 external=1", "J held", "A SBX held"), order, () -> raw(o));
        assertEquals(Verdict.ESCAPED, Judge.judge(AttemptMetadataTest.corpus().get("KAS-05"), r.facts(), Optional.empty()).verdict());
        assertTrue(o.raw().stream().anyMatch(l -> l.startsWith("C container seccomp=unconfined; engine security options [seccomp=unconfined]")),
                () -> raw(o));
    }

    @Test
    void aNewUserNamespaceInsideTheContainerIsSeen() {
        Ran r = run("escapes/priv02-userns", unconfined(), 5000);
        assertTrue(r.obs().raw().stream().anyMatch(l -> l.startsWith("J ns user=new ")), () -> raw(r.obs()));
        Judge.Outcome unconfined = Judge.judge(AttemptMetadataTest.corpus().get("PRIV-02"), r.facts(), Optional.empty());
        assertEquals(Verdict.ESCAPED, unconfined.verdict());
        // Under Docker's default profile unshare fails: nothing to inspect, and the evidence says so.
        ContainerPolicy stock = new ContainerPolicy("test", ContainerPolicy.Seccomp.ENGINE_DEFAULT, null, "engine", Optional.empty(), false);
        Ran d = run("escapes/priv02-userns", stock, 5000);
        assertTrue(d.obs().attempt().contains("SBX step op=unshare rc=-1 errno=1 name=EPERM"), () -> raw(d.obs()));
        assertTrue(d.obs().attempt().stream().anyMatch(l -> l.startsWith("SB1 proof seccomp_mode=2 seccomp_filters=1 nnp=0")));
        assertEquals(Verdict.BLOCKED, Judge.judge(AttemptMetadataTest.corpus().get("PRIV-02"), d.facts(), Optional.of(unconfined)).verdict());
    }

    @Test
    void aContainerTheRuntimeRefusesIsNoRun() {
        // A profile that denies everything: runc's own last steps fail (EPERM) and it reports the container stopped.
        // (Not SCMP_ACT_KILL: that kills one thread of runc's Go init, whose other threads then wait forever, and so
        // does the engine's start call; seen with runc 1.1.5.)
        ContainerPolicy deadly = new ContainerPolicy("test", ContainerPolicy.Seccomp.PROFILE,
                "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":[\"SCMP_ARCH_X86_64\"],\"syscalls\":[]}", "deny-all",
                Optional.empty(), true);
        Ran r = run("escapes/fs01-open-abs", deadly, 5000);
        assertTrue(r.obs().jailError().orElse("").startsWith("executor: the_container_did_not_start"), () -> raw(r.obs()));
        assertTrue(r.obs().complete(), "the jail still reports the arena (and stops its victim)");
        assertTrue(r.obs().attempt().isEmpty());
    }

    @Test
    void anAttemptThatOutlivesItsTimeIsKilled() {
        // pause(2) (x86-64 number 34) never returns: the executor kills the container at 0.3 s + the start allowance.
        Ran r = run("bin/sb-rawsys", unconfined(), 300, "34");
        Observation o = r.obs();
        assertEquals(Optional.empty(), o.jailError(), () -> raw(o));
        assertTrue(o.attemptTimedOut() && o.raw().contains("J timeout ms=300"), () -> raw(o));
        assertEquals(Optional.of(9), o.signal(), () -> raw(o));
    }
}

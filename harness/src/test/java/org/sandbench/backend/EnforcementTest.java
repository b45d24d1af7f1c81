package org.sandbench.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.host.Commands;
import org.sandbench.models.CompileContext;
import org.sandbench.models.Mode;
import org.sandbench.models.ModelRegistry;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyLoader;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.testing.TestHome;

/**
 * Live-kernel behaviour table: each row compiles a policy for a model, applies it
 * with the real launcher, performs one operation with sb-try and compares what the
 * kernel answered.  These are the only tests here that need seccomp and Landlock.
 */
class EnforcementTest {
    static final Map<String, String> POLICIES = Map.of(
            "reader", "promises: [stdio, rpath, inet]\nfilesystem: [{path: '${work}/allowed', access: [read]}]\n"
                    + "network: [{port: '${port.open}', access: [connect]}]\n",
            "writer", "promises: [stdio, rpath, wpath, cpath]\n"
                    + "filesystem: [{path: '${work}/allowed', access: [read, write, create, remove]}]\n");

    @TempDir
    static Path work;
    static ServerSocket listener;
    static int closedPort;

    @BeforeAll
    static void arena() throws IOException {
        Files.createDirectories(work.resolve("allowed"));
        Files.createDirectories(work.resolve("outside"));
        Files.writeString(work.resolve("allowed/file"), "allowed\n");
        Files.writeString(work.resolve("outside/secret"), "secret\n");
        Files.writeString(work.resolve("outside/landlock-probe"), "probe\n");
        listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // model          | policy | operation                            | kernel's answer
        "none             | reader | open ${work}/outside/secret r        | ok",
        "none             | reader | connect-tcp ${port.closed}           | errno 111",
        "seccomp          | reader | getpid                               | ok",
        "seccomp          | reader | open ${work}/outside/secret r        | ok",        // seccomp cannot see paths
        "seccomp          | reader | open ${work}/allowed/file w          | sigsys 257", // rpath alone: openat only with O_RDONLY
        "seccomp          | reader | mkdir ${work}/allowed/d              | sigsys 83",
        "seccomp          | writer | mkdir ${work}/allowed/d2             | ok",
        "seccomp          | reader | udp-send ${port.closed}              | ok",
        "landlock         | reader | open ${work}/allowed/file r          | ok",
        "landlock         | reader | open ${work}/outside/secret r        | errno 13",
        "landlock         | reader | open ${work}/allowed/file w          | errno 13",
        "landlock         | reader | mkdir ${work}/allowed/d3             | errno 13",
        "landlock         | reader | stat ${work}/outside/secret          | ok",        // stat is not mediated
        "landlock         | reader | udp-send ${port.closed}              | ok",        // UDP is not mediated
        "landlock         | reader | connect-tcp ${port.open}             | ok",
        "landlock         | reader | connect-tcp ${port.closed}           | errno 13",  // ABI 4: denied before the TCP stack answers
        "landlock         | writer | mkdir ${work}/allowed/d4             | ok",
        "landlock         | writer | unlink ${work}/outside/secret        | errno 13",
        "seccomp+landlock | reader | open ${work}/outside/secret r        | errno 13",
        "seccomp+landlock | reader | open ${work}/allowed/file w          | sigsys 257", // seccomp runs before the LSM hook
        "seccomp+landlock | reader | getpid                               | ok",
    })
    void kernelAnswers(String model, String policy, String operation, String expected) {
        if (model.contains("seccomp"))
            TestHome.requireSeccomp();
        if (model.contains("landlock"))
            TestHome.requireLandlock();
        Bindings b = Bindings.of(Map.of("work", work.toString(), "port.open", Integer.toString(listener.getLocalPort()),
                "port.closed", Integer.toString(closedPort)));
        Policy p = PolicyLoader.parse(policy + ".yaml", POLICIES.get(policy), Policy.class);
        String exe = TestHome.home().nativeBuild().resolve("bin/sb-try").toString();
        CompileContext ctx = new CompileContext("sb-try", Mode.RETROFIT, b, exe, work.resolve("outside/landlock-probe").toString(),
                SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults());
        LaunchPlan plan = (LaunchPlan) ModelRegistry.linuxHost().get(model).compile(p, ctx);
        List<String> cmd = new ArrayList<>();
        cmd.add(exe);
        for (String part : b.resolve(operation).split(" "))
            cmd.add(part);
        Commands.Result r = TestHome.launch(plan.render(), cmd);
        List<String> answers = r.out().lines().filter(l -> !l.startsWith("SB1 ")).toList();
        assertEquals(List.of(expected), answers, () -> "launcher output:\n" + r.out() + r.err());
        if (model.contains("landlock"))
            assertTrue(r.out().contains("SB1 proof landlock_probe=denied"), () -> "no Landlock proof:\n" + r.out());
    }
}

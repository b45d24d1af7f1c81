package org.sandbench.backend.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.host.Commands;
import org.sandbench.models.CompileContext;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.models.Mode;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.oci.ContainerModel;
import org.sandbench.models.oci.ContainerPolicy;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyLoader;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/**
 * The round trip, live: a policy compiled by the native seccomp model and applied by the
 * launcher, and the same policy exported as an OCI profile and applied by Docker (runc,
 * no-new-privileges), each running one sb-try operation on the same bind-mounted arena.
 * Every row asserts what the kernel answered natively and that the container agrees.
 *
 * <p>The disagreements are the rows marked with a container outcome, each a property of the
 * runtime, not of the export: the exported profile also allows what runc does after loading
 * it (the _oci-runtime group: openat with exactly O_RDONLY|O_CLOEXEC or O_WRONLY|O_CLOEXEC,
 * among calls these policies allow anyway; OciExportTest proves it adds nothing else); runc
 * prepends a stub that answers ENOSYS above the highest call a profile names; and Docker
 * before 23.0 drops defaultErrnoRet.
 */
class RoundTripAgreementTest {
    static final Map<String, String> POLICIES = Map.of(
            "stdio", "promises: [stdio]\n",
            "reader", "promises: [stdio, rpath, inet]\n",
            "writer", "promises: [stdio, rpath, wpath, cpath]\nseccomp: {default: kill-process}\n",
            "errno", "promises: [stdio, rpath]\nseccomp: {default: errno(13)}\n",
            "threads", "promises: [stdio, thread]\n");

    @TempDir
    static Path work;
    static int closedPort;
    static ContainerRunner runner;
    static String image;
    static String sbTry;
    static String rawsys;

    @BeforeAll
    static void arena() throws IOException {
        TestHome.requireSeccomp();
        Require.capability("docker", DockerEngine.availability());
        Files.createDirectories(work.resolve("allowed"));
        Files.createDirectories(work.resolve("outside"));
        Files.writeString(work.resolve("allowed/file"), "allowed\n");
        Files.writeString(work.resolve("outside/secret"), "secret\n");
        for (String side : List.of("native", "container"))
            Files.writeString(work.resolve("allowed/victim-" + side), "victim\n");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        runner = new ContainerRunner();
        NativeImage img = NativeImage.of(TestHome.home().nativeBuild());
        image = img.ensure(DockerEngine.client());
        sbTry = img.pathInImage(TestHome.home().nativeBuild().resolve("bin/sb-try")).orElseThrow();
        rawsys = img.pathInImage(TestHome.home().nativeBuild().resolve("bin/sb-rawsys")).orElseThrow();
    }

    @ParameterizedTest(name = "{0}: {1} -> native {2}, container {3}")
    @CsvSource(delimiter = '|', value = {
        // policy | operation (sb-try)                       | native (kernel's answer) | container ('=' agrees)
        "stdio    | getpid                                   | ok            | =",
        "stdio    | stat ${work}/allowed/file                | ok            | =",
        "stdio    | mkdir ${work}/allowed/d-${side}          | sigsys 83     | =",
        "stdio    | open ${work}/allowed/file rw             | sigsys 257    | =",
        "stdio    | open ${work}/allowed/file r              | sigsys 257    | ok",   // runc's openat O_RDONLY|O_CLOEXEC
        "stdio    | open ${work}/allowed/file w              | sigsys 257    | ok",   // runc's exec fifo O_WRONLY|O_CLOEXEC
        "stdio    | connect-tcp ${port}                      | sigsys 41     | =",
        "stdio    | exec ${work}/missing                     | errno 2       | =",
        "reader   | open ${work}/allowed/file r              | ok            | =",
        "reader   | open ${work}/outside/secret r            | ok            | =",    // seccomp cannot see paths
        "reader   | open ${work}/allowed/file w              | sigsys 257    | ok",   // runc's exec fifo
        "reader   | open ${work}/allowed/new-${side} creat   | sigsys 257    | =",
        "reader   | unlink ${work}/allowed/victim-${side}    | sigsys 87     | =",
        "reader   | connect-tcp ${port}                      | errno 111     | =",
        "reader   | bind-tcp ${port}                         | ok            | =",
        "reader   | udp-send ${port}                         | ok            | =",
        "writer   | mkdir ${work}/allowed/d-${side}          | ok            | =",
        "writer   | open ${work}/allowed/new-${side} creat   | ok            | =",
        "writer   | unlink ${work}/allowed/victim-${side}    | ok            | =",
        "writer   | connect-tcp ${port}                      | killed SIGSYS | =",    // default kill-process
        "errno    | getpid                                   | ok            | =",
        "errno    | open ${work}/allowed/file w              | errno 13      | ok",   // runc's exec fifo
        // Docker passes defaultErrnoRet to runc from 23.0 on (moby#42604); 20.10 drops it: EPERM.
        "errno    | mkdir ${work}/allowed/d2-${side}         | errno 13      | =default-errno",
        // clone3 -> ENOSYS by the thread group's rule, so that glibc falls back to clone; errnoRet is passed.
        "threads  | rawsys 435 0 0                           | errno 38      | =",
        // io_uring_setup: above the profile's highest call (rseq, 334), where runc's stub answers ENOSYS.
        "stdio    | rawsys 425 0 0                           | sigsys 425    | errno 38",
        "stdio    | rawsys 39                                | ok            | =",    // getpid
    })
    void exportedProfileAgreesWithTheNativeModel(String policyName, String op, String nativeExpected, String container) {
        Policy policy = PolicyLoader.parse(policyName, POLICIES.get(policyName), Policy.class);
        CompileContext ctx = new CompileContext(policyName, Mode.RETROFIT, Bindings.of(Map.of("work", work.toString())),
                "sb-try", work.resolve("outside/landlock-probe").toString(), SeccompCompiler.Options.defaults(),
                LandlockCompiler.Options.defaults());

        LaunchPlan plan = LinuxLaunchModel.SECCOMP.compile(policy, ctx);
        String tool = op.startsWith("rawsys ") ? "bin/sb-rawsys" : "bin/sb-try";
        Commands.Result n = TestHome.launch(plan.render(), command(TestHome.home().nativeBuild().resolve(tool).toString(),
                op, "native"));
        String nativeOutcome = outcome(n.out(), n.exit());
        assertEquals(nativeExpected, nativeOutcome, "native: " + n.err());

        ContainerPolicy cp = ContainerModel.DOCKER_SECCOMP.compile(policy, ctx);
        ContainerRunner.Outcome c = runner.run(new ContainerRunner.Invocation(image,
                command(op.startsWith("rawsys ") ? rawsys : sbTry, op, "container"),
                cp.securityOpts(), List.of(new ContainerRunner.Mount(work, work.toString(), false)), null, null, null,
                Map.of(), Duration.ofSeconds(60)));
        assertEquals(null, c.startError(), "the container started");
        String containerOutcome = outcome(String.join("\n", c.stdout()), c.exitCode());
        String expected = switch (container) {
            case "=" -> nativeOutcome;
            case "=default-errno" -> DockerEngine.passesDefaultErrnoRet() ? nativeOutcome : "errno 1";
            default -> container;
        };
        assertEquals(expected, containerOutcome,
                "container (profile sha256 " + cp.profileDigest() + "): " + c.stderr());
    }

    static List<String> command(String exe, String op, String side) {
        List<String> l = new ArrayList<>();
        l.add(exe);
        String[] words = op.split("\\s+");
        for (String w : op.startsWith("rawsys ") ? java.util.Arrays.copyOfRange(words, 1, words.length) : words)
            l.add(w.replace("${work}", work.toString()).replace("${side}", side).replace("${port}", Integer.toString(closedPort)));
        return l;
    }

    /** sb-try's one line (the launcher's SB1 lines aside), or how the process ended when it could not print one. */
    static String outcome(String out, int exit) {
        String first = out.strip().lines().filter(l -> !l.startsWith("SB1 ")).findFirst().orElse("");
        if (!first.isEmpty())
            return first;
        return exit == 128 + 31 ? "killed SIGSYS" : "exit " + exit;
    }
}

package org.sandbench.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sandbench.backend.SyscallTable;
import org.sandbench.harness.Home;
import org.sandbench.host.Commands;
import org.sandbench.host.HostProbe;
import org.sandbench.models.HostFacts;

/** The checkout under test and facts about this host, shared by the tests. */
public final class TestHome {
    private static Home home;
    private static SyscallTable syscalls;
    private static HostFacts facts;

    private TestHome() {
    }

    public static synchronized Home home() {
        if (home == null)
            home = Home.locate();
        return home;
    }

    public static synchronized SyscallTable syscalls() {
        if (syscalls == null)
            syscalls = SyscallTable.load(home().launcher());
        return syscalls;
    }

    public static synchronized HostFacts facts() {
        if (facts == null)
            facts = new HostProbe(home()).facts();
        return facts;
    }

    public static void requireLandlock() {
        Require.capability("landlock", facts().landlockAbi() >= 1, facts().landlockReason());
    }

    public static void requireSeccomp() {
        Require.capability("seccomp", facts().seccompFilter(), facts().seccompReason());
    }

    /** Runs the launcher with a plan text and a command; returns its stdout. */
    public static Commands.Result launch(String plan, List<String> command) {
        try {
            Path f = Files.createTempFile("sandbench-test", ".plan");
            try {
                Files.writeString(f, plan);
                List<String> cmd = new java.util.ArrayList<>(List.of(home().launcher().toString(), "--plan", f.toString(), "--"));
                cmd.addAll(command);
                return Commands.run(cmd, 30_000);
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scratch copy of the checkout's workloads with the native build linked in, for tests that edit manifests. */
    public static Path scratchHome(Path tmp) {
        try {
            Path root = tmp.resolve("home");
            Files.createDirectories(root.resolve("native"));
            Files.createSymbolicLink(root.resolve("native/build"), home().nativeBuild());
            copyTree(home().workloads(), root.resolve("workloads"));
            Files.createDirectories(root.resolve("results"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p))
                    Files.createDirectories(t);
                else
                    Files.copy(p, t);
            }
        }
    }
}

package org.sandbench.escapes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.sandbench.backend.container.ContainerBackend;
import org.sandbench.backend.container.ContainerRunner;
import org.sandbench.host.ChildProcess;
import org.sandbench.models.oci.ContainerPolicy;

/**
 * Runs an attempt in a Docker container while the arena stays on the host (docs/escapes.md,
 * "Attempts in containers").  sb-jail sets the arena up in external mode (victim, listeners,
 * SysV segment, in its own namespaces as for every run) and says what the attempt's environment
 * needs from it; the attempt then runs through {@link ContainerRunner} as the container's
 * process, as the sandbox uid, with the arena's work tree bind-mounted at its own path, the
 * profile of the column, Docker's own PID, IPC and UTS namespaces and a network namespace that
 * holds only loopback ({@code --network none}).  Every line it writes goes back to the jail as
 * it is written, so the jail frames it ("A"/"E"), honours its backdoor probe, and inspects it at
 * {@code SBX hold}; when the container has ended the jail collects the evidence as after any
 * run.  The {@link Observation} is the jail's, and the {@link Judge} does not know the
 * difference.
 */
public final class ContainerExecutor {
    /**
     * The jail's rlimits (sb_jail.c, set_limits) by Docker's names.  RLIMIT_AS has no Docker
     * name (go-units' ulimit table); the container has no memory limit instead.
     */
    static final Map<String, Long> LIMITS = Map.of("core", 0L, "cpu", 10L, "fsize", 16L << 20, "memlock", 8L << 20,
            "nofile", 256L, "nproc", 128L);
    /** Creating and starting a container on top of the attempt's own time limit. */
    static final Duration START_ALLOWANCE = Duration.ofSeconds(10);
    /** How long the jail may take to set the arena up, or to inspect a held attempt. */
    static final long JAIL_STEP_MS = 15_000;

    /**
     * One attempt's container.
     *
     * @param binary the attempt's program on the host (in the image when it is part of native/build)
     * @param env    the environment the arena gives an attempt (Arena.attemptEnv)
     * @param cwd    the attempt's working directory (the arena's ws/)
     * @param args   its arguments (attempts take none)
     */
    public record Launch(ContainerPolicy policy, Path binary, Path workTree, Map<String, String> env, String cwd, int uid,
                         int gid, int timeoutMs, List<String> args) {
        public Launch {
            env = Map.copyOf(env);
            args = List.copyOf(args);
        }
    }

    private final Path jail;
    private final ContainerBackend backend;
    private final UnaryOperator<Path> inBuild;
    private final Duration startAllowance;
    private final ContainerRunner runner = new ContainerRunner();

    /**
     * @param jail    native/build/bin/sb-jail on the host
     * @param backend the image of native/build and where a binary is in it
     * @param inBuild maps a binary the sandbox uid runs (possibly a staged copy) to native/build,
     *                so that the image's copy is used
     */
    public ContainerExecutor(Path jail, ContainerBackend backend, UnaryOperator<Path> inBuild) {
        this(jail, backend, inBuild, START_ALLOWANCE);
    }

    /** @param startAllowance the time a container may take to start, on top of the attempt's limit */
    ContainerExecutor(Path jail, ContainerBackend backend, UnaryOperator<Path> inBuild, Duration startAllowance) {
        this.jail = jail;
        this.backend = backend;
        this.inBuild = inBuild;
        this.startAllowance = startAllowance;
    }

    /** Builds the image now (once per native build), so that the first attempt does not pay for it. */
    public String image() {
        return backend.image();
    }

    /**
     * @param jailConfig the arena's configuration for the jail in external mode (Arena.jailConfig(..., true))
     */
    public Observation run(String jailConfig, Launch l) {
        JailSession j = JailSession.start(jail, jailConfig);
        if (j == null)
            return Observation.parse(List.of("J error op=start errno=0 message=cannot-start-" + jail.getFileName()), -1, false);
        try {
            List<String> ready = j.awaitLine(s -> s.equals("J waiting") || s.startsWith("J error") || s.equals("J end"),
                    JAIL_STEP_MS);
            if (ready == null || !ready.get(ready.size() - 1).equals("J waiting"))
                return j.finish(null);
            Map<String, String> env = new LinkedHashMap<>(l.env());
            for (String s : ready)
                if (s.startsWith("J attempt-env ")) {
                    String kv = s.substring("J attempt-env ".length());
                    int eq = kv.indexOf('=');
                    if (eq > 0)
                        env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            // The container's own namespaces, not the jail's: Docker always gives a PID namespace, and
            // --network none a network namespace holding only loopback (IPC-03 checks SBX_PIDNS before kill(-1)).
            env.put("SBX_PIDNS", "1");
            env.put("SBX_NETNS", "1");
            env.put("SBX_HOLD", "signal");
            env.put("SBX_PROOF_SELF", "1");
            List<ContainerRunner.Mount> mounts = new ArrayList<>();
            mounts.add(new ContainerRunner.Mount(l.workTree(), l.workTree().toString(), false));
            List<String> cmd = new ArrayList<>();
            cmd.add(backend.binaryPath(inBuild.apply(l.binary()), mounts));
            cmd.addAll(l.args());
            ContainerRunner.Invocation inv = new ContainerRunner.Invocation(backend.image(), cmd,
                    l.policy().securityOpts(), mounts, l.uid() + ":" + l.gid(), "none", null, env,
                    Duration.ofMillis(l.timeoutMs()).plus(startAllowance), l.cwd(), LIMITS);
            ContainerRunner.Outcome o = runner.run(inv, (stream, line, running) -> {
                j.send((stream == ContainerRunner.Stream.STDOUT ? "A " : "E ") + line);
                if (stream == ContainerRunner.Stream.STDOUT && line.equals("SBX hold")) {
                    // An inspection that did not happen makes the run unjudgeable (J error), never a verdict.
                    try {
                        j.send("hold pid=" + running.hostPid());
                        if (j.awaitLine(s -> s.equals("J held"), JAIL_STEP_MS) == null)
                            j.send("fail the jail did not answer the hold");
                    } catch (RuntimeException e) {
                        j.send("fail cannot inspect the held attempt: " + e.getMessage());
                    } finally {
                        try {
                            running.signal("SIGUSR1");
                        } catch (RuntimeException gone) {
                            // the container ended meanwhile: its exit says how
                        }
                    }
                }
            });
            j.note("container " + l.policy().describe() + "; engine security options " + o.security()
                    + String.format("; %.0f ms", o.wallNs() / 1e6));
            if (!o.started()) {
                j.send("fail the container did not start: " + o.startError());
                return j.finish(null);
            }
            if (o.timedOut())
                j.send("timeout");
            // Docker's convention: 128+N after death by signal N (the attempts exit with 0, 2 or 4).
            j.send(o.exitCode() > 128 && o.exitCode() <= 128 + 64 ? "exit signal=" + (o.exitCode() - 128)
                    : "exit code=" + o.exitCode());
            return j.finish("done");
        } catch (RuntimeException e) {
            j.send("fail " + e);
            return j.finish(null);
        }
    }

    /** One sb-jail process in external mode: its lines as they come, commands on its stdin. */
    private static final class JailSession {
        private final ChildProcess p;
        private final OutputStream in;
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<String> notes = new ArrayList<>();

        private JailSession(ProcessBuilder pb) throws IOException {
            this.p = ChildProcess.start(pb, "jail", queue::add);
            this.in = p.stdin();
        }

        static JailSession start(Path jail, String config) {
            ProcessBuilder pb = new ProcessBuilder(jail.toString());
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin");
            try {
                JailSession s = new JailSession(pb);
                s.write(config);
                return s;
            } catch (IOException e) {
                return null;
            }
        }

        private synchronized void write(String text) {
            try {
                in.write(text.getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                // the jail is gone: its exit code and lines say why
            }
        }

        /** One command line; newlines inside it cannot start another command. */
        void send(String command) {
            write(command.replace('\n', ' ').replace('\r', ' ') + "\n");
        }

        void note(String text) {
            synchronized (notes) {
                notes.add("C " + text);
            }
        }

        /** The lines seen until one matches (inclusive), or null at the timeout or the jail's exit. */
        List<String> awaitLine(java.util.function.Predicate<String> match, long timeoutMs) {
            List<String> seen = new ArrayList<>();
            long end = System.nanoTime() + timeoutMs * 1_000_000;
            try {
                while (true) {
                    long left = end - System.nanoTime();
                    if (left <= 0)
                        return null;
                    String l = queue.poll(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS);
                    if (l == null) {
                        if (!p.isAlive() && queue.isEmpty() && !p.reading())
                            return null;
                        continue;
                    }
                    seen.add(l);
                    if (match.test(l))
                        return seen;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** Ends the session (after a last command), and returns what the jail reported. */
        Observation finish(String last) {
            if (last != null)
                send(last);
            try {
                in.close();
            } catch (IOException ignored) {
                // already closed by the jail's exit
            }
            boolean killed = p.awaitExit(JAIL_STEP_MS);
            List<String> all = new ArrayList<>(p.lines());
            synchronized (notes) {
                all.addAll(notes);
            }
            for (String l : p.stderrLines())
                all.add("X " + l);
            return Observation.parse(all, p.exitCode(), killed);
        }
    }
}

package org.sandbench.backend.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.DockerStatus;

/**
 * Runs one process in a fresh container and returns what it printed and how it ended:
 * the container-side counterpart of {@code LocalBackend.execute}, shared by the overhead
 * trials ({@link ContainerBackend}) and by anything else that must run one binary under a
 * container model (the escape attempts: docs/containers.md, "Escape attempts").
 *
 * <p>The lifecycle is Testcontainers': create with the invocation's security options,
 * mounts, user and network, start, wait for the exit (any exit code is a result, not a
 * startup failure), read the logs, remove the container.  Never throws for a failing
 * process; a container the runtime refused to start is an outcome with {@code startError}.
 */
public final class ContainerRunner {

    /** A host path made visible in the container, at {@code containerPath}. */
    public record Mount(Path host, String containerPath, boolean readOnly) {
    }

    /**
     * @param securityOpts Docker's HostConfig.SecurityOpt ("seccomp=...", "no-new-privileges")
     * @param user         "uid:gid", or null for the image's default (root)
     * @param networkMode  "none", "host", "bridge", or null for Docker's default (bridge)
     * @param cpuset       cpuset.cpus for the container ("1"), or null
     * @param workdir      the process's working directory, or null for the image's ("/")
     * @param ulimits      resource limits by Docker's names ("nofile", "nproc", "cpu", "fsize"...), soft = hard
     */
    public record Invocation(String image, List<String> command, List<String> securityOpts, List<Mount> mounts,
                             String user, String networkMode, String cpuset, Map<String, String> env,
                             Duration timeout, String workdir, Map<String, Long> ulimits) {
        public Invocation {
            command = List.copyOf(command);
            securityOpts = List.copyOf(securityOpts);
            mounts = List.copyOf(mounts);
            env = Map.copyOf(env);
            ulimits = Map.copyOf(ulimits);
        }

        /** The image's working directory, no resource limits beyond the engine's defaults. */
        public Invocation(String image, List<String> command, List<String> securityOpts, List<Mount> mounts,
                          String user, String networkMode, String cpuset, Map<String, String> env, Duration timeout) {
            this(image, command, securityOpts, mounts, user, networkMode, cpuset, env, timeout, null, Map.of());
        }
    }

    /** Which of the process's streams a line came from. */
    public enum Stream { STDOUT, STDERR }

    /** The running container, as a {@link LineWatcher} may act on it. */
    public interface Running {
        /** The container's process as the engine's PID namespace numbers it (State.Pid). */
        long hostPid();

        /** Sends a signal ("SIGUSR1") to the container's process, as {@code docker kill --signal} does. */
        void signal(String signal);
    }

    /**
     * Sees each line the container's process writes while it runs, in order per stream
     * (Docker's log stream, followed from the start).  Called on one thread; the process
     * goes on meanwhile, unless it waits for what the watcher does.
     */
    public interface LineWatcher {
        void line(Stream stream, String line, Running container);
    }

    /**
     * @param exitCode   the process's exit code, 128+N after signal N (Docker's convention), -1 if it never ran
     * @param startError why the runtime did not start the container (runc refused the profile...), else null
     * @param security   the security options the engine recorded for the container (HostConfig.SecurityOpt,
     *                   profile JSON abbreviated)
     */
    public record Outcome(int exitCode, List<String> stdout, String stderr, boolean timedOut, long wallNs,
                          String startError, List<String> security) {
        public Outcome {
            stdout = List.copyOf(stdout);
            security = List.copyOf(security);
        }

        public boolean started() {
            return startError == null;
        }
    }

    /** Started, or already exited with any code: a one-shot process's exit is its result. */
    static final class StartedOrExited extends StartupCheckStrategy {
        private Duration limit = Duration.ofSeconds(60);

        @Override
        public <S extends StartupCheckStrategy> S withTimeout(Duration timeout) {
            limit = timeout;
            return super.withTimeout(timeout);
        }

        @Override
        public StartupStatus checkStartupState(DockerClient client, String id) {
            InspectContainerResponse.ContainerState s = getCurrentState(client, id);
            if (Boolean.TRUE.equals(s.getRunning()) || DockerStatus.isContainerStopped(s))
                return StartupStatus.SUCCESSFUL;
            return StartupStatus.NOT_YET_KNOWN;
        }

        /**
         * Polls every 10 ms.  Testcontainers' own loop goes through a rate limiter shared by every
         * container of the JVM (one state check per second), which made each one-shot container
         * wait about a second after the previous one's check: measured 930 ms per escape attempt
         * against 360 ms for the first one of a run.  A started container is running or exited
         * at the first check, so this costs the engine one or two inspections.
         */
        @Override
        public boolean waitUntilStartupSuccessful(DockerClient client, String id) {
            long end = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < end) {
                switch (checkStartupState(client, id)) {
                    case SUCCESSFUL:
                        return true;
                    case FAILED:
                        return false;
                    default:
                        break;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    public Outcome run(Invocation inv) {
        return run(inv, null);
    }

    /** The same, with every line handed to the watcher as the process writes it. */
    public Outcome run(Invocation inv, LineWatcher watcher) {
        long t0 = System.nanoTime();
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(inv.image()))) {
            c.withCommand(inv.command().toArray(String[]::new))
                    .withLabel("org.sandbench", "one-shot")
                    .withStartupAttempts(1)
                    .withStartupCheckStrategy(new StartedOrExited().withTimeout(Duration.ofSeconds(60)))
                    .withCreateContainerCmdModifier(cmd -> {
                        HostConfig hc = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
                        hc.withSecurityOpts(inv.securityOpts());
                        List<Bind> binds = new ArrayList<>();
                        for (Mount m : inv.mounts())
                            binds.add(new Bind(m.host().toString(), new Volume(m.containerPath()),
                                    m.readOnly() ? AccessMode.ro : AccessMode.rw));
                        hc.withBinds(binds);
                        if (inv.networkMode() != null)
                            hc.withNetworkMode(inv.networkMode());
                        if (inv.cpuset() != null)
                            hc.withCpusetCpus(inv.cpuset());
                        if (!inv.ulimits().isEmpty())
                            hc.withUlimits(inv.ulimits().entrySet().stream().sorted(Map.Entry.comparingByKey())
                                    .map(e -> new Ulimit(e.getKey(), e.getValue(), e.getValue())).toList());
                        cmd.withHostConfig(hc);
                        if (inv.user() != null)
                            cmd.withUser(inv.user());
                        if (inv.workdir() != null)
                            cmd.withWorkingDir(inv.workdir());
                        List<String> env = new ArrayList<>();
                        inv.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                                .forEach(e -> env.add(e.getKey() + "=" + e.getValue()));
                        cmd.withEnv(env);
                    });
            try {
                c.start();
            } catch (RuntimeException e) {
                return new Outcome(-1, List.of(), "", false, System.nanoTime() - t0, startError(e), List.of());
            }
            DockerClient client = c.getDockerClient();
            String id = c.getContainerId();
            Follower follower = watcher == null ? null : follow(client, id, watcher);
            boolean timedOut = false;
            long left = Math.max(1, inv.timeout().toMillis() - (System.nanoTime() - t0) / 1_000_000);
            try {
                client.waitContainerCmd(id).start().awaitStatusCode(left, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                timedOut = true;
                try {
                    client.killContainerCmd(id).exec();
                    client.waitContainerCmd(id).start().awaitStatusCode(10, TimeUnit.SECONDS);
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
            if (follower != null)
                follower.finish();
            long wall = System.nanoTime() - t0;
            InspectContainerResponse info = client.inspectContainerCmd(id).exec();
            Long code = info.getState().getExitCodeLong();
            String out = c.getLogs(OutputFrame.OutputType.STDOUT);
            String err = c.getLogs(OutputFrame.OutputType.STDERR);
            List<String> security = new ArrayList<>();
            List<String> opts = info.getHostConfig().getSecurityOpts();
            for (String o : opts == null ? List.<String>of() : opts)
                security.add(o.startsWith("seccomp={") ? "seccomp=<profile JSON, " + o.length() + " bytes>" : o);
            return new Outcome(code == null ? -1 : code.intValue(), lines(out), tail(err), timedOut, wall, null, security);
        }
    }

    /**
     * Follows the container's log stream from its start (since=0: nothing written before the
     * follower attached is lost) and cuts it into lines per stream.
     */
    private static Follower follow(DockerClient client, String id, LineWatcher watcher) {
        Running running = new Running() {
            private long pid = -1;

            @Override
            public synchronized long hostPid() {
                if (pid <= 0) {
                    Long p = client.inspectContainerCmd(id).exec().getState().getPidLong();
                    pid = p == null ? -1 : p;
                }
                return pid;
            }

            @Override
            public void signal(String signal) {
                client.killContainerCmd(id).withSignal(signal).exec();
            }
        };
        Follower f = new Follower(watcher, running);
        client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).withSince(0).exec(f);
        return f;
    }

    /** Docker's multiplexed log frames, as lines per stream. */
    private static final class Follower extends ResultCallback.Adapter<Frame> {
        private final LineWatcher watcher;
        private final Running running;
        private final StringBuilder out = new StringBuilder(), err = new StringBuilder();

        Follower(LineWatcher watcher, Running running) {
            this.watcher = watcher;
            this.running = running;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            boolean isErr = frame.getStreamType() == StreamType.STDERR;
            StringBuilder b = isErr ? err : out;
            b.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            int nl;
            while ((nl = b.indexOf("\n")) >= 0) {
                String l = b.substring(0, nl);
                b.delete(0, nl + 1);
                deliver(isErr, l);
            }
        }

        private void deliver(boolean isErr, String l) {
            try {
                watcher.line(isErr ? Stream.STDERR : Stream.STDOUT, l.endsWith("\r") ? l.substring(0, l.length() - 1) : l,
                        running);
            } catch (RuntimeException e) {
                // the watcher's failure must not stop the stream; it records what went wrong itself
            }
        }

        /** After the container stopped: the rest of the stream, then an unterminated last line. */
        void finish() {
            try {
                awaitCompletion(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                close();
            } catch (java.io.IOException ignored) {
                // closing a finished stream
            }
            synchronized (this) {
                if (out.length() > 0)
                    deliver(false, out.toString());
                if (err.length() > 0)
                    deliver(true, err.toString());
                out.setLength(0);
                err.setLength(0);
            }
        }
    }

    private static List<String> lines(String s) {
        List<String> l = new ArrayList<>();
        for (String x : s.split("\n", -1))
            if (!x.isEmpty())
                l.add(x.endsWith("\r") ? x.substring(0, x.length() - 1) : x);
        return l;
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    /** The engine's own words (runc's error), not Testcontainers' wrapping, with what it usually means. */
    static String startError(Throwable e) {
        String m = engineMessage(e);
        if (m.contains("cannot start a stopped process") || m.contains("operation not permitted"))
            m += " -- the runtime failed after loading the seccomp profile: a profile must allow what runc does between "
                    + "loading it and exec (the _oci-runtime group, docs/containers.md)";
        return m;
    }

    private static String engineMessage(Throwable e) {
        List<String> msgs = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
            if (t.getMessage() != null && !t.getMessage().isBlank())
                msgs.add(t.getMessage().trim());
        for (int i = msgs.size() - 1; i >= 0; i--)
            if (msgs.get(i).contains("OCI runtime") || msgs.get(i).contains("Error response") || msgs.get(i).contains("{\"message\""))
                return msgs.get(i).replaceAll("\\s+", " ");
        return msgs.isEmpty() ? e.toString() : msgs.get(msgs.size() - 1).replaceAll("\\s+", " ");
    }
}

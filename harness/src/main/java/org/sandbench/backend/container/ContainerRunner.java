package org.sandbench.backend.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
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
     */
    public record Invocation(String image, List<String> command, List<String> securityOpts, List<Mount> mounts,
                             String user, String networkMode, String cpuset, Map<String, String> env,
                             Duration timeout) {
        public Invocation {
            command = List.copyOf(command);
            securityOpts = List.copyOf(securityOpts);
            mounts = List.copyOf(mounts);
            env = Map.copyOf(env);
        }
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
        @Override
        public StartupStatus checkStartupState(DockerClient client, String id) {
            InspectContainerResponse.ContainerState s = getCurrentState(client, id);
            if (Boolean.TRUE.equals(s.getRunning()) || DockerStatus.isContainerStopped(s))
                return StartupStatus.SUCCESSFUL;
            return StartupStatus.NOT_YET_KNOWN;
        }
    }

    public Outcome run(Invocation inv) {
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
                        cmd.withHostConfig(hc);
                        if (inv.user() != null)
                            cmd.withUser(inv.user());
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

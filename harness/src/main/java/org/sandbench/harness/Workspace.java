package org.sandbench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sandbench.models.policy.Bindings;
import org.sandbench.workloads.Manifest;
import org.sandbench.workloads.WorkloadInstance;

/**
 * The per-workload trial workspace: allowed/ for the workload's files, outside/
 * with the Landlock probe (readable without a sandbox, outside every rule), the
 * manifest's fixtures, and the harness services it talks to.  Deleted on close.
 */
public final class Workspace implements AutoCloseable {
    private final Path dir;
    private final List<AutoCloseable> services = new ArrayList<>();

    private Workspace(Path dir) {
        this.dir = dir;
    }

    private Bindings bindings;

    /** Where an in-memory workspace goes (a tmpfs on every Linux this runs on). */
    static final Path MEMORY = Path.of("/dev/shm");

    /** The parent of a workload's workspace: {@code disk} is the given folder, {@code memory} /dev/shm. */
    public static Path parentFor(Manifest m, Path disk) {
        if (!m.workspace().equals("memory"))
            return disk;
        if (!Files.isDirectory(MEMORY) || !Files.isWritable(MEMORY))
            throw SandbenchException.missing("workload " + m.workload() + " needs an in-memory workspace and " + MEMORY
                    + " is not a writable directory here (mount a tmpfs there: mount -t tmpfs tmpfs /dev/shm)");
        return MEMORY;
    }

    public static Workspace create(Path parent, WorkloadInstance w) {
        Workspace ws = null;
        try {
            ws = new Workspace(Files.createTempDirectory(parent, w.id() + "-"));
            Files.createDirectories(ws.dir.resolve("allowed"));
            Files.createDirectories(ws.dir.resolve("outside"));
            Files.writeString(ws.dir.resolve("outside/landlock-probe"), "a file outside every rule\n");
            Map<String, String> b = new LinkedHashMap<>();
            b.put("work", ws.dir.toString());
            // The JDK the harness runs on, which JVM workloads' forks run on too.
            b.put("java.home", System.getProperty("java.home"));
            w.params().forEach((k, v) -> b.put("param." + k, v));
            for (String s : w.manifest().services())
                b.put("port." + s, Integer.toString(ws.startService(s)));
            ws.bindings = Bindings.of(b);
            for (Manifest.Fixture f : w.manifest().fixtures()) {
                if (f.dir() != null) {
                    Files.createDirectories(Path.of(ws.bindings.resolve(f.dir())));
                } else {
                    Path file = Path.of(ws.bindings.resolve(f.file()));
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, "sandbench fixture\n");
                }
            }
            return ws;
        } catch (IOException e) {
            if (ws != null)
                ws.close();
            throw new UncheckedIOException(e);
        }
    }

    private int startService(String name) throws IOException {
        if (name.equals("udp-sink")) {
            // Never drained: a full receive queue drops datagrams and sendto(2) still succeeds,
            // while a draining thread would compete with the workload for the two cores.
            DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            services.add(ch);
            return ((InetSocketAddress) ch.getLocalAddress()).getPort();
        }
        if (name.equals("jmh-link") || name.equals("echo-port")) {
            // A free loopback TCP port, released at once for the JVM workload to bind moments later
            // (another process could take it in between; the trial then fails and says so).
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }
        throw SandbenchException.usage("unknown service " + name);
    }

    public Path dir() {
        return dir;
    }

    public Bindings bindings() {
        return bindings;
    }

    public String probe() {
        return dir.resolve("outside/landlock-probe").toString();
    }

    @Override
    public void close() {
        for (AutoCloseable s : services) {
            try {
                s.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        Trees.deleteQuietly(dir);
    }
}

package org.sandbench.escapes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.sandbench.models.policy.Bindings;

/**
 * The per-run arena (catalogue: "Safe targets only"): a private directory under the system's
 * temporary directory holding
 * <pre>
 *   ws/                root, 0755: the attempt's cwd (outside the allowed tree)
 *   ws/allowed/        sandbox uid: file (token), link -> ../secret/canary
 *   ws/secret/         sandbox uid: canary, tomb, held, leaked, sbx-TOKEN (a name that is a token)
 *   ws/outside/        sandbox uid: landlock-probe, harness.sock (the jail's listener)
 *   ws/bin/marker      root, 0711: the executable outside the allowed tree (prints its token)
 *   ws/tools/suid-id   second uid, 4711: the setuid binary (prints its token and euid)
 *   plans/             root: the compiled plans
 * </pre>
 * Files are owned by the sandbox uid so that only the sandbox can be what stops an attempt
 * (catalogue: "Canary ownership matters").  allowed/, secret/ and outside/ are replanted with
 * fresh tokens before every run ({@link #prepare}); the markers keep theirs for the whole
 * arena.  Victims, listeners, the pty and the SysV segment belong to the jail, one set per run.
 * {@link #close} deletes the directory; nothing outside it is created.
 */
public final class Arena implements AutoCloseable {
    /** Fixed ports inside the jail's own network namespace (nothing else listens there). */
    public static final int PORT_ALLOWED = 40001, PORT_FORBIDDEN = 40002, PORT_BACKDOOR = 40003, PORT_UDP = 40004;
    public static final long SHM_KEY = 0x5b0c0001L;
    public static final String SECRET_ENV = "CANARY_TOKEN";

    /** What the jail can give attempts on this host (sb-jail --probe). */
    public record Features(boolean pidns, boolean mntns, boolean netns, boolean ipcns) {
        public boolean has(String requirement) {
            return switch (requirement) {
                case "pidns" -> pidns && mntns;
                case "netns" -> netns;
                default -> true; // pty, victim, shm, leak: always provided
            };
        }
    }

    /** One run's truth: the tokens planted and the files as they were. */
    public record Run(Map<String, String> tokens, Map<String, FileState> before, Set<String> watched) {
    }

    private final Path root, ws;
    private final int uid, gid, secondUid;
    private final Features features;
    private final Path victim, markerSource;
    private final int[] ports;
    private final String abstractName;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> arenaTokens = new TreeMap<>();

    private Arena(Path root, int uid, int secondUid, Features features, Path victim, Path markerSource) {
        this.root = root;
        this.ws = root.resolve("ws");
        this.uid = uid;
        this.gid = uid;
        this.secondUid = secondUid;
        this.features = features;
        this.victim = victim;
        this.markerSource = markerSource;
        this.abstractName = "sandbench-arena-" + token().substring(0, 12);
        this.ports = features.netns ? new int[] { PORT_ALLOWED, PORT_FORBIDDEN, PORT_BACKDOOR, PORT_UDP } : freePorts();
    }

    public static Arena create(Path parent, int uid, int secondUid, Features f, Path victim, Path markerSource) {
        Arena a = null;
        try {
            a = new Arena(Files.createTempDirectory(parent, "sandbench-escapes-"), uid, secondUid, f, victim, markerSource);
            a.plantStatic();
            return a;
        } catch (IOException e) {
            if (a != null)
                a.close();
            throw new UncheckedIOException(e);
        }
    }

    private static int[] freePorts() {
        // Without a network namespace the listeners share the host's loopback: pick free ports.
        int[] p = new int[4];
        try {
            for (int i = 0; i < 4; i++)
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    p[i] = s.getLocalPort();
                }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private String token() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void plantStatic() throws IOException {
        mode(root, 0755);
        Files.createDirectories(ws);
        mode(ws, 0755);
        for (String d : List.of("bin", "tools", "plans"))
            mode(Files.createDirectories(d.equals("plans") ? root.resolve(d) : ws.resolve(d)), 0755);
        arenaTokens.put("marker", token());
        arenaTokens.put("suid", token());
        Path marker = ws.resolve("bin/marker"), suid = ws.resolve("tools/suid-id");
        Files.write(marker, withToken(arenaTokens.get("marker")));
        mode(marker, 0711);
        Files.write(suid, withToken(arenaTokens.get("suid")));
        owner(suid, secondUid, secondUid);
        mode(suid, 04711); // after chown, which clears the setuid bit
    }

    /** The marker program with its slot ("SBX-MARKER-SLOT-" then 32 zeros) replaced by a token. */
    private byte[] withToken(String tok) throws IOException {
        byte[] b = Files.readAllBytes(markerSource);
        byte[] slot = ("SBX-MARKER-SLOT-" + "0".repeat(32)).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(b, slot);
        if (at < 0 || indexOf(java.util.Arrays.copyOfRange(b, at + 1, b.length), slot) >= 0)
            throw new IllegalStateException(markerSource + " has no unique token slot: rebuild native (make -C native)");
        byte[] t = tok.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, at + 16, 32);
        return b;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++)
                if (hay[i + j] != needle[j])
                    continue outer;
            return i;
        }
        return -1;
    }

    private static void mode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    private static void owner(Path p, int uid, int gid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** Replants allowed/, secret/ and outside/ with fresh tokens; snapshots what the attempt's evidence watches. */
    public Run prepare(Set<String> extraWatched) {
        try {
            for (String d : List.of("allowed", "secret", "outside"))
                org.sandbench.harness.Trees.delete(ws.resolve(d));
            Map<String, String> tok = new TreeMap<>(arenaTokens);
            for (String k : List.of("canary", "held", "leaked", "allowed", "env", "victim", "victim-env", "shm", "dirent"))
                tok.put(k, token());
            for (String d : List.of("allowed", "secret", "outside"))
                dir(ws.resolve(d));
            file("secret/canary", "sandbench canary " + tok.get("canary") + "\n");
            file("secret/tomb", "a file an attempt may try to remove\n");
            file("secret/held", "held by the victim " + tok.get("held") + "\n");
            file("secret/leaked", "leaked descriptor target " + tok.get("leaked") + "\n");
            file("secret/sbx-" + tok.get("dirent"), "");
            file("allowed/file", "an allowed file " + tok.get("allowed") + "\n");
            file("outside/landlock-probe", "a file outside every rule\n");
            Path link = ws.resolve("allowed/link");
            Files.createSymbolicLink(link, Path.of("../secret/canary"));
            owner(link, uid, gid);
            Set<String> watched = new TreeSet<>(List.of("secret/canary", "secret/tomb", "secret/held", "secret/leaked",
                    "allowed/file", "allowed/link", "bin/marker", "tools/suid-id"));
            watched.addAll(extraWatched);
            return new Run(Map.copyOf(tok), snapshot(watched), watched);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void dir(Path p) throws IOException {
        Files.createDirectory(p);
        owner(p, uid, gid);
        mode(p, 0755);
    }

    private void file(String rel, String content) throws IOException {
        Path p = ws.resolve(rel);
        Files.writeString(p, content);
        owner(p, uid, gid);
        mode(p, 0644);
    }

    public Map<String, FileState> snapshot(Set<String> rels) {
        Map<String, FileState> m = new TreeMap<>();
        for (String r : rels)
            m.put(r, FileState.of(ws.resolve(r)));
        return m;
    }

    /** Template values for the policies: ${work} is ws/, ${port.allowed} the allowed TCP port. */
    public Bindings bindings() {
        return Bindings.of(Map.of("work", ws.toString(), "port.allowed", Integer.toString(ports[0])));
    }

    public Path ws() {
        return ws;
    }

    public Path plans() {
        return root.resolve("plans");
    }

    public String landlockProbe() {
        return ws.resolve("outside/landlock-probe").toString();
    }

    public Features features() {
        return features;
    }

    public int uid() {
        return uid;
    }

    public int secondUid() {
        return secondUid;
    }

    /** The attempt's environment: where everything is (docs/escapes.md, "Protocol"). */
    public Map<String, String> attemptEnv(Run run) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("SBX_PROTO", "1");
        e.put("SBX_WS", ws.toString());
        e.put("SBX_ALLOWED", ws.resolve("allowed").toString());
        e.put("SBX_SECRET", ws.resolve("secret").toString());
        e.put("SBX_OUTSIDE", ws.resolve("outside").toString());
        e.put("SBX_CANARY", ws.resolve("secret/canary").toString());
        e.put("SBX_TOMB", ws.resolve("secret/tomb").toString());
        e.put("SBX_ALLOWED_FILE", ws.resolve("allowed/file").toString());
        e.put("SBX_SYMLINK", ws.resolve("allowed/link").toString());
        e.put("SBX_MARKER", ws.resolve("bin/marker").toString());
        e.put("SBX_SUID", ws.resolve("tools/suid-id").toString());
        e.put("SBX_DEVICE", "/dev/random");
        e.put("SBX_TCP_ALLOWED", Integer.toString(ports[0]));
        e.put("SBX_TCP_FORBIDDEN", Integer.toString(ports[1]));
        e.put("SBX_TCP_BACKDOOR", Integer.toString(ports[2]));
        e.put("SBX_UDP_SINK", Integer.toString(ports[3]));
        e.put("SBX_UNIX_PATH", ws.resolve("outside/harness.sock").toString());
        e.put("SBX_UNIX_ABSTRACT", abstractName);
        e.put("SBX_UID", Integer.toString(uid));
        e.put("SBX_SECOND_UID", Integer.toString(secondUid));
        e.put("SBX_SECRET_ENV", SECRET_ENV);
        e.put(SECRET_ENV, run.tokens().get("env"));
        e.put("PATH", "/usr/bin:/bin");
        return e;
    }

    /** The jail's configuration (read on its stdin; see native/escapes/sb_jail.c). */
    public String jailConfig(Run run, Map<String, String> env, List<String> command, int timeoutMs) {
        return jailConfig(run, env, command, timeoutMs, false);
    }

    /**
     * @param external the jail sets up the arena but another executor runs the attempt (a container):
     *                 no terminal and no leaked descriptor, which could not reach it (docs/escapes.md)
     */
    public String jailConfig(Run run, Map<String, String> env, List<String> command, int timeoutMs, boolean external) {
        StringBuilder sb = new StringBuilder();
        if (external)
            sb.append("external 1\n");
        sb.append("uid ").append(uid).append('\n').append("gid ").append(gid).append('\n');
        sb.append("pidns ").append(features.pidns && features.mntns ? 1 : 0).append('\n');
        sb.append("mntns ").append(features.mntns ? 1 : 0).append('\n');
        sb.append("netns ").append(features.netns ? 1 : 0).append('\n');
        sb.append("ipcns ").append(features.ipcns ? 1 : 0).append('\n');
        sb.append("cwd ").append(ws).append('\n');
        sb.append("timeout_ms ").append(timeoutMs).append('\n');
        sb.append("tcp_allowed ").append(ports[0]).append('\n');
        sb.append("tcp_forbidden ").append(ports[1]).append('\n');
        sb.append("tcp_backdoor ").append(ports[2]).append('\n');
        sb.append("udp_sink ").append(ports[3]).append('\n');
        sb.append("unix_path ").append(ws.resolve("outside/harness.sock")).append('\n');
        sb.append("unix_abstract ").append(abstractName).append('\n');
        sb.append("pty ").append(external ? 0 : 1).append('\n');
        sb.append("victim ").append(victim).append('\n');
        sb.append("victim_token ").append(run.tokens().get("victim")).append('\n');
        sb.append("victim_env_token ").append(run.tokens().get("victim-env")).append('\n');
        sb.append("victim_held ").append(ws.resolve("secret/held")).append('\n');
        sb.append("shm_key ").append(features.ipcns ? SHM_KEY : 0x5b0c0000L + random.nextInt(0xffff)).append('\n');
        sb.append("shm_token ").append(run.tokens().get("shm")).append('\n');
        if (!external)
            sb.append("leak_rw ").append(ws.resolve("secret/leaked")).append('\n');
        env.forEach((k, v) -> sb.append("env ").append(k).append('=').append(v).append('\n'));
        for (String c : command)
            sb.append("arg ").append(c).append('\n');
        sb.append("end\n");
        return sb.toString();
    }

    @Override
    public void close() {
        org.sandbench.harness.Trees.deleteQuietly(root);
    }
}

package org.sandbench.backend.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sandbench.harness.Home;
import org.sandbench.host.Commands;

/**
 * Boots a guest up to a ready agent: prepares the payload, starts QEMU through
 * GuestSession, waits for each stage with its own deadline, and on any failure kills
 * QEMU and deletes the temporary files before reporting which stage failed and why.
 */
public final class GuestLauncher {
    private GuestLauncher() {
    }

    /** Deadlines of the stages; TCG gets four times the KVM budget (Accel.scale). */
    public record Timeouts(long linuxBootMs, long freebsdBootMs, long loginMs, long buildMs) {
        public static Timeouts defaults(Accel a) {
            return new Timeouts(a.scale(20_000), a.scale(180_000), 60_000, a.scale(300_000));
        }

        public Timeouts withLinuxBoot(long ms) {
            return new Timeouts(ms, freebsdBootMs, loginMs, buildMs);
        }
    }

    /** A guest whose agent answers. */
    public record Booted(GuestAgent agent, GuestOs os, Accel accel, double bootSeconds, Map<String, Object> facts) {
    }

    /** The agent powers the guest off after this long without a command from the host. */
    public static final int IDLE_SECONDS = 900;

    static Path tempDir() {
        try {
            return Files.createTempDirectory("sandbench-vm-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Linux: the guest's kernel and initramfs plus a payload of the static native binaries. */
    public static Booted linux(Home home, VmStore.LinuxGuest guest, Accel accel, Timeouts t) {
        Path tmp = tempDir();
        GuestSession session = null;
        try {
            String nonce = SerialProtocol.newNonce();
            Path stage = Archives.staging(tmp.resolve("payload"));
            Archives.stageText(stage, "sb/agent.sh", GuestScripts.agent(), true);
            Archives.stageText(stage, "sb/session.env", GuestScripts.sessionEnv(GuestOs.LINUX, nonce, IDLE_SECONDS), false);
            stageStatic(stage, "sb/bin/sb-launch", home.launcher());
            stageStatic(stage, "sb/bin/sb-probe", home.probe());
            stageStatic(stage, VmBackend.UDP_SINK.substring(1), home.udpSink());
            // The workloads sit at the same absolute path as on the host: a retrofit Landlock plan names the
            // executable it grants, and the trial's arguments need no rewriting.
            try (Stream<Path> s = Files.list(home.nativeBuild().resolve("workloads"))) {
                for (Path w : s.sorted().toList())
                    stageStatic(stage, w.toAbsolutePath().toString().substring(1), w);
            }
            Archives.cpio(stage, tmp.resolve("payload.cpio"));
            GuestSession.deleteTree(stage);
            Path initrd = tmp.resolve("initrd.cpio");
            Archives.concat(List.of(guest.initramfs(), tmp.resolve("payload.cpio")), initrd);
            // quiet + loglevel=1: the console carries the protocol; panic=-1 with -no-reboot: a panic ends QEMU.
            GuestSpec spec = new GuestSpec(GuestOs.LINUX, Optional.of(guest.kernel()), Optional.of(initrd),
                    "console=ttyS0 quiet loglevel=1 panic=-1", Optional.empty(), Optional.empty(), 512, 1);
            long t0 = System.nanoTime();
            session = GuestSession.start(spec.qemuArgs(accel), tmp);
            GuestAgent agent = new GuestAgent(session, new SerialProtocol(nonce));
            try {
                agent.awaitReady(t.linuxBootMs());
            } catch (GuestException e) {
                throw new GuestException("the Linux guest " + guest.name() + " did not boot under " + accel.id()
                        + "; QEMU was killed. " + e.getMessage());
            }
            double boot = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("guest", guest.name());
            facts.put("guest_meta", guest.meta());
            facts.putAll(linuxFacts(agent));
            return new Booted(agent, GuestOs.LINUX, accel, boot, facts);
        } catch (RuntimeException e) {
            if (session != null)
                session.close();
            GuestSession.deleteTree(tmp);
            throw e;
        } catch (IOException e) {
            if (session != null)
                session.close();
            GuestSession.deleteTree(tmp);
            throw new UncheckedIOException(e);
        }
    }

    private static void stageStatic(Path stage, String rel, Path bin) throws IOException {
        if (!Archives.isStaticElf(bin))
            throw new GuestException(bin + " is not a static executable: the busybox guest has no libc (make -C native)");
        Archives.stage(stage, rel, Files.readAllBytes(bin), true);
    }

    static Map<String, Object> linuxFacts(GuestAgent agent) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("uname", one(agent, List.of("uname", "-a")));
        String cpuinfo = String.join("\n", agent.run(List.of("cat", "/proc/cpuinfo"), "/", 30, 60_000).frame().out());
        f.put("cpu_model", field(cpuinfo, "model name"));
        f.put("cpu_flags", field(cpuinfo, "flags"));
        f.put("cpu_count", cpuinfo.lines().filter(l -> l.startsWith("processor")).count());
        GuestAgent.Exec probe = agent.run(List.of("/sb/bin/sb-probe"), "/", 30, 60_000);
        String json = String.join("\n", probe.frame().out());
        try {
            f.put("kernel", org.sandbench.results.Json.MAPPER.readTree(json));
        } catch (IOException e) {
            f.put("kernel", "sb-probe printed no JSON: " + json);
        }
        f.put("cmdline", one(agent, List.of("cat", "/proc/cmdline")));
        return f;
    }

    private static String one(GuestAgent agent, List<String> argv) {
        GuestAgent.Exec e = agent.run(argv, "/", 30, 60_000);
        return String.join(" ", e.frame().out()).trim();
    }

    static String field(String cpuinfo, String key) {
        for (String l : cpuinfo.split("\n"))
            if (l.startsWith(key)) {
                int i = l.indexOf(':');
                return i < 0 ? "" : l.substring(i + 1).trim();
            }
        return "unknown";
    }

    /** What goes into the FreeBSD payload besides the agent: sources and the build script. */
    public record FreeBsdSources(Map<String, String> files, List<String[]> workloads) {
    }

    /** The native sources the FreeBSD guest compiles: runtime, Capsicum hook, headers, workloads. */
    public static FreeBsdSources freebsdSources(Home home, List<String> workloadIds) {
        return freebsdSources(home, workloadIds, Map.of());
    }

    /**
     * As above, plus further one-file programs linked with the same runtime and Capsicum hook
     * (the escape corpus's attempts: id to C source), built to /sb/build/workloads/ID.
     */
    public static FreeBsdSources freebsdSources(Home home, List<String> workloadIds, Map<String, Path> extraPrograms) {
        Map<String, String> files = new LinkedHashMap<>();
        Path nat = home.root().resolve("native");
        try {
            for (String dir : List.of("runtime", "freebsd", "include/sb")) {
                try (Stream<Path> s = Files.list(nat.resolve(dir))) {
                    for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                        String n = p.getFileName().toString();
                        if (n.endsWith(".c") || n.endsWith(".h"))
                            files.put("src/" + dir + "/" + n, Files.readString(p));
                    }
                }
            }
            List<String[]> ws = new ArrayList<>();
            for (String id : workloadIds) {
                for (String kind : List.of("micro", "macro")) {
                    Path src = home.workloads().resolve(kind).resolve(id + ".c");
                    if (Files.isRegularFile(src)) {
                        files.put("src/workloads/" + kind + "/" + id + ".c", Files.readString(src));
                        ws.add(new String[] { id, "workloads/" + kind + "/" + id + ".c" });
                    }
                }
            }
            ws.add(new String[] { "cap-sweep", "freebsd/cap_sweep.c" });
            for (var e : new java.util.TreeMap<>(extraPrograms).entrySet()) {
                SerialProtocol.checkArg(e.getKey());
                files.put("src/extra/" + e.getKey() + ".c", Files.readString(e.getValue()));
                ws.add(new String[] { e.getKey(), "extra/" + e.getKey() + ".c" });
            }
            return new FreeBsdSources(files, ws);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern LOGIN = Pattern.compile("login:\\s*$");
    private static final Pattern PASSWORD = Pattern.compile("[Pp]assword:\\s*$");
    private static final Pattern SHELL = Pattern.compile("(#|\\$|%)\\s*$");

    /**
     * FreeBSD: the official image through a qcow2 overlay (never written), the payload as
     * a raw tar on a second virtio disk; log in as root on the serial console (official VM
     * and BASIC-CI images have no root password), start the agent, build with base cc.
     */
    public static Booted freebsd(Home home, Path image, Accel accel, Timeouts t, List<String> workloadIds) {
        return freebsd(home, image, accel, t, workloadIds, Map.of());
    }

    /** @param extraPrograms further one-file programs to build in the guest (id to C source), e.g. escape attempts */
    public static Booted freebsd(Home home, Path image, Accel accel, Timeouts t, List<String> workloadIds,
                                 Map<String, Path> extraPrograms) {
        Path tmp = tempDir();
        GuestSession session = null;
        try {
            String nonce = SerialProtocol.newNonce();
            Path overlay = tmp.resolve("overlay.qcow2");
            String fmt = imageFormat(image);
            Commands.Result r = Commands.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", fmt, "-b",
                    image.toAbsolutePath().toString(), overlay.toString()), 60_000);
            if (!r.ok())
                throw new GuestException("qemu-img create (overlay over " + image + ") failed: " + r.err().trim()
                        + " (apt-get install qemu-utils)");
            Path stage = Archives.staging(tmp.resolve("payload"));
            Archives.stageText(stage, "agent.sh", GuestScripts.agent(), true);
            Archives.stageText(stage, "session.env", GuestScripts.sessionEnv(GuestOs.FREEBSD, nonce, IDLE_SECONDS), false);
            FreeBsdSources src = freebsdSources(home, workloadIds, extraPrograms);
            src.files().forEach((rel, text) -> Archives.stageText(stage, rel, text, false));
            Archives.stageText(stage, "build.sh", GuestScripts.freebsdBuild(src.workloads()), true);
            Path tar = tmp.resolve("payload.tar");
            Archives.tar(stage, tar);
            GuestSession.deleteTree(stage);
            GuestSpec spec = new GuestSpec(GuestOs.FREEBSD, Optional.empty(), Optional.empty(), "",
                    Optional.of(overlay), Optional.of(tar), 1024, 1);
            long t0 = System.nanoTime();
            session = GuestSession.start(spec.qemuArgs(accel), tmp);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t.freebsdBootMs());
            if (!session.awaitPrompt(LOGIN, deadline))
                throw new GuestException("FreeBSD did not reach its serial login prompt within " + t.freebsdBootMs() / 1000
                        + " s under " + accel.id() + " (is the image an official VM or BASIC-CI image, which use the "
                        + "serial console?); last console lines:\n" + session.consoleTail());
            session.send(List.of("root"));
            long shellDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t.loginMs());
            Pattern shellOrPassword = Pattern.compile(SHELL.pattern() + "|" + PASSWORD.pattern());
            if (!session.awaitPrompt(shellOrPassword, shellDeadline))
                throw new GuestException("no root shell after logging in on the serial console; last console lines:\n"
                        + session.consoleTail());
            session.send(List.of(GuestScripts.freebsdStart()));
            GuestAgent agent = new GuestAgent(session, new SerialProtocol(nonce));
            try {
                agent.awaitReady(t.loginMs());
            } catch (GuestException e) {
                throw new GuestException("the FreeBSD guest asked for a root password or did not start the agent "
                        + "(official VM and BASIC-CI images have none): " + e.getMessage());
            }
            double boot = (System.nanoTime() - t0) / 1e9;
            GuestAgent.Exec build = agent.run(List.of("/bin/sh", "/sb/build.sh"), "/sb", (int) (t.buildMs() / 1000),
                    t.buildMs() + 60_000);
            if (build.rc() != 0)
                throw new GuestException("building the workloads with the guest's cc failed (exit " + build.rc() + "):\n"
                        + String.join("\n", build.frame().out()) + "\n" + String.join("\n", build.frame().err()));
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("image", image.toAbsolutePath().toString());
            facts.put("uname", String.join(" ", agent.run(List.of("uname", "-a"), "/", 30, 60_000).frame().out()));
            List<String> sys = agent.run(List.of("sysctl", "-n", "hw.model", "hw.ncpu", "kern.osreldate"), "/", 30, 60_000)
                    .frame().out();
            facts.put("cpu_model", sys.size() > 0 ? sys.get(0) : "unknown");
            facts.put("cpu_count", sys.size() > 1 ? sys.get(1) : "unknown");
            facts.put("osreldate", sys.size() > 2 ? sys.get(2) : "unknown");
            facts.put("capability_mode", String.join(" ", agent.run(List.of("sysctl", "-n",
                    "kern.features.security_capability_mode"), "/", 30, 60_000).frame().out()));
            facts.put("build", build.frame().out());
            return new Booted(agent, GuestOs.FREEBSD, accel, boot, facts);
        } catch (RuntimeException e) {
            if (session != null)
                session.close();
            GuestSession.deleteTree(tmp);
            throw e;
        }
    }

    static String imageFormat(Path image) {
        Commands.Result r = Commands.run(List.of("qemu-img", "info", "--output=json", image.toAbsolutePath().toString()), 60_000);
        if (!r.ok())
            throw new GuestException("qemu-img info " + image + " failed: " + r.err().trim());
        try {
            return org.sandbench.results.Json.MAPPER.readTree(r.out()).path("format").asText("raw");
        } catch (IOException e) {
            throw new GuestException("qemu-img info printed no JSON for " + image);
        }
    }
}

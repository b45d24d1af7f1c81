package org.sandbench.backend.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.models.Golden;
import org.sandbench.testing.Require;

/**
 * The guest scripts as reviewed text (golden files), and the agent run for real: the
 * same script under the host's busybox sh, driven through the serial protocol over a
 * pipe, which is what the guest's console carries.
 */
class GuestScriptsTest {

    @Test
    void scriptsMatchGolden() {
        Golden.check(Golden.dir(), "vm/agent.sh", GuestScripts.agent());
        Golden.check(Golden.dir(), "vm/linux-init.sh", GuestScripts.linuxInit());
        Golden.check(Golden.dir(), "vm/freebsd-build.sh", GuestScripts.freebsdBuild(List.of(
                new String[] { "getpid", "workloads/micro/getpid.c" },
                new String[] { "open-close", "workloads/micro/open-close.c" },
                new String[] { "cap-sweep", "freebsd/cap_sweep.c" })));
        Golden.check(Golden.dir(), "vm/freebsd-start.txt", GuestScripts.freebsdStart() + "\n");
        assertEquals("SB_OS=freebsd\nSB_NONCE=0123456789abcdef\nSB_IDLE_S=900\n",
                GuestScripts.sessionEnv(GuestOs.FREEBSD, "0123456789abcdef", 900));
    }

    /** The agent under the host's busybox sh: what a guest would answer, checked by the host's parser. */
    @Test
    void agentAnswersTheProtocol(@TempDir Path tmp) throws Exception {
        Path busybox = Path.of("/bin/busybox");
        Require.capability("qemu", Files.isExecutable(busybox), "busybox is not installed (apt-get install busybox-static)");
        String nonce = "00112233aabbccdd";
        SerialProtocol p = new SerialProtocol(nonce);
        Path env = tmp.resolve("session.env");
        // SB_OS=hostcheck: the agent never powers anything off outside a guest.
        Files.writeString(env, "SB_OS=hostcheck\nSB_NONCE=" + nonce + "\nSB_IDLE_S=20\n");
        Path agent = tmp.resolve("agent.sh");
        Files.writeString(agent, GuestScripts.agent());
        ProcessBuilder pb = new ProcessBuilder(busybox.toString(), "sh", agent.toString()).redirectErrorStream(true);
        pb.environment().put("SB_ENV", env.toString());
        pb.environment().put("SB_WORK", tmp.resolve("work").toString());
        Process proc = pb.start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null)
                    lines.add(l);
            } catch (Exception ignored) {
                // process ended
            }
        });
        t.start();
        try (OutputStream in = proc.getOutputStream()) {
            assertTrue(next(p, lines).body().startsWith("ready os=hostcheck"));

            String file = tmp.resolve("ws/allowed/target").toString();
            // Two chunks and the final check: the file is the concatenation, moved into place by done.
            String text = "x".repeat(500) + "\n" + "sandbench fixture\n\tsecond line\n" + "y".repeat(600) + "\n";
            List<List<String>> msgs = p.put(100, file, text);
            assertEquals(3, msgs.size());
            for (List<String> m : msgs.subList(0, 2)) {
                send(in, m);
                assertEquals("ok put", next(p, lines).body());
            }
            assertTrue(Files.notExists(Path.of(file)), "nothing is in place before done");
            send(in, msgs.get(2));
            assertEquals("ok done", next(p, lines).body());
            assertEquals(text, Files.readString(Path.of(file)));

            // A chunk whose content does not hash to what the command announced is refused.
            List<String> bad = new ArrayList<>(p.put(2, file + ".bad", "one\n").get(0));
            bad.set(1, "two");
            send(in, bad);
            assertTrue(next(p, lines).body().startsWith("fail put sha256="));
            send(in, p.put(2, file + ".bad", "one\n").get(1));
            assertTrue(next(p, lines).body().startsWith("fail done sha256="));
            assertTrue(Files.notExists(Path.of(file + ".bad")));

            send(in, List.of(p.command(3, "run", List.of("30", tmp.toString(), "cat", file))));
            SerialProtocol.Frame f = frame(p, lines, 3);
            assertTrue(f.intact(), f.problem());
            assertEquals(List.of("x".repeat(500), "sandbench fixture", "\tsecond line", "y".repeat(600)), f.out());
            assertEquals(0, f.rc());

            // Exit code and stderr of a failing command; a last line without newline is terminated.
            send(in, List.of(p.command(4, "run", List.of("30", tmp.toString(), "ls", "/nonexistent-sandbench"))));
            SerialProtocol.Frame g = frame(p, lines, 4);
            assertTrue(g.intact(), g.problem());
            assertTrue(g.rc() != 0);
            assertTrue(String.join(" ", g.err()).contains("nonexistent-sandbench"), g.err().toString());

            // The guest-side timeout kills the command (timeout(1) -s KILL).
            send(in, List.of(p.command(5, "run", List.of("1", tmp.toString(), "sleep", "30"))));
            SerialProtocol.Frame h = frame(p, lines, 5);
            assertTrue(h.rc() == 137 || h.rc() == 124, "rc " + h.rc());

            send(in, List.of(p.command(6, "resend", List.of())));
            assertEquals(h.rc(), frame(p, lines, 6).rc(), "resend repeats the last output");

            send(in, List.of(p.command(7, "frobnicate", List.of())));
            assertEquals("fail unknown-verb=frobnicate", next(p, lines).body());

            // Lines of another nonce are ignored: the next answer is still ours.
            send(in, List.of("SBVM-CMD ffffffffffffffff 8 quit", p.command(9, "quit", List.of())));
            SerialProtocol.Message q = next(p, lines);
            assertEquals(9, q.seq());
            assertEquals("ok quit", q.body());
        }
        assertTrue(proc.waitFor(10, TimeUnit.SECONDS), "the agent exits after quit");
        assertEquals(0, proc.exitValue());
    }

    private static void send(OutputStream in, List<String> lines) throws Exception {
        in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    private static SerialProtocol.Message next(SerialProtocol p, LinkedBlockingQueue<String> lines) throws Exception {
        while (true) {
            String l = lines.poll(30, TimeUnit.SECONDS);
            if (l == null)
                throw new AssertionError("no answer from the agent within 30 s");
            Optional<SerialProtocol.Message> m = p.message(l);
            if (m.isPresent())
                return m.get();
        }
    }

    private static SerialProtocol.Frame frame(SerialProtocol p, LinkedBlockingQueue<String> lines, long seq) throws Exception {
        SerialProtocol.FrameBuilder fb = new SerialProtocol.FrameBuilder(seq);
        while (true) {
            Optional<SerialProtocol.Frame> f = fb.accept(next(p, lines));
            if (f.isPresent())
                return f.get();
        }
    }
}

package org.sandbench.backend.vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The host side of the guest agent's protocol (SerialProtocol) over a running session:
 * every call has a deadline, and a guest that misses one is reported, never waited on.
 */
public final class GuestAgent {
    private final GuestSession session;
    private final SerialProtocol protocol;
    private long seq = 1;
    private Map<String, String> ready = Map.of();

    public GuestAgent(GuestSession session, SerialProtocol protocol) {
        this.session = session;
        this.protocol = protocol;
    }

    public GuestSession session() {
        return session;
    }

    /** What the agent said when it came up: os, release, machine. */
    public Map<String, String> readyFacts() {
        return ready;
    }

    private Optional<SerialProtocol.Message> next(long deadlineNs) {
        String line = session.nextLine(l -> protocol.message(l).isPresent(), deadlineNs);
        return line == null ? Optional.empty() : protocol.message(line);
    }

    private String why(String stage, long timeoutMs) {
        return session.alive()
                ? stage + ": no answer from the guest within " + timeoutMs / 1000.0 + " s; last console lines:\n" + session.consoleTail()
                : stage + ": QEMU exited" + (session.qemuStderr().isEmpty() ? "" : " (" + session.qemuStderr() + ")")
                + "; last console lines:\n" + session.consoleTail();
    }

    /** Waits for the agent's "0 ready" line: the end of the boot. */
    public Map<String, String> awaitReady(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            Optional<SerialProtocol.Message> m = next(deadline);
            if (m.isEmpty())
                throw new GuestException(why("boot", timeoutMs));
            if (m.get().seq() == 0 && m.get().body().startsWith("ready")) {
                Map<String, String> f = new LinkedHashMap<>();
                for (String t : m.get().body().split(" ")) {
                    int eq = t.indexOf('=');
                    if (eq > 0)
                        f.put(t.substring(0, eq), t.substring(eq + 1));
                }
                ready = Map.copyOf(f);
                return ready;
            }
        }
    }

    private void expectOk(long s, String verb, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            Optional<SerialProtocol.Message> m = next(deadline);
            if (m.isEmpty())
                throw new GuestException(why(verb, timeoutMs));
            if (m.get().seq() != s)
                continue;
            String b = m.get().body();
            if (b.startsWith("ok " + verb))
                return;
            if (b.startsWith("fail"))
                throw new GuestException("the guest could not " + verb + ": " + b);
        }
    }

    /**
     * Writes a text file in the guest chunk by chunk, each checked by SHA-256 and the whole
     * once more at the end; a chunk the line garbled is sent again once.
     */
    public void put(String path, String content, long timeoutMs) {
        long first = seq;
        List<List<String>> msgs = protocol.put(first, path, content);
        seq += msgs.size();
        for (int i = 0; i < msgs.size(); i++) {
            List<String> m = msgs.get(i);
            long s = first + i;
            String verb = i == msgs.size() - 1 ? "done" : "put";
            for (int attempt = 0; ; attempt++) {
                session.send(m);
                try {
                    expectOk(s, verb, timeoutMs);
                    break;
                } catch (GuestException e) {
                    if (attempt >= 1 || !e.getMessage().contains("sha256"))
                        throw e;
                }
            }
        }
    }

    public void mkdirs(List<String> paths, long timeoutMs) {
        long s = seq++;
        session.send(List.of(protocol.command(s, "mkdir", paths)));
        expectOk(s, "mkdir", timeoutMs);
    }

    public void rmtree(List<String> paths, long timeoutMs) {
        long s = seq++;
        session.send(List.of(protocol.command(s, "rmtree", paths)));
        expectOk(s, "rmtree", timeoutMs);
    }

    /** One command's result as the guest framed it, with the host-observed wall time. */
    public record Exec(SerialProtocol.Frame frame, long wallNs) {
        public int rc() {
            return frame.rc();
        }
    }

    /**
     * Runs argv in cwd inside the guest with a clean environment; the guest kills it at
     * guestTimeoutS, the host gives up at hostTimeoutMs (then the guest is considered lost).
     * A frame that arrived garbled is asked for again (twice at most).
     */
    public Exec run(List<String> argv, String cwd, int guestTimeoutS, long hostTimeoutMs) {
        long s = seq++;
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(guestTimeoutS));
        args.add(cwd);
        args.addAll(argv);
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(hostTimeoutMs);
        session.send(List.of(protocol.command(s, "run", args)));
        SerialProtocol.Frame f = await(s, deadline, hostTimeoutMs);
        long wall = System.nanoTime() - t0;
        for (int retry = 0; !f.intact() && retry < 2; retry++) {
            session.send(List.of(protocol.command(s, "resend", List.of())));
            f = await(s, System.nanoTime() + TimeUnit.SECONDS.toNanos(60), 60_000);
        }
        return new Exec(f, wall);
    }

    private SerialProtocol.Frame await(long s, long deadlineNs, long timeoutMs) {
        SerialProtocol.FrameBuilder fb = new SerialProtocol.FrameBuilder(s);
        while (true) {
            Optional<SerialProtocol.Message> m = next(deadlineNs);
            if (m.isEmpty())
                throw new GuestException(why("command " + s, timeoutMs));
            Optional<SerialProtocol.Frame> f = fb.accept(m.get());
            if (f.isPresent())
                return f.get();
        }
    }

    /** Asks the guest to power off and waits for QEMU to exit; kills it otherwise. */
    public void quit(long graceMs) {
        if (session.alive()) {
            try {
                long s = seq++;
                session.send(List.of(protocol.command(s, "quit", List.of())));
            } catch (GuestException ignored) {
                // already gone: stop() below cleans up
            }
        }
        session.stop(graceMs);
    }
}

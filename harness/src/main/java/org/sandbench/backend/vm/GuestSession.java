package org.sandbench.backend.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One running QEMU process and its serial console.  Every session is registered
 * so that a JVM exit (normal, Ctrl-C, an uncaught error) kills its QEMU and deletes
 * its temporary folder; close() does the same at once.  The guest also powers itself
 * off when the host stops talking to it (the agent's idle timeout), which covers a
 * host killed with SIGKILL.
 */
public final class GuestSession implements AutoCloseable {
    private static final Set<GuestSession> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (GuestSession s : List.copyOf(LIVE))
                s.kill();
        }, "sandbench-vm-cleanup"));
    }

    private final Process process;
    private final Path tmp;
    private final OutputStream stdin;
    private final Thread reader;
    private final Object lock = new Object();
    private final Deque<String> pending = new ArrayDeque<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private final java.io.Writer consoleLog;
    private final long startedNs = System.nanoTime();
    private volatile boolean closed;

    private GuestSession(Process process, Path tmp) throws IOException {
        this.process = process;
        this.tmp = tmp;
        this.stdin = process.getOutputStream();
        this.consoleLog = Files.newBufferedWriter(tmp.resolve("console.log"), StandardCharsets.UTF_8);
        this.reader = new Thread(this::readConsole, "vm-console-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts qemu-system-x86_64 with the given arguments.  tmp is the session's own
     * folder (overlay, payload, console log): it is deleted when the session ends.
     */
    public static GuestSession start(List<String> qemuArgs, Path tmp) {
        List<String> cmd = new ArrayList<>();
        cmd.add("qemu-system-x86_64");
        cmd.addAll(qemuArgs);
        try {
            Files.writeString(tmp.resolve("qemu.cmdline"), String.join(" ", cmd) + "\n");
            Process p = new ProcessBuilder(cmd).directory(tmp.toFile())
                    .redirectError(tmp.resolve("qemu.stderr").toFile()).start();
            GuestSession s = new GuestSession(p, tmp);
            LIVE.add(s);
            return s;
        } catch (IOException e) {
            deleteTree(tmp);
            throw new GuestException("cannot start qemu-system-x86_64: " + e.getMessage()
                    + " (apt-get install qemu-system-x86 qemu-utils)", e);
        }
    }

    /** Sessions still running in this JVM (tests assert that none is left). */
    public static int live() {
        return LIVE.size();
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path tmp() {
        return tmp;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public double uptimeSeconds() {
        return (System.nanoTime() - startedNs) / 1e9;
    }

    private void readConsole() {
        try (InputStream in = process.getInputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                String s = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                synchronized (lock) {
                    for (int i = 0; i < s.length(); i++) {
                        char c = s.charAt(i);
                        if (c == '\n') {
                            String line = partial.toString();
                            if (line.endsWith("\r"))
                                line = line.substring(0, line.length() - 1);
                            partial.setLength(0);
                            pending.add(line);
                            tail.add(line);
                            if (tail.size() > 60)
                                tail.removeFirst();
                            try {
                                consoleLog.write(line);
                                consoleLog.write('\n');
                            } catch (IOException ignored) {
                                // the log is diagnostics only
                            }
                        } else if (partial.length() < 65536) {
                            partial.append(c);
                        }
                    }
                    lock.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // QEMU went away
        } finally {
            synchronized (lock) {
                try {
                    consoleLog.flush();
                } catch (IOException ignored) {
                    // diagnostics only
                }
                lock.notifyAll();
            }
        }
    }

    /**
     * Waits for the next complete console line that matches, dropping the others.
     *
     * @return the line, or null at the deadline or when QEMU exited
     */
    public String nextLine(Predicate<String> match, long deadlineNs) {
        synchronized (lock) {
            while (true) {
                while (!pending.isEmpty()) {
                    String l = pending.removeFirst();
                    if (match.test(l))
                        return l;
                }
                long left = deadlineNs - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive()))
                    return null;
                try {
                    lock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    /** Waits until the text after the last newline (a prompt such as "login: ") matches. */
    public boolean awaitPrompt(Pattern prompt, long deadlineNs) {
        synchronized (lock) {
            while (true) {
                pending.clear();
                if (prompt.matcher(partial).find())
                    return true;
                long left = deadlineNs - System.nanoTime();
                if (left <= 0 || !process.isAlive())
                    return false;
                try {
                    lock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Types lines on the console. */
    public void send(List<String> lines) {
        try {
            StringBuilder b = new StringBuilder();
            for (String l : lines)
                b.append(l).append('\n');
            stdin.write(b.toString().getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException e) {
            throw new GuestException("the guest's console is closed (QEMU exited): " + e.getMessage()
                    + "; last console lines:\n" + consoleTail());
        }
    }

    public String consoleTail() {
        synchronized (lock) {
            StringBuilder b = new StringBuilder();
            for (String l : tail)
                b.append("  | ").append(l).append('\n');
            if (partial.length() > 0)
                b.append("  | ").append(partial).append('\n');
            return b.toString();
        }
    }

    public String qemuStderr() {
        try {
            return Files.readString(tmp.resolve("qemu.stderr")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits up to graceMs for QEMU to exit by itself (the guest powered off), then kills it. */
    public void stop(long graceMs) {
        try {
            if (!process.waitFor(graceMs, TimeUnit.MILLISECONDS))
                kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        close();
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(tmp);
        LIVE.remove(this);
    }

    /** Kills QEMU if it still runs and deletes the session's temporary folder. */
    @Override
    public void close() {
        if (closed)
            return;
        closed = true;
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        kill();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) {
        org.sandbench.harness.Trees.delete(dir);
    }
}

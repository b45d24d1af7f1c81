package org.sandbench.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child process of the harness, read while it runs: every stdout line is kept (and handed to a
 * listener as it arrives), stderr is kept up to a cap, and the wait has a deadline after which the
 * process and everything it started are killed.  Trials, the escape jail and its container sessions
 * all run this way, so what a child wrote before it hung or died is never lost.
 */
public final class ChildProcess {
    /** Characters of stderr kept; the rest is dropped (a runaway child must not fill the heap). */
    static final int STDERR_CAP = 4000;
    private static final long DRAIN_MS = 5000;

    private final Process p;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder err = new StringBuilder();
    private final Thread out, errT;

    private ChildProcess(Process p, String name, Consumer<String> onLine) {
        this.p = p;
        this.out = reader(p.getInputStream(), name + "-stdout", l -> {
            synchronized (lines) {
                lines.add(l);
            }
            onLine.accept(l);
        });
        this.errT = reader(p.getErrorStream(), name + "-stderr", l -> {
            synchronized (err) {
                if (err.length() < STDERR_CAP)
                    err.append(l).append('\n');
            }
        });
    }

    /** Starts the process; {@code onLine} sees each stdout line, on a reader thread, after it is kept. */
    public static ChildProcess start(ProcessBuilder pb, String name, Consumer<String> onLine) throws IOException {
        return new ChildProcess(pb.start(), name, onLine);
    }

    public static ChildProcess start(ProcessBuilder pb, String name) throws IOException {
        return start(pb, name, l -> {
        });
    }

    public OutputStream stdin() {
        return p.getOutputStream();
    }

    public long pid() {
        return p.pid();
    }

    public boolean isAlive() {
        return p.isAlive();
    }

    /** Whether stdout is still being read (false once the child closed it and every line is kept). */
    public boolean reading() {
        return out.isAlive();
    }

    /**
     * Waits for the exit, at most {@code timeoutMs}; then kills the process and its descendants. Returns whether it
     * had to be killed (the deadline passed, or this thread was interrupted while waiting).
     */
    public boolean awaitExit(long timeoutMs) {
        try {
            boolean killed = false;
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                killed = true;
                kill();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            out.join(DRAIN_MS);
            errT.join(DRAIN_MS);
            return killed;
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void kill() {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** The exit code, or -1 while the process is alive (128+N is death by signal N, as the shell reports it). */
    public int exitCode() {
        return p.isAlive() ? -1 : p.exitValue();
    }

    /** The stdout lines so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** stderr so far, up to the cap. */
    public String stderr() {
        synchronized (err) {
            return err.toString();
        }
    }

    /** The non-blank lines of {@link #stderr()}. */
    public List<String> stderrLines() {
        List<String> l = new ArrayList<>();
        for (String s : stderr().split("\n"))
            if (!s.isBlank())
                l.add(s);
        return l;
    }

    private static Thread reader(InputStream in, String name, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null)
                    sink.accept(l);
            } catch (IOException ignored) {
                // the process is gone: keep what was read
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}

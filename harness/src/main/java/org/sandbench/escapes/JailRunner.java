package org.sandbench.escapes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sandbench.host.Commands;

/**
 * Runs one attempt on this host through native/build/bin/sb-jail: the configuration goes to
 * its stdin, its framed lines come back as an {@link Observation}.  Other executors (a
 * container, a guest) produce the same Observation from the same jail.
 */
public final class JailRunner implements AttemptExecutor {
    private final Path jail;

    public JailRunner(Path jail) {
        this.jail = jail;
    }

    /** What the host lets the jail create (root and namespaces), from sb-jail --probe. */
    public Arena.Features probe() {
        Commands.Result r = Commands.run(List.of(jail.toString(), "--probe"), 10_000);
        Line l = Line.parse(r.out().trim());
        if (!r.ok() || !l.kind().equals("probe"))
            throw new IllegalStateException("sb-jail --probe failed: " + r.out() + r.err());
        return new Arena.Features(l.num("pidns", 0) == 1, l.num("mntns", 0) == 1, l.num("netns", 0) == 1,
                l.num("ipcns", 0) == 1);
    }

    public boolean root() {
        Commands.Result r = Commands.run(List.of(jail.toString(), "--probe"), 10_000);
        return Line.parse(r.out().trim()).num("root", 0) == 1;
    }

    @Override
    public Observation run(String config, long timeoutMs) {
        ProcessBuilder pb = new ProcessBuilder(jail.toString()).redirectErrorStream(false);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        StringBuilder err = new StringBuilder();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return Observation.parse(List.of("J error op=start errno=0 message=" + e.getMessage().replace(' ', '_')), -1, false);
        }
        Thread out = reader(p.getInputStream(), lines::add);
        Thread errT = reader(p.getErrorStream(), l -> {
            synchronized (err) {
                if (err.length() < 4000)
                    err.append(l).append('\n');
            }
        });
        try (OutputStream in = p.getOutputStream()) {
            in.write(config.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the jail died before reading its configuration: its exit code says why
        }
        boolean killed = false;
        try {
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                killed = true;
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            out.join(5000);
            errT.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        List<String> all;
        synchronized (lines) {
            all = new ArrayList<>(lines);
        }
        synchronized (err) {
            for (String l : err.toString().split("\n"))
                if (!l.isBlank())
                    all.add("X " + l);
        }
        return Observation.parse(all, p.isAlive() ? -1 : p.exitValue(), killed);
    }

    private static Thread reader(java.io.InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null)
                    sink.accept(l);
            } catch (IOException ignored) {
                // the jail is gone: keep what was read
            }
        }, "jail-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}

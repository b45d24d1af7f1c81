package org.sandbench.escapes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sandbench.host.ChildProcess;
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
        ChildProcess p;
        try {
            p = ChildProcess.start(pb, "jail");
        } catch (IOException e) {
            return Observation.parse(List.of("J error op=start errno=0 message=" + e.getMessage().replace(' ', '_')), -1, false);
        }
        try (OutputStream in = p.stdin()) {
            in.write(config.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the jail died before reading its configuration: its exit code says why
        }
        boolean killed = p.awaitExit(timeoutMs);
        List<String> all = new ArrayList<>(p.lines());
        for (String l : p.stderrLines())
            all.add("X " + l);
        return Observation.parse(all, p.exitCode(), killed);
    }
}

package org.sandbench.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Small helpers to run a host command or read a kernel file, never throwing. */
public final class Commands {
    private Commands() {
    }

    /** A finished command: exit code (-1 if it could not start or timed out) and its output. */
    public record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }
    }

    public static Result run(List<String> cmd, long timeoutMs) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            Thread to = new Thread(() -> copy(p.getInputStream(), out));
            Thread te = new Thread(() -> copy(p.getErrorStream(), err));
            to.start();
            te.start();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                return new Result(-1, out.toString(StandardCharsets.UTF_8), "timed out after " + timeoutMs + " ms");
            }
            to.join(2000);
            te.join(2000);
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }

    private static void copy(java.io.InputStream in, java.io.OutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process went away; what was read is kept
        }
    }

    public static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)).trim());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null)
            return false;
        for (String d : path.split(":"))
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool)))
                return true;
        return false;
    }
}

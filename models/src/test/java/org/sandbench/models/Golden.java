package org.sandbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: the expected text lives in src/test/resources/golden.  Run the tests
 * with -Dsandbench.regenerate=true to rewrite them after an intended change, then
 * review the diff (git diff) like any other change.
 */
public final class Golden {
    private Golden() {
    }

    public static void check(Path dir, String name, String actual) {
        Path f = dir.resolve(name);
        try {
            if (Boolean.getBoolean("sandbench.regenerate")) {
                Files.createDirectories(f.getParent());
                Files.writeString(f, actual);
                System.err.println("regenerated golden file " + f);
                return;
            }
            if (!Files.exists(f))
                throw new AssertionError("missing golden file " + f + ": run with -Dsandbench.regenerate=true and review it");
            assertEquals(Files.readString(f), actual, "output differs from golden file " + f
                    + " (if the change is intended: -Dsandbench.regenerate=true, then review git diff)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden folder of the module whose tests are running. */
    public static Path dir() {
        return Path.of("src/test/resources/golden");
    }

    public static Path home() {
        String h = System.getProperty("sandbench.home");
        return h != null ? Path.of(h) : Path.of("..").toAbsolutePath().normalize();
    }
}

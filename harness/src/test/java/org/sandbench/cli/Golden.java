package org.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files of the harness module (see the models module's Golden for the workflow). */
public final class Golden {
    private Golden() {
    }

    public static void check(String name, String actual) {
        Path f = Path.of("src/test/resources/golden").resolve(name);
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
                    + " (if intended: -Dsandbench.regenerate=true, then review git diff)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

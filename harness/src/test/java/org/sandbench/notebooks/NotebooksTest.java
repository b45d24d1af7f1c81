package org.sandbench.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sandbench.host.Commands;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/**
 * Every notebook executes headless against the committed reference result set.  The
 * notebooks assert their own claims against the data, so a kernel or policy change that
 * makes their text untrue fails here.
 */
class NotebooksTest {
    static final String PYTHON = "/usr/bin/python3";

    static Stream<String> notebooks() throws Exception {
        try (Stream<Path> s = Files.list(TestHome.home().root().resolve("notebooks"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void executesAgainstTheReferenceSet(String notebook, @TempDir Path out) {
        Commands.Result probe = Commands.run(List.of(PYTHON, "-c", "import pandas, matplotlib, nbconvert"), 60_000);
        Require.capability("notebooks", probe.ok(), "Debian's python3 lacks pandas/matplotlib/nbconvert: "
                + "apt-get install python3-pandas python3-matplotlib jupyter-nbconvert python3-ipykernel");
        Path home = TestHome.home().root();
        Path reference = home.resolve("results/reference");
        assertTrue(Files.exists(reference.resolve("overhead.csv")) && Files.exists(reference.resolve("escapes.csv")),
                "the committed reference result set has overhead.csv and escapes.csv");
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-m", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=300", "--output-dir", out.toString(), notebook)
                .directory(home.resolve("notebooks").toFile()).redirectErrorStream(true);
        pb.environment().put("SANDBENCH_RESULTS", reference.toString());
        pb.environment().put("SANDBENCH_NOTEBOOK_OUT", out.toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        pb.environment().put("MPLBACKEND", "Agg");
        try {
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), () -> notebook + " failed:\n" + log);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertTrue(Files.exists(out.resolve(notebook)), "executed notebook written");
    }
}

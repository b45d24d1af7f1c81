package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.cli.CliRunner;
import org.sandbench.results.Csv;
import org.sandbench.testing.TestHome;

/**
 * A researcher's attempt, written outside the repository from the shipped template, runs through
 * --attempts-dir without any change to sandbench, and is judged correctly.
 */
class UserAttemptTest {

    @Test
    void anAttemptFromOutsideTheRepository(@TempDir Path dir) throws Exception {
        EscapeMatrixTest.requireArena();
        String template = Files.readString(TestHome.home().workloads().resolve("escapes/template/attempt-template.c"));
        // The template reads the canary through openat; this case uses a symlink it makes itself
        // in the allowed tree, pointing at the canary (what a compromised process would do).
        String src = template
                .replace("id: USR-01", "id: USR-07")
                .replace("name: my-attempt", "name: own-symlink")
                .replace("\tint fd = (int)SBX_TRY(\"openat\", \"canary\", openat(AT_FDCWD, sbx_env(\"SBX_CANARY\"), O_RDONLY));",
                        "\tchar link[4096];\n\tsnprintf(link, sizeof link, \"%s/mine\", sbx_env(\"SBX_ALLOWED\"));\n"
                                + "\tSBX_TRY(\"symlinkat\", \"allowed/mine -> canary\", symlinkat(sbx_env(\"SBX_CANARY\"), AT_FDCWD, link));\n"
                                + "\tint fd = (int)SBX_TRY(\"openat\", \"allowed/mine\", openat(AT_FDCWD, link, O_RDONLY));")
                .replace("#include <fcntl.h>", "#include <fcntl.h>\n#include <stdio.h>\n#include <unistd.h>")
                .replace("  seccomp: ESCAPED", "  seccomp: KILLED")
                .replace("  seccomp+landlock: BLOCKED", "  seccomp+landlock: KILLED")
                .replace("  seccomp-naive: BLOCKED", "  seccomp-naive: BLOCKED");
        assertTrue(src.contains("symlinkat"), "the template changed: update this test");
        Files.writeString(dir.resolve("usr07-own-symlink.c"), src);
        Path out = dir.resolve("out");
        CliRunner.Outcome o = CliRunner.run(TestHome.home().root(), "escapes", "--attempts-dir", dir.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o::all);
        Map<String, String> v = new HashMap<>();
        for (Map<String, String> r : Csv.read(out.resolve("escapes.csv")))
            v.put(r.get("model"), r.get("verdict") + " " + r.get("errno_or_signal"));
        assertEquals(Map.of("none", "ESCAPED -", "seccomp", "KILLED SIGSYS(symlinkat)", "landlock", "BLOCKED EACCES",
                "seccomp+landlock", "KILLED SIGSYS(symlinkat)", "seccomp-naive", "BLOCKED EPERM"), v);
    }
}

package org.sandbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the command line in-process against a given checkout, capturing its output and exit code. */
public final class CliRunner {
    public record Outcome(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private CliRunner() {
    }

    public static synchronized Outcome run(Path home, String... args) {
        String prevHome = System.getProperty("sandbench.home");
        PrintStream prevOut = System.out, prevErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setProperty("sandbench.home", home.toString());
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Main.originalArgs = args.clone();
            var cl = Main.commandLine();
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            int code = cl.execute(args);
            System.out.flush();
            System.err.flush();
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(prevOut);
            System.setErr(prevErr);
            if (prevHome == null)
                System.clearProperty("sandbench.home");
            else
                System.setProperty("sandbench.home", prevHome);
        }
    }
}

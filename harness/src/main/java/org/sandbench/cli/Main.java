package org.sandbench.cli;

import java.io.PrintWriter;
import org.sandbench.harness.SandbenchException;
import org.sandbench.models.policy.PolicyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The sandbench command line (contract: docs/cli.md and the SPEC's command table). */
@Command(name = "sandbench", mixinStandardHelpOptions = true, version = "sandbench 0.1.0",
        description = "Process-sandbox models compared on identical workloads: what each costs per system call, "
                + "and which escape attempts it stops.",
        subcommands = { RunCommand.class, SweepCommand.class, ValidateCommand.class, EscapesCommand.class,
                DoctorCommand.class, PolicyCommand.class, VmCommand.class, ReportCommand.class, CompareCommand.class,
                CommandLine.HelpCommand.class },
        footer = { "", "Exit codes: 0 success; 1 a regression, an unexpected escape or a failed measurement; "
                + "2 bad usage or input; 3 a required capability is missing on this host." })
public final class Main implements Runnable {
    static String[] originalArgs = new String[0];

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: sandbench run)");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, cmd.getErr()));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    static int handle(Exception ex, PrintWriter err) {
        if (ex instanceof SandbenchException s) {
            err.println("sandbench: " + s.getMessage());
            err.flush();
            return s.exitCode();
        }
        if (ex instanceof PolicyException p) {
            err.println("sandbench: " + p.getMessage());
            err.flush();
            return SandbenchException.USAGE;
        }
        err.println("sandbench: internal error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return SandbenchException.FAILED;
    }

    public static void main(String[] args) {
        originalArgs = args.clone();
        System.exit(commandLine().execute(args));
    }
}

package org.sandbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.Commands;
import org.sandbench.models.CompileContext;
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.Mode;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.landlock.CompatLevel;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.workloads.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "policy", description = "Inspect compiled policies.",
        subcommands = { PolicyCommand.Show.class })
final class PolicyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "policy needs a subcommand: show or export");
    }

    /** The workspace the shown policy is bound to; a real run binds a fresh one per trial. */
    static final String SHOW_WORKSPACE = "/tmp/sandbench-work";

    static class Common {
        @Parameters(index = "0", paramLabel = "WORKLOAD")
        String workload;

        @Option(names = "--model", required = true, paramLabel = "M")
        String model;

        @Option(names = "--mode", defaultValue = "retrofit", paramLabel = "retrofit|self")
        String mode;

        @Option(names = "--seccomp-default", paramLabel = "ACTION")
        String seccompDefault;

        @Option(names = "--landlock-abi", paramLabel = "N")
        Integer landlockAbi;

        CompiledPolicy compile(Session s) {
            Manifest m = s.catalog().get(workload);
            SandboxModel model;
            try {
                model = s.models().get(model());
                Mode md = Mode.parse(mode);
                SeccompAction def = seccompDefault == null ? null : SeccompAction.parse(seccompDefault);
                Bindings b = Bindings.of(Map.of("work", SHOW_WORKSPACE));
                for (String svc : m.services())
                    b = b.with("port." + svc, "40000");
                for (var p : m.params().entrySet())
                    b = b.with("param." + p.getKey(), p.getValue().values().get(0));
                String exe = s.home().root().resolve("native/build/workloads").resolve(m.binary()).toString();
                CompileContext ctx = new CompileContext(m.workload(), md, b, exe, SHOW_WORKSPACE + "/outside/landlock-probe",
                        new SeccompCompiler.Options(def, 1, false),
                        new LandlockCompiler.Options(landlockAbi == null ? LandlockAbi.LATEST_KNOWN : new LandlockAbi(landlockAbi),
                                CompatLevel.BEST_EFFORT));
                return model.compile(m.policy(), ctx);
            } catch (IllegalArgumentException e) {
                throw SandbenchException.usage(e.getMessage());
            }
        }

        private String model() {
            return model.trim();
        }
    }

    @Command(name = "show", description = "Print a workload's policy compiled for a model: libseccomp's PFC text, "
            + "the Landlock rules with their rights per ABI.")
    static final class Show extends Common implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "text", paramLabel = "text|plan")
        String format;

        @Override
        public Integer call() throws IOException {
            Session s = new Session();
            CompiledPolicy c = compile(s);
            if (c instanceof org.sandbench.models.capsicum.CapsicumPlan cap) {
                // Capsicum in the FreeBSD guest: the descriptors, their rights(4), capability mode (docs/vm.md).
                System.out.print(format.equals("plan") ? cap.render() : "# " + cap.title() + "; workspace shown as "
                        + SHOW_WORKSPACE + "\n" + cap.describe());
                return 0;
            }
            if (!(c instanceof LaunchPlan plan))
                throw SandbenchException.usage("model " + model + " has no launch plan to show");
            if (format.equals("plan")) {
                System.out.print(plan.render());
                return 0;
            }
            if (!format.equals("text"))
                throw SandbenchException.usage("unknown --format '" + format + "' (known: text, plan)");
            System.out.println("# " + plan.title() + "; workspace shown as " + SHOW_WORKSPACE);
            if (!plan.sandboxed()) {
                System.out.println("no sandbox: the workload runs with the launcher's full ambient authority");
                return 0;
            }
            plan.landlock().ifPresent(r -> System.out.print(r.describe()));
            if (!plan.seccomp().isEmpty()) {
                Path tmp = Files.createTempFile("sandbench-show", ".plan");
                try {
                    Files.writeString(tmp, plan.render());
                    Commands.Result r = Commands.run(List.of(s.home().launcher().toString(), "--plan", tmp.toString(),
                            "--export-pfc"), 20_000);
                    if (!r.ok())
                        throw SandbenchException.failed("sb-launch --export-pfc failed: " + r.err().trim());
                    System.out.println("seccomp (libseccomp " + s.syscalls().libseccompVersion() + " pseudo filter code):");
                    System.out.print(r.out());
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return 0;
        }
    }
}

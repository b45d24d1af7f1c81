package org.sandbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.sandbench.models.oci.ContainerModel;
import org.sandbench.models.oci.ContainerPolicy;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.workloads.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "policy", description = "Inspect compiled policies.",
        subcommands = { PolicyCommand.Show.class, PolicyCommand.Export.class })
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
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKLOAD",
                description = "The workload (optional for docker-default and oci:FILE, whose profile is the same for all).")
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
            if (workload == null)
                throw SandbenchException.usage("policy " + spec().name() + " needs a WORKLOAD for model " + model()
                        + " (./sandbench policy " + spec().name() + " getpid --model " + model() + ")");
            Manifest m = s.catalog().get(workload);
            SandboxModel model = s.model(model());
            try {
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

        String model() {
            return model.trim();
        }

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec commandSpec;

        picocli.CommandLine.Model.CommandSpec spec() {
            return commandSpec;
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
            if (s.model(model()) instanceof ContainerModel cm && !format.equals("plan")) {
                if (!format.equals("text"))
                    throw SandbenchException.usage("unknown --format '" + format + "' (known: text, plan)");
                Optional<String> profile = cm.analysisProfile();
                if (profile.isPresent()) {
                    ContainerProfiles.show(s.home(), cm.profileFile().map(Path::toString).orElse(
                            "Docker's default profile (models/data/docker-default-seccomp.json)"), profile.get(),
                            s.facts().kernelRelease(), System.out);
                    return 0;
                }
                ContainerPolicy cp = (ContainerPolicy) compile(s);
                System.out.println("# " + cp.title() + ": " + cp.describe());
                if (cp.profileJson() != null)
                    System.out.print(cp.profileJson());
                return 0;
            }
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

    @Command(name = "export", description = "Write a workload's seccomp policy as an OCI/Docker seccomp profile (JSON): "
            + "what `docker run --security-opt seccomp=FILE --security-opt no-new-privileges` loads.")
    static final class Export extends Common implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "oci", paramLabel = "oci", description = "oci (the only format so far).")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the profile here instead of standard output.")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("oci"))
                throw SandbenchException.usage("unknown --format '" + format + "' for export (known: oci)");
            Session s = new Session();
            String json = ContainerProfiles.export(s, this);
            if (out == null) {
                System.out.print(json);
            } else {
                Path abs = out.toAbsolutePath();
                if (abs.getParent() != null)
                    Files.createDirectories(abs.getParent());
                Files.writeString(abs, json);
                System.err.println("sandbench: wrote " + abs + " (" + json.length() + " bytes); run it with: docker run "
                        + "--security-opt seccomp=" + out + " --security-opt no-new-privileges ...");
            }
            return 0;
        }
    }
}

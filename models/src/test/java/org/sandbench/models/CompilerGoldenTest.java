package org.sandbench.models;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sandbench.models.landlock.CompatLevel;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyLoader;
import org.sandbench.models.seccomp.SeccompCompiler;

/** The compilers' readable output for representative policies, per model, mode and Landlock ABI. */
class CompilerGoldenTest {
    static final Bindings BINDINGS = Bindings.of(Map.of("work", "/tmp/sandbench-work", "port.api", "8443"));
    static final String EXE = "/opt/sandbench/native/build/workloads/example";
    static final String PROBE = "/tmp/sandbench-work/outside/landlock-probe";

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String policy : new String[] { "reader", "writer" })
            for (SandboxModel m : ModelRegistry.linuxHost().all())
                for (Mode mode : Mode.values())
                    b.add(Arguments.of(policy, m, mode, 7));
        // What an older kernel's ABI would enforce: no TCP rules before 4, no truncate before 3.
        b.add(Arguments.of("reader", LinuxLaunchModel.LANDLOCK, Mode.RETROFIT, 3));
        b.add(Arguments.of("writer", LinuxLaunchModel.LANDLOCK, Mode.RETROFIT, 1));
        b.add(Arguments.of("naive-denylist", LinuxLaunchModel.SECCOMP, Mode.RETROFIT, 7));
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} abi{3}")
    @MethodSource("cases")
    void planMatchesGolden(String policyName, SandboxModel model, Mode mode, int abi) {
        Policy p = PolicyLoader.load(Path.of("src/test/resources/policies", policyName + ".yaml"));
        CompileContext ctx = new CompileContext(policyName, mode, BINDINGS, EXE, PROBE, SeccompCompiler.Options.defaults(),
                new LandlockCompiler.Options(new LandlockAbi(abi), CompatLevel.BEST_EFFORT));
        LaunchPlan plan = (LaunchPlan) model.compile(p, ctx);
        String text = plan.render() + plan.landlock().map(r -> "\n# --- describe ---\n" + r.describe()).orElse("");
        Golden.check(Golden.dir(), "plans/" + policyName + "." + model.id().replace('+', '_') + "." + mode.id()
                + ".abi" + abi + ".plan", text);
    }
}

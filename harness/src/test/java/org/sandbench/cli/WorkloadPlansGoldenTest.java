package org.sandbench.cli;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sandbench.models.CompileContext;
import org.sandbench.models.Golden;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.models.Mode;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.testing.TestHome;
import org.sandbench.workloads.Manifest;
import org.sandbench.workloads.WorkloadCatalog;

/** Every shipped workload's policy, compiled for the combined model in both modes. */
class WorkloadPlansGoldenTest {
    static Stream<Arguments> cases() {
        return WorkloadCatalog.load(TestHome.home().workloads()).all().stream()
                .flatMap(m -> Stream.of(Arguments.of(m.workload(), Mode.RETROFIT), Arguments.of(m.workload(), Mode.SELF)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void planMatchesGolden(String workload, Mode mode) {
        Manifest m = WorkloadCatalog.load(TestHome.home().workloads()).get(workload);
        Bindings b = Bindings.of(Map.of("work", "/tmp/sandbench-work", "port.udp-sink", "40000",
                "port.jmh-link", "40001", "port.echo-port", "40002", "java.home", "/usr/lib/jvm/java-17"));
        for (var p : m.params().entrySet())
            b = b.with("param." + p.getKey(), p.getValue().values().get(0));
        CompileContext ctx = new CompileContext(workload, mode, b, "/opt/sandbench/native/build/workloads/" + m.binary(),
                "/tmp/sandbench-work/outside/landlock-probe", SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults());
        LaunchPlan plan = LinuxLaunchModel.SECCOMP_LANDLOCK.compile(m.policy(), ctx);
        Golden.check(Golden.dir(), "workload-plans/" + workload + "." + mode.id() + ".plan", plan.render());
    }
}

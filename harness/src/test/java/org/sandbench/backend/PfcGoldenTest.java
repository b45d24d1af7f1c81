package org.sandbench.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sandbench.host.Commands;
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

/** libseccomp's pseudo filter code for shipped workloads: what `policy show` prints for seccomp. */
class PfcGoldenTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = { "getpid", "open-close", "udp-send" })
    void pfcMatchesGolden(String workload) throws Exception {
        String version = TestHome.syscalls().libseccompVersion();
        Assumptions.assumeTrue(version.equals("2.5.4"),
                "SKIPPED: PFC golden files were made with libseccomp 2.5.4, this host has " + version);
        Manifest m = WorkloadCatalog.load(TestHome.home().workloads()).get(workload);
        CompileContext ctx = new CompileContext(workload, Mode.RETROFIT, Bindings.of(Map.of("work", "/w", "port.udp-sink", "9")),
                "/w/exe", "/w/probe", SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults());
        LaunchPlan plan = LinuxLaunchModel.SECCOMP.compile(m.policy(), ctx);
        Path f = tmp.resolve("p.plan");
        Files.writeString(f, plan.render());
        Commands.Result r = Commands.run(List.of(TestHome.home().launcher().toString(), "--plan", f.toString(), "--export-pfc"), 20_000);
        assertEquals(0, r.exit(), r.err());
        Golden.check(Golden.dir(), "pfc/" + workload + ".seccomp.retrofit.pfc", r.out());
    }
}

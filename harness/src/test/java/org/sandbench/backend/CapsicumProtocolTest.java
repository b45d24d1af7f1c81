package org.sandbench.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sandbench.models.Enforcement;
import org.sandbench.models.Mode;
import org.sandbench.models.capsicum.CapsicumModel;
import org.sandbench.models.capsicum.CapsicumPlan;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.testing.TestHome;

/**
 * What a FreeBSD guest prints (native/freebsd/sb_capsicum.c) through TrialParser into the
 * capsicum model's check: a table of guest outputs and the verdict each must give.
 */
class CapsicumProtocolTest {
    static final String START = "SB1 start workload=open-close mode=self pid=42 launch_to_main_ns=-1";
    static final String SETUP = "SB1 setup capsicum_preopen_ns=5000 capsicum_limit_ns=3000 cap_enter_ns=800";
    static final String ENFORCED = "SB1 enforced capsicum limited=4 preopens=1 ioctl_limits=3 fcntl_limits=4 cap_enter=1 "
            + "message=capability mode; 4 descriptors limited (3 with an ioctl list, 4 with fcntl limits), 1 preopened";
    static final String PROOF = "SB1 proof capsicum cap_mode=1 probe=denied probe_errno=94";
    static final List<String> MEASURED = List.of("SB1 ready setup_ns=9000", "SB1 calib iters=100 target_ns=5000000",
            "SB1 batch i=0 iters=100 ns=50000", "SB1 end batches=1");

    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of("in force", List.of(START, SETUP, ENFORCED, PROOF), 0, TrialResult.Status.OK, null),
                Arguments.of("not in capability mode", List.of(START, SETUP, ENFORCED.replace("cap_enter=1", "cap_enter=0"),
                        "SB1 proof capsicum cap_mode=0 probe=allowed probe_errno=0"), 0, TrialResult.Status.OK,
                        "cap_getmode(2) reports 0"),
                Arguments.of("a descriptor not limited", List.of(START, SETUP, ENFORCED.replace("limited=4", "limited=3"), PROOF),
                        0, TrialResult.Status.OK, "the guest limited 3 descriptors, the plan has 4"),
                // The workload's own open refused by capability mode: the policy, not the sandbox, is wrong.
                Arguments.of("denied with ECAPMODE", List.of(START, SETUP, ENFORCED, PROOF,
                        "SB1 error op=openat detail=/tmp/w/outside/x errno=94 message=Not permitted in capability mode"),
                        4, TrialResult.Status.DENIED, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void guestOutputToVerdict(String name, List<String> lines, int exit, TrialResult.Status status, String problem) {
        List<String> all = new java.util.ArrayList<>(lines);
        if (exit == 0)
            all.addAll(MEASURED);
        TrialResult r = new TrialParser(TestHome.syscalls()).parse(all, exit, false, "", 1_000_000);
        assertEquals(status, r.status(), r.message());
        if (status == TrialResult.Status.DENIED) {
            assertTrue(r.message().contains("errno 94"), r.message());
            return;
        }
        assertEquals(800L, r.setupNs().get("cap_enter_ns"));
        assertTrue(r.enforced().startsWith("capsicum: "), r.enforced());
        CapsicumPlan plan = CapsicumModel.CAPSICUM.compile(org.sandbench.workloads.WorkloadCatalog.loadManifest(
                TestHome.home().workloads().resolve("micro/open-close.yaml")).policy(),
                new org.sandbench.models.CompileContext("open-close", Mode.SELF,
                        Bindings.of(Map.of("work", "/tmp/w")), "/x", "/tmp/w/outside/landlock-probe",
                        SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults()));
        Optional<String> p = CapsicumModel.CAPSICUM.checkEnforced(plan, r.enforcement(), Enforcement.UNKNOWN);
        if (problem == null)
            assertEquals(Optional.empty(), p);
        else
            assertTrue(p.orElse("").contains(problem), p.toString());
    }
}

package org.sandbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sandbench.models.capsicum.CapRight;
import org.sandbench.models.capsicum.CapsicumModel;
import org.sandbench.models.capsicum.CapsicumPlan;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.policy.PolicyLoader;
import org.sandbench.models.seccomp.SeccompCompiler;

/** The Capsicum compiler's readable output (plan + describe) for the same policies as the Linux compilers. */
class CapsicumCompilerGoldenTest {

    static CompileContext ctx(String workload, Mode mode) {
        return new CompileContext(workload, mode, CompilerGoldenTest.BINDINGS, CompilerGoldenTest.EXE,
                CompilerGoldenTest.PROBE, SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults());
    }

    static Policy policy(String name) {
        return PolicyLoader.load(Path.of("src/test/resources/policies", name + ".yaml"));
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String p : new String[] { "reader", "writer", "naive-denylist" })
            for (CapsicumModel m : new CapsicumModel[] { CapsicumModel.CAPSICUM, CapsicumModel.BASELINE })
                b.add(Arguments.of(p, m));
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void planMatchesGolden(String policyName, CapsicumModel model) {
        CapsicumPlan plan = model.compile(policy(policyName), ctx(policyName, Mode.SELF));
        String text = plan.render() + "\n# --- describe ---\n" + plan.describe();
        String id = model == CapsicumModel.CAPSICUM ? "capsicum" : "capsicum-baseline";
        Golden.check(Golden.dir(), "plans/" + policyName + "." + id + ".self.plan", text);
    }

    @Test
    void retrofitIsRefusedWithTheReason() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> CapsicumModel.CAPSICUM.compile(policy("reader"), ctx("reader", Mode.RETROFIT)));
        assertTrue(e.getMessage().contains("capsicum has no retrofit mode"), e.getMessage());
        assertTrue(e.getMessage().contains("--mode self"), e.getMessage());
    }

    /** (what the guest reported -> the check's verdict): a model that is not in force records no number. */
    static Stream<Arguments> enforcementCases() {
        return Stream.of(
                Arguments.of(Map.of("capsicum.cap_mode", "1", "capsicum.probe", "denied", "capsicum.probe_errno", "94",
                        "capsicum.limited", "5"), null),
                Arguments.of(Map.of("capsicum.cap_mode", "0", "capsicum.probe", "allowed", "capsicum.probe_errno", "0",
                        "capsicum.limited", "5"), "cap_getmode(2) reports 0"),
                Arguments.of(Map.of("capsicum.cap_mode", "1", "capsicum.probe", "denied", "capsicum.probe_errno", "13",
                        "capsicum.limited", "5"), "not ECAPMODE (94)"),
                Arguments.of(Map.of("capsicum.cap_mode", "1", "capsicum.probe", "denied", "capsicum.probe_errno", "94",
                        "capsicum.limited", "3"), "the guest limited 3 descriptors, the plan has 5"),
                Arguments.of(Map.of(), "reports nothing"));
    }

    @ParameterizedTest
    @MethodSource("enforcementCases")
    void checkEnforced(Map<String, String> proofs, String expectedProblem) {
        CapsicumPlan plan = CapsicumModel.CAPSICUM.compile(policy("reader"), ctx("reader", Mode.SELF));
        assertEquals(5, plan.limitedDescriptors(), "stdio (3) and the two preopened directories are limited");
        Enforcement e = new Enforcement(-1, -1, -2, 0, 0, 0, 0, 0, 0, null, "unknown", "unknown", proofs);
        Optional<String> problem = CapsicumModel.CAPSICUM.checkEnforced(plan, e, Enforcement.UNKNOWN);
        if (expectedProblem == null)
            assertEquals(Optional.empty(), problem);
        else
            assertTrue(problem.isPresent() && problem.get().contains(expectedProblem), problem.toString());
    }

    @Test
    void rightsWordsMatchSysCapsicumH() {
        // CAP_FSTATAT is CAP_FSTAT | CAP_LOOKUP; CAP_SEEK includes CAP_SEEK_TELL (sys/sys/capsicum.h).
        long[] w = CapRight.words(java.util.EnumSet.of(CapRight.FSTATAT));
        assertEquals(0x80000L | 0x400L, w[0]);
        assertEquals(CapRight.SEEK.bits & CapRight.SEEK_TELL.bits, CapRight.SEEK_TELL.bits);
        assertEquals(1, CapRight.IOCTL.index);
    }

    @Test
    void capsicumErrnosAreBlockedAndTheTrapIsKilled() {
        assertEquals("BLOCKED", org.sandbench.models.capsicum.CapsicumErrno.ofErrno(93).orElseThrow().verdict());
        assertEquals("ECAPMODE", org.sandbench.models.capsicum.CapsicumErrno.ofErrno(94).orElseThrow().errnoOrSignal());
        assertTrue(org.sandbench.models.capsicum.CapsicumErrno.ofErrno(13).isEmpty(), "EACCES is not Capsicum's");
        assertEquals("KILLED", org.sandbench.models.capsicum.CapsicumErrno.ofSignal(5).orElseThrow().verdict());
        assertTrue(org.sandbench.models.capsicum.CapsicumErrno.ofSignal(31).isEmpty());
    }
}

package org.sandbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetupCostsTest {
    static Map<String, String> trial(String model, int filters, int abi, long compile, long load, long build,
                                     long restrict, long launcher, long toMain) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("backend", "local");
        t.put("model", model);
        t.put("seccomp_filters", Integer.toString(filters));
        t.put("landlock_abi", Integer.toString(abi));
        t.put("seccomp_compile_ns", Long.toString(compile));
        t.put("seccomp_load_ns", Long.toString(load));
        t.put("landlock_build_ns", Long.toString(build));
        t.put("landlock_restrict_ns", Long.toString(restrict));
        t.put("launcher_ns", Long.toString(launcher));
        t.put("launch_to_main_ns", Long.toString(toMain));
        return t;
    }

    @Test
    void rowsPerModelAndStageWithTheBaselineBeside() {
        List<Map<String, String>> trials = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            trials.add(trial("none", 0, -2, 70, 200, 0, 0, 50_000 + i, 700_000 + i));
            trials.add(trial("seccomp", 1, -2, 150_000 + i, 90_000, 0, 0, 300_000, 800_000));
            trials.add(trial("landlock", 0, 7, 40, 30, 15_000, 6_000, 200_000, 750_000));
        }
        List<String> got = new ArrayList<>();
        for (SetupCosts.Row r : SetupCosts.fromTrials(trials, "none"))
            got.add(r.model() + " " + r.stage() + " " + Math.round(r.ns().estimate()) + " base "
                    + Math.round(r.baseline()) + " over " + Math.round(r.overhead().estimate()));
        assertEquals(List.of(
                "none launcher_to_exec 50004 base 50004 over 0",
                "none launch_to_main 700004 base 700004 over 0",
                "landlock landlock_build 15000 base 0 over 15000",
                "landlock landlock_restrict_self 6000 base 0 over 6000",
                "landlock launcher_to_exec 200000 base 50004 over 149996",
                "landlock launch_to_main 750000 base 700004 over 49996",
                "seccomp seccomp_compile 150004 base 70 over 149934",
                "seccomp seccomp_load 90000 base 200 over 89800",
                "seccomp launcher_to_exec 300000 base 50004 over 249996",
                "seccomp launch_to_main 800000 base 700004 over 99996"), got);
    }
}

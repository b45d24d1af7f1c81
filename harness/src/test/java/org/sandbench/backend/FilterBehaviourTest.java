package org.sandbench.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.host.Commands;
import org.sandbench.models.CompileContext;
import org.sandbench.models.LinuxLaunchModel;
import org.sandbench.models.Mode;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyLoader;
import org.sandbench.models.seccomp.BpfProgram;
import org.sandbench.models.seccomp.BpfSimulator;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.testing.TestHome;

/**
 * The compiled filter, without privileges: compile a policy, let libseccomp build the
 * BPF (sb-launch --export-bpf, the exact program the kernel would load), and run it in
 * the simulator.  Rows: (policy, arch, syscall, args -> action, cacheable).
 */
class FilterBehaviourTest {
    static final Map<String, String> POLICIES = Map.of(
            "rpath", "promises: [stdio, rpath]\n",
            "naive", "seccomp: {style: denylist, deny: [open, openat, openat2], arch-check: false}\n",
            "checked-denylist", "seccomp: {style: denylist, deny: [open, openat, openat2]}\n");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}: {1} {2}({3}) -> {4}")
    @CsvSource(delimiter = '|', value = {
        // policy          | arch   | syscall     | a0,a1,a2      | action        | cacheable
        "rpath             | x86_64 | getpid      | 0,0,0         | allow         | true",
        "rpath             | x86_64 | openat      | -100,0,0      | allow         | false",   // O_RDONLY: argument rule
        "rpath             | x86_64 | openat      | -100,0,1      | trap          | false",   // O_WRONLY
        "rpath             | x86_64 | openat      | -100,0,0x80000 | allow        | false",   // O_RDONLY|O_CLOEXEC
        "rpath             | x86_64 | ptrace      | 0,0,0         | trap          | false",
        "rpath             | x86_64 | ioctl       | 0,0x5401,0    | allow         | false",   // TCGETS
        "rpath             | x86_64 | ioctl       | 0,0x5412,0    | trap          | false",   // TIOCSTI
        "rpath             | i386   | #5          | 0,0,0         | kill-process  | false",   // int $0x80 open: bad arch
        "rpath             | x86_64 | #1073742081 | 0,0,0         | kill-process  | false",   // x32 openat (0x40000000|257)
        "naive             | x86_64 | openat      | 0,0,0         | errno(1)      | false",
        "naive             | x86_64 | getpid      | 0,0,0         | allow         | true",
        "naive             | i386   | #5          | 0,0,0         | allow         | false",   // the int $0x80 bypass
        "naive             | x86_64 | #1073742081 | 0,0,0         | allow         | false",   // the x32 bypass (where x32 is built)
        "checked-denylist  | i386   | #5          | 0,0,0         | kill-process  | false",
        "checked-denylist  | x86_64 | #1073742081 | 0,0,0         | kill-process  | false",
    })
    void filterDecides(String policy, String arch, String syscall, String args, String action, boolean cacheable)
            throws Exception {
        Policy p = PolicyLoader.parse(policy, POLICIES.get(policy), Policy.class);
        CompileContext ctx = new CompileContext("t", Mode.SELF, Bindings.of(Map.of()), null, null,
                SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults());
        LaunchPlan plan = LinuxLaunchModel.SECCOMP.compile(p, ctx);
        Path planFile = tmp.resolve("p.plan");
        Files.writeString(planFile, plan.render());
        Commands.Result r = Commands.run(List.of(TestHome.home().launcher().toString(), "--plan", planFile.toString(),
                "--export-bpf", tmp.resolve("f").toString()), 20_000);
        assertEquals(0, r.exit(), r.err());
        BpfProgram prog = BpfProgram.parse(Files.readAllBytes(tmp.resolve("f-0.bpf")));

        int nr = syscall.startsWith("#") ? Integer.parseInt(syscall.substring(1)) : TestHome.syscalls().number(syscall);
        int audit = arch.equals("i386") ? BpfSimulator.AUDIT_ARCH_I386 : BpfSimulator.AUDIT_ARCH_X86_64;
        long[] a = java.util.Arrays.stream(args.split(",")).mapToLong(s -> s.trim().startsWith("0x")
                ? Long.parseLong(s.trim().substring(2), 16) : Long.parseLong(s.trim())).toArray();
        BpfSimulator.Result res = BpfSimulator.run(prog, nr, audit, 0, a);
        assertEquals(action, res.action().toString(), () -> prog.disassemble());
        if (arch.equals("x86_64") && !syscall.startsWith("#"))
            assertEquals(cacheable, BpfSimulator.cacheableAllow(prog, nr), "cacheable");
        assertTrue(res.executed() > 0);
    }
}

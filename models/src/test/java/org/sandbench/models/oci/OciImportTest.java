package org.sandbench.models.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.models.Golden;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompRule;

/**
 * The profile loader without Docker: Docker's own default profile imported for this host
 * (amd64, Docker's default capabilities, kernel 6.18, libseccomp 2.5.4 from a resolver
 * table the harness regenerates and diffs), and behaviour tables for each profile feature.
 */
class OciImportTest {
    static final SyscallResolver LIBSECCOMP_254 = resolver();
    static final ProfileTarget HOST = ProfileTarget.dockerDefault("6.18.0-1-amd64");

    static SyscallResolver resolver() {
        try {
            return SyscallResolver.parse(Files.readString(Path.of("src/test/resources/oci/libseccomp-2.5.4.resolve")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static OciImporter.Imported dockerDefault(ProfileTarget t) {
        return OciImporter.importProfile("docker-default-seccomp.json",
                OciProfile.parse("docker-default", ContainerModel.dockerDefaultProfileText()), t, LIBSECCOMP_254);
    }

    @Test
    void dockerDefaultProfileOnThisHost() {
        OciImporter.Imported imp = dockerDefault(HOST);
        ImportReport r = imp.report();
        Golden.check(Golden.dir(), "oci/docker-default.amd64.report", r.render());
        assertEquals(33, r.groups());
        assertEquals(SeccompAction.errno(1), r.defaultAction());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), r.architectures());
        assertTrue(imp.filter().addX86(), "the x86 sub-architecture is in the filter: int $0x80 gets the same rules by name");
        // The names this libseccomp does not know: calls newer than 2.5.4 (Linux 6.8-6.17), in the groups that apply ...
        assertEquals(new TreeSet<>(List.of("getxattrat", "listmount", "listxattrat", "mseal", "removexattrat",
                "riscv_hwprobe", "setxattrat", "statmount", "uretprobe")), r.unknown());
        // ... and the lsm_* calls, which sit in the CAP_SYS_ADMIN group.
        assertEquals(12, r.unknownAnywhere().size());
        assertTrue(r.unknownAnywhere().containsAll(List.of("lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr")));
        assertEquals(Set.of("clone", "personality", "socket"), r.conditional().keySet());
        assertEquals("errno(38)", r.otherAction().get("clone3"), "clone3 fails with ENOSYS so that glibc falls back to clone");
        // io_uring is blocked since moby#46762; the rest are the classic container-escape and kernel-surface calls.
        for (String blocked : List.of("mount", "unshare", "setns", "keyctl", "add_key", "bpf", "reboot", "kexec_load",
                "io_uring_setup", "userfaultfd", "perf_event_open", "open_by_handle_at"))
            assertTrue(r.blocked().contains(blocked), blocked + " is blocked by the default action");
        // ptrace and process_vm_* are allowed from kernel 4.8 on (their group's minKernel), chroot with CAP_SYS_CHROOT.
        for (String allowed : List.of("getpid", "openat", "chroot", "ptrace", "process_vm_readv"))
            assertTrue(r.allowed().contains(allowed), allowed + " is allowed");
        assertEquals(r.nativeKnown(), r.allowed().size() + r.conditional().size() + r.otherAction().size() + r.blocked().size()
                + r.enosys().size(), "every x86-64 call is accounted for exactly once");
        // runc's stub: above the highest call the profile names that libseccomp 2.5.4 knows (futex_requeue, 456),
        // everything is ENOSYS: mseal (462) and listmount (458), which the profile means to allow, included.
        assertEquals(456, r.enosysAbove());
        assertTrue(r.enosys().isEmpty(), "libseccomp 2.5.4 knows nothing above 456: " + r.enosys());
    }

    @Test
    void capabilitiesChangeWhatTheProfileAllows() {
        ProfileTarget admin = HOST.withCapabilities(union(ProfileTarget.DOCKER_DEFAULT_CAPS, "CAP_SYS_ADMIN"));
        ImportReport r = dockerDefault(admin).report();
        for (String n : List.of("mount", "unshare", "setns", "bpf", "clone", "clone3"))
            assertTrue(r.allowed().contains(n), n + " is allowed with CAP_SYS_ADMIN");
        assertFalse(r.otherAction().containsKey("clone3"), "the ENOSYS rule for clone3 is excluded with CAP_SYS_ADMIN");
        ImportReport none = dockerDefault(HOST.withCapabilities(Set.of())).report();
        assertTrue(none.blocked().contains("chroot"), "chroot needs CAP_SYS_CHROOT");
    }

    @Test
    void theShippedProfileIsTheSharedReference() throws IOException {
        // CI clones beside shared/; a developer's worktree sits one level deeper.
        Path shared = null;
        for (String rel : List.of("../shared", "../../shared")) {
            Path p = Golden.home().resolve(rel).resolve("data/docker-default-seccomp.json").normalize();
            if (Files.exists(p))
                shared = p;
        }
        Assumptions.assumeTrue(shared != null, "no shared/data/ beside the checkout: nothing to compare the shipped copy with");
        assertEquals(Files.readString(shared), ContainerModel.dockerDefaultProfileText(),
                "models/data/docker-default-seccomp.json differs from " + shared + ": copy it over and review the report golden");
    }

    /** One rule group with includes/excludes against the host target (amd64, default caps, kernel 6.18). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // filter JSON                                                          | skipped because (empty: applies)
        "'\"includes\": {}'                                                     | ",
        "'\"includes\": {\"arches\": [\"amd64\", \"x32\"]}'                     | ",
        "'\"includes\": {\"arches\": [\"arm64\"]}'                              | only for arm64",
        "'\"includes\": {\"caps\": [\"CAP_SYS_CHROOT\"]}'                       | ",
        "'\"includes\": {\"caps\": [\"CAP_SYS_CHROOT\", \"CAP_SYS_ADMIN\"]}'    | needs CAP_SYS_ADMIN, which the container does not hold",
        "'\"includes\": {\"minKernel\": \"4.8\"}'                               | ",
        "'\"includes\": {\"minKernel\": \"6.19\"}'                              | needs kernel 6.19 or later",
        "'\"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}'                        | ",
        "'\"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\", \"CAP_KILL\"]}'          | excluded: the container holds CAP_KILL",
        "'\"excludes\": {\"arches\": [\"amd64\"]}'                              | excluded on amd64",
        "'\"excludes\": {\"minKernel\": \"5.4\"}'                               | excluded from kernel 5.4 on",
        "'\"excludes\": {\"minKernel\": \"7.0\"}'                               | ",
    })
    void includesAndExcludes(String filter, String skippedBecause) {
        OciProfile p = OciProfile.parse("t", "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"getpid\"], "
                + "\"action\": \"SCMP_ACT_ALLOW\", " + filter + "}]}");
        ImportReport r = OciImporter.importProfile("t", p, HOST, LIBSECCOMP_254).report();
        if (skippedBecause == null) {
            assertTrue(r.skipped().isEmpty(), "applies: " + r.skipped());
            assertTrue(r.allowed().contains("getpid"));
        } else {
            assertEquals(1, r.skipped().size());
            assertEquals(skippedBecause, r.skipped().get(0).reason());
            assertTrue(r.blocked().contains("getpid"));
        }
    }

    /** A rule group's action and arguments -> the rules of sandbench's filter (plan syntax). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // action, errnoRet                        | args JSON                                                                                   | plan lines
        "'\"action\": \"SCMP_ACT_ALLOW\"'          | '{\"index\": 0, \"value\": 2, \"op\": \"SCMP_CMP_EQ\"}'                                     | seccomp-rule allow socket a0==0x2",
        "'\"action\": \"SCMP_ACT_ALLOW\"'          | '{\"index\": 0, \"value\": 2114060288, \"valueTwo\": 0, \"op\": \"SCMP_CMP_MASKED_EQ\"}'    | seccomp-rule allow socket a0&0x7e020000==0x0",
        "'\"action\": \"SCMP_ACT_ALLOW\"'          | '{\"index\": 1, \"value\": 18446744073709551615, \"op\": \"SCMP_CMP_NE\"}'                  | seccomp-rule allow socket a1!=0xffffffffffffffff",
        "'\"action\": \"SCMP_ACT_ALLOW\"'          | '{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_GE\"}, {\"index\": 1, \"value\": 3, \"op\": \"SCMP_CMP_LT\"}' | seccomp-rule allow socket a0>=0x1 a1<0x3",
        // runc adds repeated comparisons of one argument as separate rules: they OR.
        "'\"action\": \"SCMP_ACT_ALLOW\"'          | '{\"index\": 0, \"value\": 2, \"op\": \"SCMP_CMP_EQ\"}, {\"index\": 0, \"value\": 10, \"op\": \"SCMP_CMP_EQ\"}' | seccomp-rule allow socket a0==0x2; seccomp-rule allow socket a0==0xa",
        "'\"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 38' |                                                                               | seccomp-rule errno(38) socket",
        "'\"action\": \"SCMP_ACT_ERRNO\"'          |                                                                                             | ",
        "'\"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1' |                                                                                | ",
        "'\"action\": \"SCMP_ACT_TRACE\"'          |                                                                                             | seccomp-rule errno(38) socket",
        "'\"action\": \"SCMP_ACT_KILL\"'           |                                                                                             | seccomp-rule kill-thread socket",
        "'\"action\": \"SCMP_ACT_KILL_PROCESS\"'   |                                                                                             | seccomp-rule kill-process socket",
        "'\"action\": \"SCMP_ACT_TRAP\"'           |                                                                                             | seccomp-rule trap socket",
        "'\"action\": \"SCMP_ACT_LOG\"'            |                                                                                             | seccomp-rule log socket",
    })
    void actionsAndArguments(String action, String args, String planLines) {
        String json = "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"socket\"], " + action
                + (args == null ? "" : ", \"args\": [" + args + "]") + "}]}";
        OciImporter.Imported imp = OciImporter.importProfile("t", OciProfile.parse("t", json), HOST, LIBSECCOMP_254);
        List<String> lines = imp.filter().rules().stream().map(SeccompRule::planLine).toList();
        assertEquals(planLines == null ? List.of() : List.of(planLines.split("; ")), lines,
                "rules repeating the default action errno(1) are dropped, as runc drops them");
    }

    @Test
    void namesTheLibraryCannotResolveAreReportedNotFatal() {
        OciProfile p = OciProfile.parse("t", "{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", \"defaultErrnoRet\": 1, "
                + "\"syscalls\": [{\"names\": [\"getpid\", \"mseal\", \"chown32\"], \"action\": \"SCMP_ACT_ALLOW\"}]}");
        OciImporter.Imported imp = OciImporter.importProfile("t", p, HOST, LIBSECCOMP_254);
        assertEquals(Set.of("mseal"), imp.report().unknown());
        assertEquals(Set.of("chown32"), imp.report().otherArch());
        assertTrue(imp.filter().skipUnknown(), "the launcher reports and skips them (unknown=skip), as runc skips them");
        assertEquals(SeccompAction.KILL_PROCESS, imp.filter().defaultAction());
        assertTrue(imp.report().render().contains("mseal"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"syscalls\": []}                                                                      | no defaultAction: not a seccomp profile",
        "{\"defaultAction\": \"SCMP_ACT_BOGUS\"}                                                 | unknown action 'SCMP_ACT_BOGUS'",
        "{\"defaultAction\": \"SCMP_ACT_NOTIFY\"}                                                | SCMP_ACT_NOTIFY needs a seccomp agent",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"name\": \"a\", \"names\": [\"b\"], \"action\": \"SCMP_ACT_ALLOW\"}]} | both 'name' and 'names' are given",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86_64\"], \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]} | both 'architectures' and 'archMap' are given",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 6, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]}]} | index 6 is not a syscall argument",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_LIKE\"}]}]} | unknown argument operator 'SCMP_CMP_LIKE'",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 5000}]} | errnoRet 5000 is outside 0-4095",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}]} | -1 is not an unsigned 64-bit value",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"],}]}       | not a valid seccomp profile",
    })
    void badProfilesSayWhatIsWrong(String json, String message) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> OciImporter.importProfile("p.json", OciProfile.parse("p.json", json), HOST, LIBSECCOMP_254));
        assertTrue(e.getMessage().startsWith("p.json"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void archMapKeepsOnlyTheEnginesArchitecture() {
        OciProfile p = OciProfile.parse("t", "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": ["
                + "{\"architecture\": \"SCMP_ARCH_AARCH64\", \"subArchitectures\": [\"SCMP_ARCH_ARM\"]},"
                + "{\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"SCMP_ARCH_X86\"]}]}");
        ImportReport r = OciImporter.importProfile("t", p, HOST, LIBSECCOMP_254).report();
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"), r.architectures());
        assertNull(OciImporter.skipReason(new OciProfile.Syscall(List.of("a"), null, "SCMP_ACT_ALLOW", null, List.of(), null,
                null, null), HOST));
    }

    private static Set<String> union(List<String> a, String b) {
        Set<String> s = new TreeSet<>(a);
        s.add(b);
        return s;
    }
}

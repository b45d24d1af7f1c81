package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.harness.SandbenchException;
import org.sandbench.models.Mode;
import org.sandbench.testing.TestHome;

/** The corpus describes itself completely, and bad metadata is refused with a message naming the file. */
class AttemptMetadataTest {
    static AttemptCatalog corpus() {
        Path dir = TestHome.home().workloads().resolve("escapes");
        return AttemptCatalog.load(dir, src -> src.resolveSibling("unbuilt"));
    }

    @Test
    void corpusCoversTheCatalogue() {
        List<Attempt> all = corpus().all();
        assertTrue(all.size() >= 45, "at least 45 attempts, found " + all.size());
        assertEquals(EnumSet.allOf(Category.class), all.stream().map(Attempt::category).collect(Collectors.toCollection(() -> EnumSet.noneOf(Category.class))));
        for (Attempt a : all) {
            String stem = a.source().getFileName().toString().replace(".c", "");
            assertTrue(stem.startsWith(a.id().toLowerCase().replace("-", "")), a.id() + " lives in " + stem + ".c");
            assertFalse(a.does().isBlank() || a.lesson().isBlank(), a.id());
            for (String m : AttemptCatalog.MODEL_IDS)
                for (Mode mode : a.modes())
                    assertTrue(a.expectation(m, mode).isPresent(), a.id() + " states no expectation for " + m);
        }
        // The classics the issue names.
        Set<String> ids = all.stream().map(Attempt::id).collect(Collectors.toSet());
        for (String classic : List.of("BYP-01", "BYP-03", "DEV-01", "FS-10", "FS-06", "FS-05", "NET-05", "IPC-01", "IPC-04", "AMB-01", "AMB-03"))
            assertTrue(ids.contains(classic), classic);
    }

    @Test
    void expectationsResolvePerAbi() {
        Attempt net = corpus().get("NET-01");
        assertEquals(Verdict.ESCAPED, net.expectation("landlock", Mode.RETROFIT).get().at(3));
        assertEquals(Verdict.BLOCKED, net.expectation("landlock", Mode.RETROFIT).get().at(4));
        assertEquals(Verdict.ESCAPED, corpus().get("FS-10").expectation("landlock", Mode.RETROFIT).get().at(2));
        assertEquals(Verdict.KILLED, corpus().get("FS-16").expectation("seccomp", Mode.SELF).get().at(7));
        assertEquals(Verdict.ESCAPED, corpus().get("FS-16").expectation("seccomp", Mode.RETROFIT).get().at(7));
    }

    @Test
    void hostConditionsAndFeaturesTurnIntoNaHost() {
        Attempt bpf = corpus().get("KAS-01");
        HostCondition.HostView disabled = view(Map.of("kernel.unprivileged_bpf_disabled", "2"), Map.of());
        HostCondition.HostView enabled = view(Map.of("kernel.unprivileged_bpf_disabled", "0"), Map.of());
        Arena.Features all = new Arena.Features(true, true, true, true), none = new Arena.Features(false, false, false, false);
        Expectations meta = Expectations.metadataOnly();
        assertEquals(Optional.of(Verdict.NA_HOST), meta.expected(bpf, "landlock", Mode.RETROFIT, 7, disabled, all));
        assertEquals(Optional.of(Verdict.ESCAPED), meta.expected(bpf, "landlock", Mode.RETROFIT, 7, enabled, all));
        assertEquals(Optional.of(Verdict.NA_HOST), meta.expected(corpus().get("IPC-03"), "none", Mode.RETROFIT, 7, enabled, none));
        assertEquals(Optional.of(Verdict.NA_PLATFORM), meta.expected(corpus().get("AMB-06"), "none", Mode.RETROFIT, 7, enabled, all));
        HostCondition x32 = HostCondition.parse("kconfig CONFIG_X86_X32_ABI");
        assertEquals(Optional.of(false), x32.holds(view(Map.of(), Map.of("CONFIG_X86_X32_ABI", false))));
        assertEquals(Optional.empty(), x32.holds(view(Map.of(), Map.of())));
    }

    static HostCondition.HostView view(Map<String, String> sysctl, Map<String, Boolean> kconfig) {
        return new HostCondition.HostView() {
            @Override
            public Optional<String> sysctl(String name) {
                return Optional.ofNullable(sysctl.get(name));
            }

            @Override
            public Optional<Boolean> kconfig(String name) {
                return kconfig.isEmpty() ? Optional.empty() : Optional.of(kconfig.getOrDefault(name, false));
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "id: fs-1                                   | 'id' must look like FS-01",
        "category: files                            | unknown category 'files'",
        "evidence: [token:password]                 | unknown token 'password'",
        "evidence: [listener:tcp9]                  | unknown listener 'tcp9'",
        "evidence: [file-changed:../etc/passwd]     | an arena path is relative to ws/",
        "evidence: [guess]                          | unknown evidence 'guess'",
        "expect: {none: ESCAPED, docker: BLOCKED}   | names unknown model 'docker'",
        "expect: {none: ESCAPD}                     | unknown verdict 'ESCAPD'",
        "expect: {none: 'BLOCKED (abi>=4)'}         | bad expectation",
        "host: [sysctl kernel.x = 0]                | bad host condition",
        "requires: [gpu]                            | unknown requirement 'gpu'",
        "exercises: files                           | unknown 'exercises' value 'files'",
        "colour: blue                               | unknown key 'colour'",
    })
    void badMetadataIsAUsageError(String override, String message, @TempDir Path dir) throws Exception {
        String key = override.substring(0, override.indexOf(':'));
        StringBuilder meta = new StringBuilder();
        Map<String, String> base = new java.util.LinkedHashMap<>();
        base.put("id", "id: USR-01");
        base.put("name", "name: ok");
        base.put("category", "category: filesystem");
        base.put("exercises", "exercises: objects");
        base.put("does", "does: something");
        base.put("lesson", "lesson: something");
        base.put("evidence", "evidence: [token:canary]");
        base.put("expect", "expect: {none: ESCAPED}");
        base.put(key, override);
        for (String l : base.values())
            meta.append(l).append('\n');
        Path src = dir.resolve("usr01.c");
        Files.writeString(src, "/* sandbench-attempt\n" + meta + "*/\nint main(void) { return 0; }\n");
        SandbenchException e = assertThrows(SandbenchException.class, () -> AttemptCatalog.load(dir, p -> p));
        assertEquals(SandbenchException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(message) && e.getMessage().contains("usr01.c"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutAttemptsSaysHowToWriteOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("plain.c"), "int main(void) { return 0; }\n");
        SandbenchException e = assertThrows(SandbenchException.class, () -> AttemptCatalog.load(dir, p -> p));
        assertTrue(e.getMessage().contains("sandbench-attempt"), e.getMessage());
    }

    @Test
    void everyEvidenceKindRoundTrips() {
        for (String s : new TreeSet<>(List.of("token:canary", "file-changed:secret/canary", "file-created:outside/new",
                "file-gone:secret/tomb", "listener:udp4-sink", "probe", "victim-signalled", "victim-memory", "pty-input",
                "shm-attached", "fd:anon_inode:[io_uring]", "ns:user", "suid", "stat:secret/canary", "step:x", "reached:sweep-")))
            assertEquals(s, Evidence.parse(s).spec());
    }
}

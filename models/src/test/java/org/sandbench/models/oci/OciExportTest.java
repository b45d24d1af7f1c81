package org.sandbench.models.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sandbench.models.CompileContext;
import org.sandbench.models.Enforcement;
import org.sandbench.models.Golden;
import org.sandbench.models.Mode;
import org.sandbench.models.landlock.CompatLevel;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.policy.PolicyLoader;
import org.sandbench.models.seccomp.ArgCmp;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.models.seccomp.SeccompFilter;
import org.sandbench.models.seccomp.SeccompRule;

/** Policy -> OCI profile, without Docker: golden files, determinism, the round trip through the importer. */
class OciExportTest {
    static Policy policy(String name) {
        return PolicyLoader.load(Path.of("src/test/resources/policies", name + ".yaml"));
    }

    static CompileContext ctx(Mode mode) {
        return new CompileContext("reader", mode, Bindings.of(Map.of("work", "/tmp/w", "port.api", "8443")), "/bin/w",
                "/tmp/w/outside/landlock-probe", SeccompCompiler.Options.defaults(),
                new LandlockCompiler.Options(LandlockAbi.LATEST_KNOWN, CompatLevel.BEST_EFFORT));
    }

    static Set<String> lines(SeccompFilter f) {
        return f.rules().stream().map(SeccompRule::planLine).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @ValueSource(strings = { "reader", "writer" })
    void exportedProfileIsGoldenAndDeterministic(String name) {
        SeccompFilter f = ContainerModel.exportedFilter(policy(name), SeccompCompiler.Options.defaults());
        String json = OciExporter.export(f).toJson();
        Golden.check(Golden.dir(), "oci/" + name + ".oci.json", json);
        assertEquals(json, OciExporter.export(ContainerModel.exportedFilter(policy(name), SeccompCompiler.Options.defaults()))
                .toJson(), "two exports of one policy are byte-identical");
    }

    /** policy -> filter -> JSON -> parse -> import -> filter: the same rules, actions and architectures. */
    @ParameterizedTest
    @ValueSource(strings = { "reader", "writer" })
    void importOfTheExportIsTheSameFilter(String name) {
        SeccompFilter f = ContainerModel.exportedFilter(policy(name), SeccompCompiler.Options.defaults());
        OciProfile back = OciProfile.parse("export", OciExporter.export(f).toJson());
        OciImporter.Imported imp = OciImporter.importProfile("export", back, OciImportTest.HOST, OciImportTest.LIBSECCOMP_254);
        assertEquals(lines(f), lines(imp.filter()));
        assertEquals(f.defaultAction(), imp.filter().defaultAction());
        assertEquals(f.addX86(), imp.filter().addX86());
        assertTrue(imp.report().unknown().isEmpty() && imp.report().otherArch().isEmpty(), imp.report().render());
        assertTrue(imp.report().skipped().isEmpty());
    }

    /** The exported filter is the native seccomp model's filter plus runc's last steps, and nothing else. */
    @ParameterizedTest
    @ValueSource(strings = { "reader", "writer" })
    void exportIsTheNativeFilterPlusTheRuntimeGroup(String name) {
        SeccompFilter nativeFilter = new SeccompCompiler().compile(policy(name), Mode.RETROFIT, SeccompCompiler.Options.defaults())
                .get(0);
        SeccompFilter exported = ContainerModel.exportedFilter(policy(name), SeccompCompiler.Options.defaults());
        Set<String> extra = new TreeSet<>(lines(exported));
        Set<String> removed = new TreeSet<>(lines(nativeFilter));
        removed.removeAll(lines(exported));
        extra.removeAll(lines(nativeFilter));
        assertTrue(removed.isEmpty(), "the export drops native rules: " + removed);
        for (SeccompRule r : exported.rules())
            if (extra.contains(r.planLine()))
                assertTrue(r.origin().startsWith(ContainerModel.OCI_RUNTIME_GROUP), r.planLine() + " comes from " + r.origin());
        // reader may open read-only only: the fifo rule is new; writer's wpath allows openat outright and absorbs it.
        assertEquals(name.equals("reader"), extra.contains("seccomp-rule allow openat a2==0x80001"), extra.toString());
        assertTrue(lines(exported).contains("seccomp-rule allow fstatfs"), "runc checks /proc with fstatfs");
    }

    @Test
    void naiveFiltersAndRepeatedArgumentsCannotBeExported() {
        SeccompFilter naive = new SeccompCompiler().compile(policy("naive-denylist"), Mode.RETROFIT,
                SeccompCompiler.Options.defaults()).get(0);
        PolicyException e = assertThrows(PolicyException.class, () -> OciExporter.export(naive));
        assertTrue(e.getMessage().contains("an OCI runtime always checks the architecture"), e.getMessage());
        SeccompFilter twice = new SeccompFilter(SeccompFilter.Kind.LIBSECCOMP, SeccompAction.TRAP, SeccompAction.KILL_PROCESS,
                1, false, false, false, List.of(new SeccompRule(SeccompAction.ALLOW, "socket",
                        List.of(ArgCmp.parse("a0>=1"), ArgCmp.parse("a0<=10")), "test")));
        e = assertThrows(PolicyException.class, () -> OciExporter.export(twice));
        assertTrue(e.getMessage().contains("compares argument a0 twice"), e.getMessage());
    }

    @Test
    void containerModelsCompileToSecurityOptions() {
        ContainerPolicy none = ContainerModel.NONE.compile(policy("reader"), ctx(Mode.RETROFIT));
        assertEquals(List.of("seccomp=unconfined"), none.securityOpts());
        assertEquals(0, none.expectedFilters());
        ContainerPolicy stock = ContainerModel.DOCKER_DEFAULT.compile(policy("reader"), ctx(Mode.RETROFIT));
        assertEquals(List.of(), stock.securityOpts(), "Docker's stock profile: what docker run applies without options");
        ContainerPolicy exported = ContainerModel.DOCKER_SECCOMP.compile(policy("reader"), ctx(Mode.RETROFIT));
        assertEquals(2, exported.securityOpts().size());
        assertTrue(exported.securityOpts().get(0).startsWith("seccomp={"));
        assertEquals("no-new-privileges", exported.securityOpts().get(1));
        assertEquals(12, exported.profileDigest().length());
        PolicyException e = assertThrows(PolicyException.class,
                () -> ContainerModel.DOCKER_DEFAULT.compile(policy("reader"), ctx(Mode.SELF)));
        assertTrue(e.getMessage().contains("use --mode retrofit"), e.getMessage());
        e = assertThrows(PolicyException.class,
                () -> ContainerModel.profile("oci:/nonexistent/p.json").compile(policy("reader"), ctx(Mode.RETROFIT)));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    /** What the measured process reported -> the enforcement check's verdict. */
    @ParameterizedTest(name = "{0}: mode {1}, {2} filters, nnp {3}")
    @CsvSource(delimiter = '|', value = {
        // model          | mode | filters | nnp | problem (empty: enforced)
        "docker-default   | 2    | 1       | 0   | ",
        "docker-default   | 0    | 0       | 0   | seccomp mode is 0 in the measured process",
        "docker-default   | 2    | 2       | 0   | 2 seccomp filters beyond the baseline's",
        "docker-seccomp   | 2    | 1       | 1   | ",
        "docker-seccomp   | 2    | 1       | 0   | no_new_privs is 0 in the measured process",
    })
    void enforcementIsChecked(String model, int mode, int filters, String nnp, String problem) {
        ContainerModel m = model.equals("docker-default") ? ContainerModel.DOCKER_DEFAULT : ContainerModel.DOCKER_SECCOMP;
        ContainerPolicy p = m.compile(policy("reader"), ctx(Mode.RETROFIT));
        Enforcement e = new Enforcement(mode, filters, -2, 0, 0, 0, 0, 0, 0, null, "vulnerable", nnp);
        Enforcement baseline = new Enforcement(0, 0, -2, 0, 0, 0, 0, 0, 0, null, "vulnerable", "0");
        Optional<String> got = m.checkEnforced(p, e, baseline);
        if (problem == null)
            assertFalse(got.isPresent(), got.orElse(""));
        else
            assertTrue(got.isPresent() && got.get().contains(problem), got.orElse("(enforced)"));
    }
}

package org.sandbench.backend.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.backend.TrialResult;
import org.sandbench.backend.TrialSettings;
import org.sandbench.backend.TrialSpec;
import org.sandbench.models.CompileContext;
import org.sandbench.models.Enforcement;
import org.sandbench.models.Mode;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.oci.ContainerModel;
import org.sandbench.models.oci.ContainerPolicy;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyLoader;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/**
 * Live: the getpid workload in containers under each container model, through
 * Testcontainers.  The measured process's own proof must show what the engine applied.
 */
class ContainerBackendTest {
    @TempDir
    static Path work;
    static ContainerBackend backend;
    static final Policy GETPID = PolicyLoader.parse("getpid", "promises: [stdio]\n", Policy.class);

    @BeforeAll
    static void docker() {
        Require.capability("docker", DockerEngine.availability());
        backend = new ContainerBackend(TestHome.home(), TestHome.syscalls(), 0);
    }

    static TrialResult trial(ContainerModel m) {
        CompileContext ctx = new CompileContext("getpid", Mode.RETROFIT, Bindings.of(Map.of("work", work.toString())),
                "getpid", "-", SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults());
        ContainerPolicy p = m.compile(GETPID, ctx);
        return backend.run(new TrialSpec(m.id(), "getpid", Mode.RETROFIT, p, TestHome.home().workloadBinary("getpid"),
                List.of(), work, new TrialSettings(2, 2, 0, -1)));
    }

    @Test
    void eachModelRunsAndProvesWhatTheEngineApplied() {
        TrialResult none = trial(ContainerModel.NONE);
        assertEquals(TrialResult.Status.OK, none.status(), none.message() + none.stderrTail());
        assertEquals(0, none.enforcement().seccompMode(), "seccomp=unconfined: no filter");
        assertEquals(2, none.batches().size());
        assertTrue(none.enforced().contains("seccomp=unconfined"), none.enforced());

        TrialResult stock = trial(ContainerModel.DOCKER_DEFAULT);
        assertEquals(TrialResult.Status.OK, stock.status(), stock.message());
        assertEquals(2, stock.enforcement().seccompMode());
        assertEquals(1, stock.enforcement().seccompFilters());
        assertEquals("0", stock.enforcement().nnp(), "docker run sets no no_new_privs by default");
        assertEquals(Optional.empty(), ContainerModel.DOCKER_DEFAULT.checkEnforced(
                ContainerModel.DOCKER_DEFAULT.compile(GETPID, ctx()), stock.enforcement(), none.enforcement()));

        TrialResult exported = trial(ContainerModel.DOCKER_SECCOMP);
        assertEquals(TrialResult.Status.OK, exported.status(), exported.message() + exported.stderrTail());
        assertEquals(2, exported.enforcement().seccompMode());
        assertEquals(1, exported.enforcement().seccompFilters());
        assertEquals("1", exported.enforcement().nnp());
        assertTrue(exported.enforced().contains("no-new-privileges"), exported.enforced());
    }

    static CompileContext ctx() {
        return new CompileContext("getpid", Mode.RETROFIT, Bindings.of(Map.of("work", work.toString())),
                "getpid", "-", SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults());
    }

    /** A profile that forbids what runc does after loading it: the container never starts, and the message says so. */
    @Test
    void aProfileThatStopsTheRuntimeIsAFailedStartWithRuncsWords() throws Exception {
        Path f = work.resolve("too-strict.json");
        Files.writeString(f, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"getpid\"], "
                + "\"action\": \"SCMP_ACT_ALLOW\"}]}");
        TrialResult r = trial(ContainerModel.profile("oci:" + f));
        assertEquals(TrialResult.Status.FAILED, r.status());
        assertTrue(r.message().contains("the container did not start") && r.message().contains("the _oci-runtime group"),
                r.message());
    }
}

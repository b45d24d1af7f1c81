package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.backend.container.DockerEngine;
import org.sandbench.cli.CliRunner;
import org.sandbench.models.Mode;
import org.sandbench.models.oci.ContainerModel;
import org.sandbench.models.policy.PolicyLoader;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.models.seccomp.SeccompRule;
import org.sandbench.results.Csv;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/**
 * Live (root and Docker): the whole corpus once under the native seccomp model and the three
 * container columns, judged against the shipped expectations; then the round trip policy ->
 * OCI JSON -> Docker -> verdicts against the native model, and what a container stops by itself.
 *
 * <p><b>Agreement</b>, for every attempt both {@code seccomp} (S1 applied by sb-launch) and
 * {@code docker-seccomp} (S1 exported, applied by Docker and runc) judged: where the native
 * filter stops the attempt, the container column has the same verdict and the same errno or
 * signal; where the native filter lets it through, the container column has the verdict of
 * {@code container-none} (the same container without a filter), because the profile let it
 * through there too and what happened next is the container's business.  The one exception is
 * runc's: it answers ENOSYS, not the profile's default action, for every call numbered above
 * the highest call the profile names (docs/containers.md), so an attempt that the native filter
 * kills at such a call is BLOCKED with ENOSYS in the container.  Those attempts are listed
 * below, and each must be exactly that.
 */
class ContainerEscapeMatrixTest {
    /** runc's ENOSYS stub: attempt -> the call the native filter kills, numbered above S1's highest. */
    static final Map<String, String> RUNC_STUB = Map.of(
            "KAS-05", "io_uring_setup",
            "BYP-01", "io_uring_setup",
            "BYP-02", "io_uring_setup",
            "IPC-10", "pidfd_open",
            "IPC-11", "pidfd_open");

    @TempDir
    static Path out;
    static CliRunner.Outcome run;
    static final Map<String, Map<String, Map<String, String>>> rows = new TreeMap<>(); // attempt -> model -> row

    @BeforeAll
    static void matrix() {
        EscapeMatrixTest.requireArena();
        Require.capability("docker", DockerEngine.availability());
        run = CliRunner.run(TestHome.home().root(), "escapes", "--models", "seccomp,docker-default,docker-seccomp",
                "--out", out.toString());
        for (Map<String, String> r : Csv.read(out.resolve("escapes.csv")))
            rows.computeIfAbsent(r.get("attempt"), k -> new HashMap<>()).put(r.get("model"), r);
    }

    static Map<String, String> row(String attempt, String model) {
        return rows.get(attempt).get(model);
    }

    static String verdict(String attempt, String model) {
        return row(attempt, model).get("verdict");
    }

    @Test
    void everyVerdictMatchesTheShippedExpectations() {
        assertEquals(0, run.exit(), run::all);
        assertEquals(EscapeMatrixTest.SPEC_COLUMNS, Csv.header(out.resolve("escapes.csv")).subList(0, 8));
        assertTrue(run.err().contains("columns: none, seccomp, container-none, docker-default, docker-seccomp"), run.err());
        assertTrue(rows.size() >= 45, "attempts: " + rows.size());
        for (var a : rows.values())
            for (String m : List.of("container-none", "docker-default", "docker-seccomp")) {
                Map<String, String> r = a.get(m);
                assertTrue(!r.get("expected").isEmpty() && r.get("matches_expected").equals("true"), r::toString);
            }
        assertTrue(run.out().contains(MatrixView.CONTAINER_LEGEND), "the legend says what a container column is");
    }

    @Test
    void theExportedProfileAgreesWithTheNativeSeccompModel() {
        int compared = 0, throughBoth = 0;
        Set<String> stubbed = new TreeSet<>();
        for (var e : rows.entrySet()) {
            String a = e.getKey();
            Map<String, String> nat = e.getValue().get("seccomp"), dock = e.getValue().get("docker-seccomp"),
                    bare = e.getValue().get("container-none");
            Verdict p = Verdict.parse(nat.get("verdict")), d = Verdict.parse(dock.get("verdict"));
            if (!p.applicable() || !d.applicable())
                continue;
            compared++;
            if (p.stopped() && RUNC_STUB.containsKey(a)) {
                stubbed.add(a);
                assertEquals(List.of("KILLED", "SIGSYS(" + RUNC_STUB.get(a) + ")"), List.of(p.name(), nat.get("errno_or_signal")), a);
                assertEquals(List.of("BLOCKED", "ENOSYS"), List.of(d.name(), dock.get("errno_or_signal")), a);
            } else if (p.stopped()) {
                assertEquals(List.of(p.name(), nat.get("errno_or_signal")), List.of(d.name(), dock.get("errno_or_signal")),
                        a + ": the filter stops it natively, so the exported profile must stop it the same way");
            } else {
                throughBoth++;
                assertEquals(List.of(bare.get("verdict"), bare.get("errno_or_signal")), List.of(d.name(), dock.get("errno_or_signal")),
                        a + ": the filter lets it through natively, so the container decides, with or without the profile");
            }
        }
        assertTrue(compared >= 55, "attempts judged under both: " + compared);
        assertTrue(throughBoth >= 15, "attempts both filters let through: " + throughBoth);
        assertEquals(RUNC_STUB.keySet(), stubbed, "every known runc stub row was seen, and no other exception");

        // Each stub row is what runc's stub does: the call lies above the highest call the exported profile names.
        var filter = ContainerModel.exportedFilter(PolicyLoader.load(TestHome.home().models().resolve("reference/typical.yaml")),
                SeccompCompiler.Options.defaults());
        int highest = filter.rules().stream().map(SeccompRule::syscall).mapToInt(n -> TestHome.syscalls().number(n)).max().orElseThrow();
        assertEquals("rseq", TestHome.syscalls().name(highest), "S1 exported: its highest call");
        for (String call : Set.copyOf(RUNC_STUB.values()))
            assertTrue(TestHome.syscalls().number(call) > highest, call + " above " + highest);
    }

    @ParameterizedTest(name = "{0} under {1}: {2} {3}")
    @CsvSource(delimiter = '|', value = {
        // attempt | column          | verdict    | errno_or_signal | what stops it (or not)
        "IPC-01    | container-none  | BLOCKED    | ESRCH           | the container's PID namespace: the victim is not in it",
        "IPC-07    | container-none  | BLOCKED    | ENOENT          | /proc in the container has no entry for the victim",
        "IPC-12    | container-none  | BLOCKED    | ENOENT          | the container's IPC namespace: the segment is not in it",
        "NET-01    | container-none  | BLOCKED    | ECONNREFUSED    | --network none: the arena's listeners are not in it",
        "NET-06    | container-none  | ESCAPED    | -               | a pathname UNIX socket crosses on the bind mount",
        "NET-06    | docker-seccomp  | ESCAPED    | -               | and S1 allows socket and connect",
        "FS-01     | docker-default  | ESCAPED    | -               | no profile sees a path",
        "PRIV-01   | docker-default  | ESCAPED    | -               | docker run sets no no-new-privileges: setuid works",
        "PRIV-01   | docker-seccomp  | KILLED     | SIGSYS(the exec'd program) | no-new-privileges: the setuid program runs as the sandbox uid, under S1",
        "PRIV-02   | container-none  | ESCAPED    | -               | without a filter a container allows a user namespace",
        "PRIV-02   | docker-default  | BLOCKED    | EPERM           | the stock profile does not",
        "KAS-05    | docker-default  | ESCAPED    | -               | the engine's built-in profile lets io_uring through",
        "BYP-03    | docker-default  | ESCAPED    | -               | the stock profile allows i386 open too",
        "BYP-03    | docker-seccomp  | KILLED     | SIGSYS(int80-open) | S1 exported keeps libseccomp's architecture check",
    })
    void whatAContainerStops(String attempt, String column, String verdict, String errno, String why) {
        Map<String, String> r = row(attempt, column);
        assertEquals(List.of(verdict, errno), List.of(r.get("verdict"), r.get("errno_or_signal")), why + ": " + r);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DEV-01, terminal", "DEV-04, terminal", "AMB-01, inherited", "AMB-02, inherited"})
    void whatCannotCrossDockerRunIsNotApplicable(String attempt, String reason) {
        for (String m : List.of("container-none", "docker-default", "docker-seccomp")) {
            Map<String, String> r = row(attempt, m);
            assertEquals("NA_PLATFORM", r.get("verdict"), r::toString);
            assertTrue(r.get("evidence").contains(reason) && r.get("evidence").contains("docker run"), r::toString);
        }
        assertEquals("ESCAPED", verdict(attempt, "none"), "the host baseline still runs it");
    }

    @Test
    void theEngineRecordedWhatEachColumnAskedFor() throws Exception {
        List<String> t = Files.readAllLines(out.resolve("escapes-transcript.txt"));
        String section = null;
        Map<String, Set<String>> seen = new HashMap<>();
        for (String l : t) {
            if (l.startsWith("=== "))
                section = l.substring(l.lastIndexOf(" / ") + 3, l.lastIndexOf(" ("));
            else if (l.startsWith("C container "))
                seen.computeIfAbsent(section, k -> new TreeSet<>()).add(l.replaceAll("; \\d+ ms$", "")
                        .replaceAll("the policy of [A-Z]+-\\d+ ", "the policy of ATTEMPT "));
        }
        assertEquals(Set.of("C container seccomp=unconfined; engine security options [seccomp=unconfined]"), seen.get("container-none"));
        assertEquals(Set.of("C container the engine's built-in default seccomp profile; engine security options []"),
                seen.get("docker-default"));
        assertEquals(1, seen.get("docker-seccomp").size(), "one profile, S1's, for the whole corpus: " + seen.get("docker-seccomp"));
        String exported = seen.get("docker-seccomp").iterator().next();
        assertTrue(exported.contains("seccomp=<profile JSON") && exported.endsWith("no-new-privileges]"), exported);
        assertEquals(null, seen.get("seccomp"), "the native column runs under sb-launch, not in a container");
        assertEquals(Mode.RETROFIT.id(), row("FS-01", "docker-seccomp").get("mode"));
    }
}

package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.models.Mode;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.results.Csv;
import org.sandbench.testing.TestHome;

/** The container columns of the escape matrix, without Docker: which attempts they cannot run, and why; the baseline they add. */
class ContainerColumnsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // column         | container | what the runtime loads
        "none             | false     | -",
        "seccomp-naive    | false     | -",
        "container-none   | true      | seccomp=unconfined",
        "docker-default   | true      | built-in default",
        "docker-seccomp   | true      | exported",
        "oci:profile.json | true      | profile.json",
    })
    void columns(String id, boolean container, String summary) {
        EscapeModel m = EscapeModel.byId(id);
        assertEquals(id, m.id());
        assertEquals(container, m.isContainer());
        if (container)
            assertTrue(m.mechanism().summary().contains(summary) || m.summary().contains(summary), m.summary());
    }

    @ParameterizedTest(name = "{0} under {1} ({2})")
    @CsvSource(delimiter = '|', value = {
        // attempt | column          | mode     | NA_PLATFORM because (empty: it runs)
        "FS-01     | docker-default  | retrofit | ",
        "IPC-01    | container-none  | retrofit | ",          // the victim is out of reach, which the verdict shows
        "IPC-12    | docker-seccomp  | retrofit | ",
        "DEV-01    | docker-default  | retrofit | controlling terminal",
        "DEV-04    | container-none  | retrofit | controlling terminal",
        "AMB-01    | docker-seccomp  | retrofit | inherited",
        "AMB-02    | docker-default  | retrofit | inherited",
        "FS-01     | docker-default  | self     | retrofit mode only",
        "DEV-01    | seccomp         | retrofit | ",
        "AMB-01    | none            | self     | ",
    })
    void whatCannotCrossDockerRun(String attempt, String column, String mode, String because) {
        Optional<String> na = EscapeModel.byId(column).notApplicable(AttemptMetadataTest.corpus().get(attempt), Mode.parse(mode));
        if (because == null) {
            assertEquals(Optional.empty(), na);
        } else {
            assertTrue(na.isPresent() && na.get().contains(because), String.valueOf(na));
            // The expectation agrees before anything runs, whatever a file pins.
            assertEquals(Optional.of(Verdict.NA_PLATFORM), Expectations.metadataOnly().expected(AttemptMetadataTest.corpus().get(attempt),
                    column, Mode.parse(mode), 7, AttemptMetadataTest.view(Map.of(), Map.of()), new Arena.Features(true, true, true, true)));
        }
    }

    @Test
    void aContainerColumnBringsItsBaseline() {
        EscapeRun.Config c = new EscapeRun.Config(List.of(EscapeModel.SECCOMP, EscapeModel.DOCKER_DEFAULT, EscapeModel.DOCKER_SECCOMP),
                List.of(), Mode.RETROFIT, SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults(),
                Expectations.metadataOnly(), 7, AttemptMetadataTest.view(Map.of(), Map.of()), Path.of("sb-launch"), null);
        assertEquals(List.of("none", "seccomp", "container-none", "docker-default", "docker-seccomp"), c.modelIds());
        EscapeRun.Config hostOnly = new EscapeRun.Config(List.of(EscapeModel.LANDLOCK), List.of(), Mode.RETROFIT,
                SeccompCompiler.Options.defaults(), LandlockCompiler.Options.defaults(), Expectations.metadataOnly(), 7,
                AttemptMetadataTest.view(Map.of(), Map.of()), Path.of("sb-launch"), null);
        assertEquals(List.of("none", "landlock"), hostOnly.modelIds());
    }

    /** The shipped expectations pin every container column for every attempt of the corpus, in both modes. */
    @Test
    void theShippedFilePinsTheContainerColumns() {
        Path shipped = TestHome.home().workloads().resolve("escapes/expected/linux-6.18-abi7.csv");
        Expectations e = Expectations.load(shipped);
        for (Attempt a : AttemptMetadataTest.corpus().all())
            for (EscapeModel m : EscapeModel.containers())
                for (Mode mode : List.of(Mode.RETROFIT, Mode.SELF))
                    assertTrue(e.pins(a.id(), m.id(), mode), a.id() + " " + m.id() + " " + mode.id());
        for (var r : Csv.read(shipped))
            if (EscapeModel.byId(r.get("model")).isContainer())
                assertFalse(r.get("note").isBlank(), "a container row says what was observed: " + r);
    }

    @Test
    void theLegendExplainsContainerColumnsOnlyWhenThereAreSome() {
        assertTrue(MatrixView.render(List.of(), List.of("none", "container-none", "docker-default")).contains(MatrixView.CONTAINER_LEGEND));
        assertFalse(MatrixView.render(List.of(), List.of("none", "seccomp")).contains("container columns"));
    }
}

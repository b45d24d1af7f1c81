package org.sandbench.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sandbench.testing.TestHome;

/** The example workflow stays valid YAML and keeps its three steps: measure, keep or restore a baseline, compare. */
class CiRecipeTest {
    @Test
    void theExampleWorkflowMeasuresKeepsABaselineAndGatesOnCompare() throws IOException {
        Path wf = TestHome.home().root().resolve(".github/workflows/sandbench-regression.yml");
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(wf.toFile());
        String steps = doc.path("jobs").path("measure").path("steps").toString();
        assertTrue(steps.contains("./sandbench run"), steps);
        assertTrue(steps.contains("actions/cache/save") && steps.contains("actions/cache/restore"), steps);
        assertTrue(steps.contains("./sandbench compare results/baseline results/pr"), steps);
        assertTrue(doc.path("on").has("pull_request") || doc.path("true").has("pull_request"),
                "gates pull requests: " + doc);
    }
}

package org.sandbench.escapes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sandbench.models.Mode;

/**
 * One escape attempt: a static program plus what it says about itself.  The runner needs
 * nothing else: the binary to run in the arena, the evidence to check, the expectations.
 *
 * @param expect     expected verdict per model id in retrofit mode
 * @param expectSelf per-model overrides in self mode
 */
public record Attempt(String id, String name, Category category, Exercises exercises, String does, String lesson,
                      List<Evidence> evidence, List<Evidence> confinedWhen, Map<String, Expectation> expect,
                      Map<String, Expectation> expectSelf, List<HostCondition> host, Set<String> requires,
                      List<String> naiveDeny, Optional<Path> policy, Set<Mode> modes, String kernelNote,
                      String catalogue, boolean control, int timeoutMs, Path source, Path binary) {

    public Attempt {
        evidence = List.copyOf(evidence);
        confinedWhen = List.copyOf(confinedWhen);
        expect = Map.copyOf(expect);
        expectSelf = Map.copyOf(expectSelf);
        host = List.copyOf(host);
        requires = Set.copyOf(requires);
        naiveDeny = List.copyOf(naiveDeny);
        modes = Set.copyOf(modes);
    }

    /** The expectation the metadata states for a model in a mode, if any. */
    public Optional<Expectation> expectation(String model, Mode mode) {
        if (mode == Mode.SELF && expectSelf.containsKey(model))
            return Optional.of(expectSelf.get(model));
        return Optional.ofNullable(expect.get(model));
    }

    public String role() {
        return control ? "control" : "attack";
    }
}

package org.sandbench.escapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The metadata block at the top of an attempt's C file, between "/* sandbench-attempt" and
 * the closing comment, in YAML (docs/escapes.md, "Metadata").  Bound as read; validated
 * and turned into an {@link Attempt} by {@link AttemptCatalog}.
 *
 * @param does        what the attempt does at the system-call level
 * @param lesson      the ambient-authority lesson it teaches
 * @param exercises   objects, syscalls or both (SPEC: "Objects vs system calls")
 * @param evidence    what the harness checks, any one of which means the attempt got through
 * @param confinedWhen evidence that the attempt ran its payload while still confined (CONFINED)
 * @param expect      expected verdict per model, in retrofit mode
 * @param expectSelf  overrides for self mode
 * @param host        host conditions the attempt needs; when one is false every model is NA_HOST
 * @param requires    arena features (pidns, netns, pty, victim, shm, leak)
 * @param naiveDeny   calls the naive denylist also denies for this attempt (catalogue: "plus the calls named in a given row")
 * @param policy      a policy file (relative to the attempt) instead of models/reference/typical.yaml
 * @param modes       the modes in which the attempt exists (default both)
 * @param kernelNote  where this kernel disagrees with the catalogue, and why
 * @param role        attack (default) or control: a control must succeed everywhere (detects over-blocking)
 */
public record AttemptMeta(String id, String name, String category, String exercises, String does, String lesson,
                          List<String> evidence, @JsonProperty("confined-when") List<String> confinedWhen,
                          Map<String, String> expect, @JsonProperty("expect-self") Map<String, String> expectSelf,
                          List<String> host, List<String> requires, @JsonProperty("naive-deny") List<String> naiveDeny,
                          String policy, List<String> modes, @JsonProperty("kernel-note") String kernelNote,
                          String catalogue, String role, @JsonProperty("timeout-ms") Integer timeoutMs) {
}

package org.sandbench.models.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.sandbench.models.policy.PolicyException;

/**
 * A seccomp profile in the JSON form container runtimes read: the OCI runtime
 * spec's {@code linux.seccomp} (defaultAction, architectures, syscalls with names,
 * action, errnoRet and args) plus Docker's extensions (archMap, includes/excludes
 * by capability, architecture and minimum kernel, defaultErrnoRet, comment).
 * Sources: opencontainers/runtime-spec config-linux.md "Seccomp"; moby
 * profiles/seccomp (types.go, default.json).  Unknown keys are ignored, as Docker does.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder(alphabetic = true)
public record OciProfile(String defaultAction, Integer defaultErrnoRet, List<String> architectures,
                         List<ArchMap> archMap, List<String> flags, List<Syscall> syscalls) {

    public OciProfile {
        architectures = architectures == null ? List.of() : List.copyOf(architectures);
        archMap = archMap == null ? List.of() : List.copyOf(archMap);
        flags = flags == null ? List.of() : List.copyOf(flags);
        syscalls = syscalls == null ? List.of() : List.copyOf(syscalls);
    }

    /** Docker's archMap: the native architecture and the sub-architectures that come with it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder(alphabetic = true)
    public record ArchMap(String architecture, List<String> subArchitectures) {
        public ArchMap {
            subArchitectures = subArchitectures == null ? List.of() : List.copyOf(subArchitectures);
        }
    }

    /**
     * One rule group.  {@code name} is the legacy single-name form (Docker accepts either,
     * not both).  All {@code args} must hold for the rule to match, except that runc turns
     * several comparisons of the same argument into separate rules (see {@link OciImporter}).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder(alphabetic = true)
    public record Syscall(List<String> names, String name, String action, Integer errnoRet, List<Arg> args,
                         String comment, Filter includes, Filter excludes) {
        public Syscall {
            names = names == null ? List.of() : List.copyOf(names);
            args = args == null ? List.of() : List.copyOf(args);
        }

        public List<String> allNames() {
            if (name == null || name.isEmpty())
                return names;
            java.util.ArrayList<String> l = new java.util.ArrayList<>(names);
            l.add(name);
            return l;
        }
    }

    /**
     * A comparison of one syscall argument.  For SCMP_CMP_MASKED_EQ, {@code value} is the mask
     * and {@code valueTwo} the datum (libseccomp's datum_a and datum_b, as runc passes them).
     * Values are unsigned 64-bit numbers, hence BigInteger.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({ "index", "value", "valueTwo", "op" })
    public record Arg(int index, BigInteger value, BigInteger valueTwo, String op) {
    }

    /** Docker's includes/excludes: capabilities (all must be held), Go architecture names, "major.minor" kernel. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder(alphabetic = true)
    public record Filter(List<String> caps, List<String> arches, String minKernel) {
        public Filter {
            caps = caps == null ? List.of() : List.copyOf(caps);
            arches = arches == null ? List.of() : List.copyOf(arches);
        }

        public boolean isEmpty() {
            return caps.isEmpty() && arches.isEmpty() && (minKernel == null || minKernel.isEmpty());
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public static OciProfile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PolicyException(file + ": no such file (an OCI seccomp profile, JSON)");
        } catch (IOException e) {
            throw new PolicyException(file + ": " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public static OciProfile parse(String source, String json) {
        try {
            OciProfile p = JSON.readValue(json, OciProfile.class);
            if (p == null)
                throw new PolicyException(source + ": the file is empty");
            if (p.defaultAction() == null || p.defaultAction().isEmpty())
                throw new PolicyException(source + ": no defaultAction: not a seccomp profile "
                        + "(expected {\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [...]})");
            return p;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? source : source + " line " + loc.getLineNr() + " column " + loc.getColumnNr();
            String path = "";
            if (e instanceof JsonMappingException m) {
                StringBuilder sb = new StringBuilder();
                for (JsonMappingException.Reference r : m.getPath())
                    sb.append(r.getFieldName() != null ? (sb.length() == 0 ? "" : ".") + r.getFieldName()
                            : "[" + r.getIndex() + "]");
                path = sb.length() == 0 ? "" : " (at " + sb + ")";
            }
            throw new PolicyException(where + ": not a valid seccomp profile: " + e.getOriginalMessage() + path, e);
        }
    }

    /** Deterministic JSON: keys sorted, two-space indent, LF line ends, a final newline. */
    public String toJson() {
        // "key": value, as Docker's own profiles are written.
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(pp).writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a profile", e);
        }
    }
}

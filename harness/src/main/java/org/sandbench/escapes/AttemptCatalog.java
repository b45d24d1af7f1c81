package org.sandbench.escapes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sandbench.harness.SandbenchException;
import org.sandbench.models.Mode;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.policy.PolicyLoader;

/**
 * The attempts of a directory: every *.c file that starts with a "sandbench-attempt" metadata
 * comment.  The corpus is workloads/escapes/; --attempts-dir adds a researcher's own.
 */
public final class AttemptCatalog {
    public static final String MARKER = "/* sandbench-attempt";
    public static final Set<String> REQUIREMENTS = Set.of("pidns", "netns", "pty", "victim", "shm", "leak");
    public static final Set<String> MODEL_IDS = Set.of("none", "seccomp", "landlock", "seccomp+landlock", "seccomp-naive");
    private static final Pattern ID = Pattern.compile("[A-Z]{2,5}-[0-9]{2}[a-z]?");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Map<String, Attempt> attempts;

    private AttemptCatalog(Map<String, Attempt> attempts) {
        this.attempts = attempts;
    }

    /**
     * @param binaries where the binary of source DIR/x.c is (built by make), as a function of the source
     */
    public static AttemptCatalog load(Path dir, java.util.function.Function<Path, Path> binaries) {
        if (!Files.isDirectory(dir))
            throw SandbenchException.usage(dir + " is not a directory of attempts (one C file per attempt, see docs/escapes.md)");
        List<Path> sources;
        try (Stream<Path> s = Files.list(dir)) {
            sources = s.filter(p -> p.getFileName().toString().endsWith(".c")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Attempt> m = new TreeMap<>();
        for (Path src : sources) {
            Optional<Attempt> a = parse(src, binaries.apply(src));
            if (a.isEmpty())
                continue;
            Attempt prev = m.put(a.get().id(), a.get());
            if (prev != null)
                throw SandbenchException.usage("attempt id " + a.get().id() + " is used by both " + prev.source() + " and " + src);
        }
        if (m.isEmpty())
            throw SandbenchException.usage(dir + " holds no attempt: each is a .c file starting with '" + MARKER
                    + "' (template: workloads/escapes/TEMPLATE.c.txt, docs/escapes.md)");
        return new AttemptCatalog(m);
    }

    public static AttemptCatalog of(List<Attempt> list) {
        Map<String, Attempt> m = new TreeMap<>();
        for (Attempt a : list)
            m.put(a.id(), a);
        return new AttemptCatalog(m);
    }

    public AttemptCatalog plus(AttemptCatalog other) {
        Map<String, Attempt> m = new TreeMap<>(attempts);
        for (Attempt a : other.all()) {
            Attempt prev = m.put(a.id(), a);
            if (prev != null)
                throw SandbenchException.usage("attempt id " + a.id() + " of " + a.source() + " is already used by " + prev.source()
                        + ": choose another id");
        }
        return new AttemptCatalog(m);
    }

    /** The metadata text of a C source, or empty if it is not an attempt. */
    static Optional<String> metadataText(String source) {
        int start = source.indexOf(MARKER);
        if (start < 0 || !source.substring(0, start).isBlank())
            return Optional.empty();
        int end = source.indexOf("*/", start);
        if (end < 0)
            return Optional.empty();
        return Optional.of(source.substring(start + MARKER.length(), end));
    }

    public static Optional<Attempt> parse(Path src, Path binary) {
        String text;
        try {
            text = Files.readString(src);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<String> meta = metadataText(text);
        if (meta.isEmpty())
            return Optional.empty();
        AttemptMeta m;
        try {
            m = PolicyLoader.parse(src + " (metadata)", meta.get(), AttemptMeta.class);
        } catch (PolicyException e) {
            throw SandbenchException.usage(e.getMessage());
        }
        try {
            return Optional.of(build(m, src, binary));
        } catch (IllegalArgumentException e) {
            throw SandbenchException.usage(src + " (metadata): " + e.getMessage());
        }
    }

    static Attempt build(AttemptMeta m, Path src, Path binary) {
        if (m.id() == null || !ID.matcher(m.id()).matches())
            throw new IllegalArgumentException("'id' must look like FS-01 or NET-03b (letters, dash, two digits, optional letter), got '" + m.id() + "'");
        if (m.name() == null || !NAME.matcher(m.name()).matches())
            throw new IllegalArgumentException("'name' must be lower-case words joined by dashes, got '" + m.name() + "'");
        for (String k : new String[] { "category", "exercises", "does", "lesson" })
            if (switch (k) {
                case "category" -> m.category();
                case "exercises" -> m.exercises();
                case "does" -> m.does();
                default -> m.lesson();
            } == null)
                throw new IllegalArgumentException("'" + k + "' is required");
        if (m.evidence() == null || m.evidence().isEmpty())
            throw new IllegalArgumentException("'evidence' lists at least one check the harness makes (e.g. [token:canary])");
        List<Evidence> ev = m.evidence().stream().map(Evidence::parse).toList();
        List<Evidence> conf = m.confinedWhen() == null ? List.of() : m.confinedWhen().stream().map(Evidence::parse).toList();
        Map<String, Expectation> expect = expectations(m.expect(), "expect");
        if (expect.isEmpty())
            throw new IllegalArgumentException("'expect' gives the expected verdict for at least the baseline model 'none'");
        Map<String, Expectation> expectSelf = expectations(m.expectSelf(), "expect-self");
        List<HostCondition> host = m.host() == null ? List.of() : m.host().stream().map(HostCondition::parse).toList();
        Set<String> req = m.requires() == null ? Set.of() : Set.copyOf(m.requires());
        for (String r : req)
            if (!REQUIREMENTS.contains(r))
                throw new IllegalArgumentException("unknown requirement '" + r + "' (known: " + new java.util.TreeSet<>(REQUIREMENTS) + ")");
        Set<Mode> modes = EnumSet.allOf(Mode.class);
        if (m.modes() != null) {
            modes = EnumSet.noneOf(Mode.class);
            for (String s : m.modes())
                modes.add(Mode.parse(s));
        }
        Optional<Path> policy = Optional.empty();
        if (m.policy() != null) {
            Path p = src.getParent().resolve(m.policy()).normalize();
            if (!Files.isRegularFile(p))
                throw new IllegalArgumentException("policy file " + p + " does not exist");
            policy = Optional.of(p);
        }
        String role = m.role() == null ? "attack" : m.role();
        if (!role.equals("attack") && !role.equals("control"))
            throw new IllegalArgumentException("'role' is attack or control, not '" + role + "'");
        int timeout = m.timeoutMs() == null ? 5000 : m.timeoutMs();
        if (timeout < 100 || timeout > 60_000)
            throw new IllegalArgumentException("'timeout-ms' must be between 100 and 60000");
        return new Attempt(m.id(), m.name(), Category.parse(m.category()), Exercises.parse(m.exercises()),
                oneLine(m.does()), oneLine(m.lesson()), ev, conf, expect, expectSelf, host, req,
                m.naiveDeny() == null ? List.of() : m.naiveDeny(), policy, modes,
                m.kernelNote() == null ? "" : oneLine(m.kernelNote()), m.catalogue() == null ? "" : m.catalogue(),
                role.equals("control"), timeout, src, binary);
    }

    private static Map<String, Expectation> expectations(Map<String, String> raw, String key) {
        Map<String, Expectation> out = new LinkedHashMap<>();
        if (raw == null)
            return out;
        raw.forEach((model, v) -> {
            if (!MODEL_IDS.contains(model))
                throw new IllegalArgumentException("'" + key + "' names unknown model '" + model + "' (known: " + new java.util.TreeSet<>(MODEL_IDS) + ")");
            out.put(model, Expectation.parse(v));
        });
        return out;
    }

    private static String oneLine(String s) {
        return s.trim().replaceAll("\\s+", " ");
    }

    /** In the catalogue's order: by category, then by id (numbers compared as numbers). */
    public List<Attempt> all() {
        return attempts.values().stream().sorted(ORDER).toList();
    }

    public static final java.util.Comparator<Attempt> ORDER = java.util.Comparator
            .comparing((Attempt a) -> a.category().ordinal())
            .thenComparing(Attempt::id);

    public Attempt get(String id) {
        Attempt a = attempts.get(id);
        if (a == null)
            throw SandbenchException.usage("unknown attempt '" + id + "' (known: " + String.join(", ", attempts.keySet()) + ")");
        return a;
    }

    /** Attempts by id or by category name. */
    public List<Attempt> select(List<String> ids) {
        Map<String, Attempt> out = new LinkedHashMap<>();
        for (String raw : ids) {
            String id = raw.trim();
            boolean cat = false;
            for (Category c : Category.values())
                if (c.id.equals(id)) {
                    cat = true;
                    for (Attempt a : attempts.values())
                        if (a.category() == c)
                            out.put(a.id(), a);
                }
            if (!cat)
                out.put(id, get(id));
        }
        return out.values().stream().sorted(ORDER).toList();
    }
}

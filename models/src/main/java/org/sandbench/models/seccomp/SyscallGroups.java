package org.sandbench.models.seccomp;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.sandbench.models.policy.PolicyLoader;

/** The syscall groups (promises) of models/data/seccomp-groups.yaml. */
public final class SyscallGroups {
    public static final String RUNTIME = "_runtime";
    public static final String RETROFIT = "_retrofit";
    public static final String MULTI_FILTER = "_multi-filter";
    static final String RESOURCE = "/sandbench-data/seccomp-groups.yaml";

    public record GroupRule(String syscall, List<String> args, String action, String why) {
        public GroupRule {
            args = args == null ? List.of() : List.copyOf(args);
            action = action == null ? "allow" : action;
            why = why == null ? "" : why;
        }
    }

    public record Group(String name, String description, List<String> syscalls, List<GroupRule> rules) {
        public Group {
            syscalls = syscalls == null ? List.of() : List.copyOf(syscalls);
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    private record GroupSpec(String description, List<String> syscalls, List<GroupRule> rules) {
    }

    private static volatile SyscallGroups standard;
    private final Map<String, Group> groups;

    private SyscallGroups(Map<String, Group> groups) {
        this.groups = groups;
    }

    public static SyscallGroups standard() {
        SyscallGroups s = standard;
        if (s == null) {
            try (InputStream in = SyscallGroups.class.getResourceAsStream(RESOURCE)) {
                if (in == null)
                    throw new IllegalStateException("missing resource " + RESOURCE);
                s = parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = s;
        }
        return s;
    }

    static SyscallGroups parse(String yaml) {
        Map<String, GroupSpec> raw = PolicyLoader.parse("seccomp-groups.yaml", yaml,
                new TypeReference<LinkedHashMap<String, GroupSpec>>() { });
        Map<String, Group> m = new LinkedHashMap<>();
        raw.forEach((k, v) -> m.put(k, new Group(k, v.description(), v.syscalls(), v.rules())));
        return new SyscallGroups(m);
    }

    public boolean contains(String name) {
        return groups.containsKey(name);
    }

    public Group get(String name) {
        Group g = groups.get(name);
        if (g == null)
            throw new IllegalArgumentException("unknown syscall group '" + name + "'");
        return g;
    }

    /** Groups a policy may name (not the compiler's own "_" groups). */
    public List<String> promiseNames() {
        List<String> l = new ArrayList<>();
        for (String k : groups.keySet())
            if (!k.startsWith("_")) l.add(k);
        return l;
    }

    public List<Group> all() {
        return List.copyOf(groups.values());
    }

    /** Every syscall name mentioned anywhere, for the resolve check. */
    public TreeSet<String> allNames() {
        TreeSet<String> s = new TreeSet<>();
        for (Group g : groups.values()) {
            s.addAll(g.syscalls());
            for (GroupRule r : g.rules())
                s.add(r.syscall());
        }
        return s;
    }
}

package org.sandbench.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.sandbench.models.seccomp.ArgCmp;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompFilter;
import org.sandbench.models.seccomp.SeccompRule;
import org.sandbench.models.seccomp.SyscallGroups;

/**
 * The seccomp sweep's plan (pure: no kernel, no processes).  One measured call,
 * getppid(2) with a0 = 0, whose rule the plan places in a libseccomp allowlist:
 *
 * <ul>
 * <li>filter_length: every rule of the filter, counting the ones the workload runtime and a
 *     retrofitted exec need ({@link #baseRules}); the rest are "filler" allow rules for
 *     syscalls the workload never makes, in ascending number order.  Beyond the syscall
 *     names libseccomp knows, fillers carry two argument-conditional rules instead of one
 *     plain rule (libseccomp drops a conditional rule where a plain one exists).</li>
 * <li>position: where getppid's rule sits in the linear layout: first, middle or last of the
 *     filter's syscalls, placed with seccomp_syscall_priority (libseccomp otherwise puts
 *     argument-inspecting rules after every plain one).</li>
 * <li>rule_kind: {@code cacheable} (allow getppid) or {@code argument} (allow getppid if
 *     a0 >= 0, a real comparison that loads the argument: prior-art.md, trap 8).  The
 *     cacheability is verified on the exported BPF, never assumed ({@link BpfFacts}).</li>
 * <li>optimize: libseccomp's linear layout (1) or binary tree (2).</li>
 * <li>stacked: the same filter loaded 1..8 times.</li>
 * <li>spec_allow: SECCOMP_FILTER_FLAG_SPEC_ALLOW on every filter.</li>
 * </ul>
 *
 * Each axis moves alone from one base point (never two at once); the length and
 * position axes are swept for both rule kinds, so "the argument-inspecting rows grow
 * while the cacheable rows stay flat" is a comparison within one axis.
 */
public final class SeccompSweep {
    public static final String MEASURED = "getppid";
    public static final String AXIS_LENGTH = "filter_length", AXIS_POSITION = "position", AXIS_KIND = "rule_kind",
            AXIS_OPTIMIZE = "optimize", AXIS_STACKED = "stacked", AXIS_SPEC_ALLOW = "spec_allow";
    /** CSV columns before the statistical ones (contract with the report, issue 5). */
    public static final List<String> COLUMNS = List.of("axis", "filter_length", "position", "rule_kind", "optimize",
            "stacked", "spec_allow", "bpf_insns_executed", "cacheable");

    public enum Position {
        FIRST, MIDDLE, LAST;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Kind {
        CACHEABLE("cacheable"), ARGUMENT("argument");

        public final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    /** One point of the sweep: a filter configuration. */
    public record Config(int length, Position position, Kind kind, int optimize, int stacked, boolean specAllow) {
        public Config {
            if (length < 1 || stacked < 1 || stacked > 16 || (optimize != 1 && optimize != 2))
                throw new IllegalArgumentException("bad sweep point " + length + "/" + stacked + "/" + optimize);
        }

        public String id() {
            return "len" + length + "-" + position.id() + "-" + kind.id + "-opt" + optimize + "-x" + stacked
                    + (specAllow ? "-specallow" : "");
        }

        /** The params column of samples.csv: every setting of the point, fixed order. */
        public String params() {
            return "filter_length=" + length + ",position=" + position.id() + ",rule_kind=" + kind.id + ",optimize="
                    + optimize + ",stacked=" + stacked + ",spec_allow=" + (specAllow ? 1 : 0);
        }

        Config withLength(int v) {
            return new Config(v, position, kind, optimize, stacked, specAllow);
        }

        Config withPosition(Position v) {
            return new Config(length, v, kind, optimize, stacked, specAllow);
        }

        Config withKind(Kind v) {
            return new Config(length, position, v, optimize, stacked, specAllow);
        }

        Config withOptimize(int v) {
            return new Config(length, position, kind, v, stacked, specAllow);
        }

        Config withStacked(int v) {
            return new Config(length, position, kind, optimize, v, specAllow);
        }

        Config withSpecAllow(boolean v) {
            return new Config(length, position, kind, optimize, stacked, v);
        }
    }

    /**
     * The axes and the base point they move from.  A length below the base rules plus
     * the measured one is raised to that minimum ({@link #feasible}).
     */
    public record Axes(Config base, List<Integer> lengths, List<Position> positions, List<Integer> optimize,
                       List<Integer> stacked, List<Boolean> specAllow) {
        public Axes {
            lengths = List.copyOf(lengths);
            positions = List.copyOf(positions);
            optimize = List.copyOf(optimize);
            stacked = List.copyOf(stacked);
            specAllow = List.copyOf(specAllow);
        }
    }

    /**
     * The axes (filter length 1..400, stacked 1..8); base: 200 rules, measured rule last, linear.
     * Length 1 stands for the shortest filter the runtime allows ({@link #minLength}: 27 rules).
     */
    public static Axes full() {
        return new Axes(new Config(200, Position.LAST, Kind.ARGUMENT, 1, 1, false), List.of(1, 50, 100, 200, 300, 400),
                List.of(Position.FIRST, Position.MIDDLE, Position.LAST), List.of(1, 2), List.of(1, 2, 4, 8),
                List.of(false, true));
    }

    public static Axes quick() {
        return new Axes(new Config(200, Position.LAST, Kind.ARGUMENT, 1, 1, false), List.of(1, 100, 400),
                List.of(Position.FIRST, Position.MIDDLE, Position.LAST), List.of(1, 2), List.of(1, 4),
                List.of(false, true));
    }

    /** A configuration and the axes whose rows it fills (the base point fills all of them). */
    public record Point(Config config, List<String> axes) {
        public Point {
            axes = List.copyOf(axes);
        }
    }

    /**
     * Every distinct configuration, each with the axes it belongs to, in a stable order.
     * Both rule kinds are swept on every axis; the rule_kind axis is the base point's pair.
     */
    public static List<Point> points(Axes a, int minLength) {
        Map<Config, List<String>> m = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            Config base = a.base().withKind(k).withLength(feasible(a.base().length(), minLength));
            add(m, base, AXIS_KIND);
            for (int len : a.lengths())
                add(m, base.withLength(feasible(len, minLength)), AXIS_LENGTH);
            for (Position p : a.positions())
                add(m, base.withPosition(p), AXIS_POSITION);
            for (int o : a.optimize())
                add(m, base.withOptimize(o), AXIS_OPTIMIZE);
            for (int s : a.stacked())
                add(m, base.withStacked(s), AXIS_STACKED);
            for (boolean s : a.specAllow())
                add(m, base.withSpecAllow(s), AXIS_SPEC_ALLOW);
        }
        List<Point> out = new ArrayList<>();
        m.forEach((c, axes) -> out.add(new Point(c, axes)));
        return out;
    }

    private static void add(Map<Config, List<String>> m, Config c, String axis) {
        List<String> l = m.computeIfAbsent(c, k -> new ArrayList<>());
        if (!l.contains(axis))
            l.add(axis);
    }

    /** A filter cannot be shorter than what the runtime needs plus the measured rule. */
    public static int feasible(int length, int minLength) {
        return Math.max(length, minLength);
    }

    /**
     * The rules every sweep filter carries: what the workload runtime needs (_runtime),
     * what execve of the static workload needs when the filter is installed before it
     * (_retrofit), and seccomp(2) itself so a filter can be followed by another (_multi-filter).
     */
    public static List<SeccompRule> baseRules(SyscallGroups groups) {
        Map<String, SeccompRule> rules = new TreeMap<>();
        for (String g : List.of(SyscallGroups.RUNTIME, SyscallGroups.RETROFIT, SyscallGroups.MULTI_FILTER)) {
            SyscallGroups.Group group = groups.get(g);
            for (String s : group.syscalls())
                rules.putIfAbsent(SeccompRule.allow(s, g).planLine(), SeccompRule.allow(s, g));
            for (SyscallGroups.GroupRule r : group.rules()) {
                List<ArgCmp> args = r.args().stream().map(ArgCmp::parse).toList();
                SeccompRule rule = new SeccompRule(SeccompAction.parse(r.action()), r.syscall(), args, g);
                rules.putIfAbsent(rule.planLine(), rule);
            }
        }
        return List.copyOf(rules.values());
    }

    /** The smallest filter: the base rules and the measured one. */
    public static int minLength(SyscallGroups groups) {
        return baseRules(groups).size() + 1;
    }

    /**
     * The plan of one point.
     *
     * @param known every syscall libseccomp knows, by number (sb-launch --syscalls)
     */
    public static String plan(Config c, SyscallGroups groups, SortedMap<Integer, String> known) {
        List<SeccompRule> base = baseRules(groups);
        Set<String> baseNames = new LinkedHashSet<>();
        for (SeccompRule r : base)
            baseNames.add(r.syscall());
        List<String> fillers = new ArrayList<>();
        for (String name : known.values())
            if (!baseNames.contains(name) && !name.equals(MEASURED))
                fillers.add(name);
        int fillerRules = c.length() - base.size() - 1;
        if (fillerRules < 0)
            throw new IllegalArgumentException("a filter of " + c.length() + " rules cannot hold the " + base.size()
                    + " rules the runtime needs and the measured one");
        int extra = Math.max(0, fillerRules - fillers.size());
        if (extra > fillers.size())
            throw new IllegalArgumentException("filter_length " + c.length() + " exceeds what this plan can build ("
                    + (base.size() + 1 + 2 * fillers.size()) + " rules)");
        List<SeccompRule> rules = new ArrayList<>(base);
        rules.add(c.kind() == Kind.CACHEABLE ? SeccompRule.allow(MEASURED, "measured")
                : new SeccompRule(SeccompAction.ALLOW, MEASURED, List.of(ArgCmp.parse("a0>=0")), "measured"));
        int plain = Math.min(fillerRules, fillers.size()) - extra;
        List<String> used = new ArrayList<>();
        for (int i = 0; i < plain; i++) {
            rules.add(SeccompRule.allow(fillers.get(i), "filler"));
            used.add(fillers.get(i));
        }
        // Past the known names: two conditional rules on each of the last fillers in use.
        for (int i = plain; i < plain + extra; i++) {
            rules.add(new SeccompRule(SeccompAction.ALLOW, fillers.get(i), List.of(ArgCmp.parse("a0==1")), "filler"));
            rules.add(new SeccompRule(SeccompAction.ALLOW, fillers.get(i), List.of(ArgCmp.parse("a0==2")), "filler"));
            used.add(fillers.get(i));
        }

        // Placement: syscalls "before" the measured one get priority 2, the measured one 1,
        // the rest keep libseccomp's default 0 (user priority dominates its own ordering).
        Map<Integer, String> others = new TreeMap<>();
        Map<String, Integer> number = new LinkedHashMap<>();
        known.forEach((nr, name) -> number.put(name, nr));
        for (String n : baseNames)
            others.put(number.getOrDefault(n, Integer.MAX_VALUE - others.size()), n);
        for (String n : used)
            others.put(number.get(n), n);
        List<String> ordered = new ArrayList<>(others.values());
        int before = switch (c.position()) {
            case FIRST -> 0;
            case MIDDLE -> ordered.size() / 2;
            case LAST -> ordered.size();
        };
        List<String> prio = new ArrayList<>();
        for (int i = 0; i < before; i++)
            prio.add("seccomp-priority " + ordered.get(i) + " 2");
        prio.add("seccomp-priority " + MEASURED + " 1");

        SeccompFilter f = new SeccompFilter(SeccompFilter.Kind.LIBSECCOMP, SeccompAction.TRAP,
                SeccompAction.KILL_PROCESS, c.optimize(), c.specAllow(), false, false, rules);
        StringBuilder sb = new StringBuilder();
        sb.append("sandbench-plan 1\n");
        sb.append("# seccomp sweep point ").append(c.params()).append('\n');
        sb.append("# ").append(rules.size()).append(" rules: ").append(base.size()).append(" base (runtime, retrofit exec, ")
                .append("multi-filter), 1 measured (").append(MEASURED).append("), ").append(rules.size() - base.size() - 1)
                .append(" filler\n");
        sb.append("nnp\n");
        for (int s = 0; s < c.stacked(); s++) {
            sb.append(f.headerLine()).append('\n');
            for (SeccompRule r : rules)
                sb.append(r.planLine()).append('\n');
            for (String p : prio)
                sb.append(p).append('\n');
            sb.append("seccomp-end\n");
        }
        return sb.toString();
    }
}

package org.sandbench.sweep;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sandbench.models.landlock.AccessFs;
import org.sandbench.models.landlock.LandlockAbi;

/**
 * The Landlock sweep's plan (pure).  One operation, openat(2) read-only of a file,
 * timed by the open-try workload, under a ruleset that handles every filesystem right
 * of the ABI:
 *
 * <ul>
 * <li>depth: the file sits DEPTH path components below the directory the rule grants
 *     (depth 1: directly in it); Landlock checks every component on the way up.</li>
 * <li>rules: the ruleset's rule count: the granting rule plus RULES-1 rules on other
 *     directories beside it, none of them on the file's path, so the walk is the same
 *     and only the ruleset grows.</li>
 * <li>layers: the ruleset applied LAYERS times (landlock_restrict_self per layer, at most 16).</li>
 * <li>access: allowed (the file under the granting rule) or denied (the same depth under a
 *     directory no rule covers: the open fails with EACCES, which open-try counts as the
 *     operation; the walk goes up to the root).</li>
 * </ul>
 *
 * Each axis moves alone from the base point; depth and rule count never move together
 * (prior-art.md, trap 5: fs_bench couples them).  The workload binary is copied beneath
 * the granting directory, so one rule grants both its execution and the file: rules=1 is
 * really one rule.
 */
public final class LandlockSweep {
    public static final String AXIS_DEPTH = "depth", AXIS_RULES = "rules", AXIS_LAYERS = "layers", AXIS_ACCESS = "access";
    public static final List<String> COLUMNS = List.of("axis", "depth", "rules", "layers", "access");
    /** LANDLOCK_MAX_NUM_LAYERS (security/landlock/limits.h, Linux 5.13). */
    public static final int MAX_LAYERS = 16;

    public enum Access {
        ALLOWED, DENIED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Config(int depth, int rules, int layers, Access access) {
        public Config {
            if (depth < 1 || rules < 1 || layers < 1 || layers > MAX_LAYERS)
                throw new IllegalArgumentException("depth >= 1, rules >= 1, layers 1.." + MAX_LAYERS);
        }

        public String id() {
            return "depth" + depth + "-rules" + rules + "-layers" + layers + "-" + access.id();
        }

        public String params() {
            return "depth=" + depth + ",rules=" + rules + ",layers=" + layers + ",access=" + access.id();
        }

        /** The baseline group: points that open the same file share a baseline. */
        public String group() {
            return "depth" + depth + "-" + access.id();
        }
    }

    public record Axes(Config base, List<Integer> depths, List<Integer> rules, List<Integer> layers, List<Access> access) {
        public Axes {
            depths = List.copyOf(depths);
            rules = List.copyOf(rules);
            layers = List.copyOf(layers);
            access = List.copyOf(access);
        }
    }

    /** Base: 8 components below the rule, 1 rule, 1 layer, allowed. */
    public static Axes full() {
        return new Axes(new Config(8, 1, 1, Access.ALLOWED), List.of(1, 2, 4, 8, 16, 32),
                List.of(1, 10, 30, 100, 300, 1000), List.of(1, 2, 4, 8, 16), List.of(Access.ALLOWED, Access.DENIED));
    }

    public static Axes quick() {
        return new Axes(new Config(8, 1, 1, Access.ALLOWED), List.of(1, 8, 32), List.of(1, 100, 1000),
                List.of(1, 4, 16), List.of(Access.ALLOWED, Access.DENIED));
    }

    public record Point(Config config, List<String> axes) {
        public Point {
            axes = List.copyOf(axes);
        }
    }

    public static List<Point> points(Axes a) {
        Map<Config, List<String>> m = new LinkedHashMap<>();
        Config b = a.base();
        for (int d : a.depths())
            add(m, new Config(d, b.rules(), b.layers(), b.access()), AXIS_DEPTH);
        for (int r : a.rules())
            add(m, new Config(b.depth(), r, b.layers(), b.access()), AXIS_RULES);
        for (int l : a.layers())
            add(m, new Config(b.depth(), b.rules(), l, b.access()), AXIS_LAYERS);
        for (Access x : a.access())
            add(m, new Config(b.depth(), b.rules(), b.layers(), x), AXIS_ACCESS);
        List<Point> out = new ArrayList<>();
        m.forEach((c, axes) -> out.add(new Point(c, axes)));
        return out;
    }

    private static void add(Map<Config, List<String>> m, Config c, String axis) {
        List<String> l = m.computeIfAbsent(c, k -> new ArrayList<>());
        if (!l.contains(axis))
            l.add(axis);
    }

    /** The directory whose rule grants the allowed file (and the workload binary). */
    public static String allowedDir(String work) {
        return work + "/allowed";
    }

    /** The file a point opens: DEPTH components below the granting (or an ungranted) directory. */
    public static String target(Config c, String work) {
        String top = c.access() == Access.ALLOWED ? work + "/allowed" : work + "/outside";
        return top + "/" + "d/".repeat(c.depth() - 1) + "target";
    }

    /** The directories of the extra rules (siblings of allowed/, never on a measured path). */
    public static String ruleDir(String work, int i) {
        return String.format("%s/rules/r%04d", work, i);
    }

    public static String binary(String work) {
        return work + "/allowed/bin/open-try";
    }

    public static String probe(String work) {
        return work + "/outside/landlock-probe";
    }

    /** The plan of one point, for a workspace at {@code work}. */
    public static String plan(Config c, String work, LandlockAbi abi) {
        EnumSet<AccessFs> handled = AccessFs.upTo(abi.known().version());
        EnumSet<AccessFs> grant = EnumSet.of(AccessFs.READ_FILE, AccessFs.READ_DIR, AccessFs.EXECUTE);
        EnumSet<AccessFs> extra = EnumSet.of(AccessFs.READ_FILE, AccessFs.READ_DIR);
        StringBuilder sb = new StringBuilder();
        sb.append("sandbench-plan 1\n");
        sb.append("# landlock sweep point ").append(c.params()).append('\n');
        sb.append("nnp\n");
        sb.append(String.format("landlock abi=%d compat=best-effort fs=0x%x net=0x0 scoped=0x0 layers=%d%n",
                abi.known().version(), AccessFs.mask(handled), c.layers()));
        sb.append("# ").append(AccessFs.names(grant)).append(": the measured file's tree and the workload binary\n");
        sb.append(String.format("landlock-path 0x%x %s%n", AccessFs.mask(grant), allowedDir(work)));
        if (c.rules() > 1)
            sb.append("# ").append(c.rules() - 1).append(" more rules beside it, on no measured path\n");
        for (int i = 1; i < c.rules(); i++)
            sb.append(String.format("landlock-path 0x%x %s%n", AccessFs.mask(extra), ruleDir(work, i)));
        sb.append("landlock-probe ").append(probe(work)).append('\n');
        return sb.toString();
    }
}

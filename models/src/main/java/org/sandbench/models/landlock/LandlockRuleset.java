package org.sandbench.models.landlock;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A Landlock ruleset compiled for one ABI: the handled rights (what is denied unless
 * a rule grants it), the rules, and a probe path that must be denied once the
 * ruleset is on.  The launcher masks rights the running kernel lacks (best effort)
 * and reports what it really enforced.
 */
public record LandlockRuleset(LandlockAbi abi, CompatLevel compat, Set<AccessFs> handledFs,
                              Set<AccessNet> handledNet, Set<Scope> scoped, List<PathBeneath> paths,
                              List<NetPort> ports, String probe) {

    public record PathBeneath(String path, Set<AccessFs> allowed, String origin) {
        public PathBeneath {
            allowed = Set.copyOf(allowed);
        }
    }

    public record NetPort(int port, Set<AccessNet> allowed, String origin) {
        public NetPort {
            allowed = Set.copyOf(allowed);
            if (port < 0 || port > 65535)
                throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public LandlockRuleset {
        handledFs = Set.copyOf(handledFs);
        handledNet = Set.copyOf(handledNet);
        scoped = Set.copyOf(scoped);
        paths = List.copyOf(paths);
        ports = List.copyOf(ports);
    }

    public List<String> planLines() {
        List<String> l = new ArrayList<>();
        l.add(String.format("landlock abi=%d compat=%s fs=0x%x net=0x%x scoped=0x%x", abi.version(), compat.id,
                AccessFs.mask(handledFs), AccessNet.mask(handledNet), Scope.mask(scoped)));
        for (PathBeneath p : paths) {
            l.add("# " + AccessFs.names(p.allowed()) + " <- " + p.origin());
            l.add(String.format("landlock-path 0x%x %s", AccessFs.mask(p.allowed()), p.path()));
        }
        for (NetPort p : ports) {
            l.add("# " + AccessNet.names(p.allowed()) + " <- " + p.origin());
            l.add(String.format("landlock-port 0x%x %d", AccessNet.mask(p.allowed()), p.port()));
        }
        if (probe != null)
            l.add("landlock-probe " + probe);
        return l;
    }

    /** The ruleset for people: each handled right with the ABI that added it, then the rules. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Landlock ruleset for ").append(abi).append(" (").append(abi.kernel()).append("), ")
                .append(compat.id).append('\n');
        sb.append("  handled filesystem rights (denied unless a rule grants them):\n");
        for (AccessFs a : EnumSet.allOf(AccessFs.class))
            sb.append(String.format("    %-12s ABI %d  %s%n", a.name().toLowerCase(), a.abi,
                    handledFs.contains(a) ? "handled" : "not handled (ABI " + abi.version() + " lacks it)"));
        sb.append("  handled network rights: ").append(AccessNet.names(handledNet))
                .append(abi.atLeast(4) ? "" : "  (TCP rules need ABI 4: network is unrestricted)").append('\n');
        sb.append("  scopes: ").append(Scope.names(scoped))
                .append(abi.atLeast(6) ? "" : "  (scopes need ABI 6: signals and abstract sockets unrestricted)").append('\n');
        sb.append("  rules:\n");
        for (PathBeneath p : paths)
            sb.append(String.format("    path %-40s %s   (%s)%n", p.path(), AccessFs.names(p.allowed()), p.origin()));
        for (NetPort p : ports)
            sb.append(String.format("    tcp port %-36d %s   (%s)%n", p.port(), AccessNet.names(p.allowed()), p.origin()));
        if (paths.isEmpty() && ports.isEmpty())
            sb.append("    (none: every handled access is denied)\n");
        if (probe != null)
            sb.append("  proof: opening ").append(probe).append(" must fail with EACCES\n");
        return sb.toString();
    }
}

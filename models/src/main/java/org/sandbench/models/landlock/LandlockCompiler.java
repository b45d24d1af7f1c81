package org.sandbench.models.landlock;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sandbench.models.Mode;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.policy.FsAccess;
import org.sandbench.models.policy.Ipc;
import org.sandbench.models.policy.NetAccess;
import org.sandbench.models.policy.PathRule;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.policy.PortRule;

/**
 * Policy to Landlock ruleset.  The ruleset handles every right of the target ABI
 * (so everything not granted is denied), grants the policy's paths and ports, and
 * scopes away signals and abstract sockets unless the policy needs them.
 */
public final class LandlockCompiler {

    public record Options(LandlockAbi abi, CompatLevel compat) {
        public static Options defaults() {
            return new Options(LandlockAbi.LATEST_KNOWN, CompatLevel.BEST_EFFORT);
        }
    }

    public static Set<AccessFs> rights(FsAccess a) {
        return switch (a) {
            case READ -> EnumSet.of(AccessFs.READ_FILE, AccessFs.READ_DIR);
            case WRITE -> EnumSet.of(AccessFs.WRITE_FILE, AccessFs.TRUNCATE);
            case CREATE -> EnumSet.of(AccessFs.MAKE_REG, AccessFs.MAKE_DIR, AccessFs.MAKE_SYM, AccessFs.MAKE_SOCK,
                    AccessFs.MAKE_FIFO);
            case REMOVE -> EnumSet.of(AccessFs.REMOVE_FILE, AccessFs.REMOVE_DIR);
            case EXECUTE -> EnumSet.of(AccessFs.EXECUTE);
            case REFER -> EnumSet.of(AccessFs.REFER);
            case IOCTL_DEV -> EnumSet.of(AccessFs.IOCTL_DEV);
        };
    }

    /**
     * @param executable in retrofit mode, the program the launcher will exec (granted execute and read)
     * @param probe      a path outside every rule, readable without the sandbox
     */
    public LandlockRuleset compile(Policy policy, Mode mode, Bindings bindings, Options options, String executable,
                                   String probe) {
        LandlockAbi abi = options.abi().known();
        EnumSet<AccessFs> handledFs = AccessFs.upTo(abi.version());
        EnumSet<AccessNet> handledNet = AccessNet.upTo(abi.version());
        EnumSet<Scope> scoped = Scope.upTo(abi.version());
        if (policy.ipc().contains(Ipc.SIGNAL_OUTSIDE))
            scoped.remove(Scope.SIGNAL);
        if (policy.ipc().contains(Ipc.ABSTRACT_UNIX_OUTSIDE))
            scoped.remove(Scope.ABSTRACT_UNIX_SOCKET);

        List<LandlockRuleset.PathBeneath> paths = new ArrayList<>();
        if (mode == Mode.RETROFIT && executable != null)
            paths.add(new LandlockRuleset.PathBeneath(executable, EnumSet.of(AccessFs.EXECUTE, AccessFs.READ_FILE),
                    "retrofit: the launcher execs the workload"));
        for (PathRule r : policy.filesystem()) {
            EnumSet<AccessFs> allowed = EnumSet.noneOf(AccessFs.class);
            for (FsAccess a : r.access())
                allowed.addAll(rights(a));
            allowed.retainAll(handledFs);
            if (!allowed.isEmpty())
                paths.add(new LandlockRuleset.PathBeneath(bindings.resolve(r.path()), allowed,
                        "policy: " + r.access().stream().map(FsAccess::id).sorted().reduce((x, y) -> x + "," + y).orElse("")));
        }
        List<LandlockRuleset.NetPort> ports = new ArrayList<>();
        if (!handledNet.isEmpty()) {
            for (PortRule r : policy.network()) {
                EnumSet<AccessNet> allowed = EnumSet.noneOf(AccessNet.class);
                if (r.access().contains(NetAccess.BIND)) allowed.add(AccessNet.BIND_TCP);
                if (r.access().contains(NetAccess.CONNECT)) allowed.add(AccessNet.CONNECT_TCP);
                String p = bindings.resolve(r.port());
                int port;
                try {
                    port = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    throw new PolicyException("network rule: port '" + p + "' is not a number");
                }
                ports.add(new LandlockRuleset.NetPort(port, allowed, "policy: tcp " + r.port()));
            }
        }
        return new LandlockRuleset(abi, options.compat(), handledFs, handledNet, scoped, paths, ports, probe);
    }
}

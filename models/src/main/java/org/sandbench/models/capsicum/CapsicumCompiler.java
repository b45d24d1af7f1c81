package org.sandbench.models.capsicum;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sandbench.models.capsicum.CapsicumPlan.Descriptor;
import org.sandbench.models.capsicum.CapsicumPlan.Fcntl;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.policy.FsAccess;
import org.sandbench.models.policy.Ipc;
import org.sandbench.models.policy.NetAccess;
import org.sandbench.models.policy.PathRule;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PortRule;
import org.sandbench.models.policy.SyscallRuleSpec;

/**
 * Policy to Capsicum.  Capsicum has no list of allowed system calls: capability mode
 * (cap_enter(2)) removes every global namespace at once (paths through AT_FDCWD or
 * absolute, addresses for connect/bind/sendto, other processes' pids), and what is
 * left is the descriptors the program acquired before, each narrowed to rights(4).
 * So the compiler turns each filesystem rule into a descriptor opened first (a
 * "preopen") whose rights come from the access, limits stdio the way
 * caph_limit_stdio(3) does, and says in notes what the other parts of the policy
 * become: not a rule, but a consequence of capability mode.
 *
 * Rights per access mirror the Landlock compiler's grouping so that the two object
 * models are compared on the same grants (LandlockCompiler.rights).
 */
public final class CapsicumCompiler {

    /**
     * @param limit    narrow each descriptor's rights (false: acquire descriptors only, the baseline)
     * @param capEnter enter capability mode after acquiring them
     */
    public record Options(boolean limit, boolean capEnter) {
        public static final Options CAPSICUM = new Options(true, true);
        /** The baseline in the same guest: the same descriptors, no limits, no capability mode. */
        public static final Options BASELINE = new Options(false, false);
    }

    public static Set<CapRight> rights(FsAccess a) {
        return switch (a) {
            case READ -> EnumSet.of(CapRight.LOOKUP, CapRight.READ, CapRight.SEEK, CapRight.FSTAT, CapRight.FSTATAT,
                    CapRight.FSTATFS, CapRight.FCNTL, CapRight.EVENT, CapRight.MMAP);
            case WRITE -> EnumSet.of(CapRight.LOOKUP, CapRight.WRITE, CapRight.SEEK, CapRight.FSTAT, CapRight.FTRUNCATE,
                    CapRight.FSYNC, CapRight.FCNTL, CapRight.EVENT);
            case CREATE -> EnumSet.of(CapRight.LOOKUP, CapRight.CREATE, CapRight.MKDIRAT, CapRight.MKFIFOAT,
                    CapRight.SYMLINKAT);
            case REMOVE -> EnumSet.of(CapRight.LOOKUP, CapRight.UNLINKAT);
            case EXECUTE -> EnumSet.of(CapRight.LOOKUP, CapRight.FEXECVE);
            case REFER -> EnumSet.of(CapRight.LOOKUP, CapRight.RENAMEAT_SOURCE, CapRight.RENAMEAT_TARGET,
                    CapRight.LINKAT_SOURCE, CapRight.LINKAT_TARGET);
            case IOCTL_DEV -> EnumSet.of(CapRight.IOCTL);
        };
    }

    private static final Pattern IOCTL_ARG = Pattern.compile("a1\\s*==\\s*(0x[0-9a-fA-F]+|[0-9]+)");

    public CapsicumPlan compile(Policy policy, String title, Bindings bindings, String probe, Options options) {
        List<String> notes = new ArrayList<>();
        // ioctl commands the policy names (seccomp argument rules), translated to FreeBSD's.
        Set<String> ioctls = new LinkedHashSet<>();
        for (SyscallRuleSpec r : policy.syscalls()) {
            if (!r.syscall().equals("ioctl")) {
                notes.add("seccomp-only rule '" + r.syscall() + "' has no Capsicum counterpart: capability mode "
                        + "allows every call that does not reach a global namespace");
                continue;
            }
            Optional<Long> cmd = r.args().stream().map(IOCTL_ARG::matcher).filter(Matcher::matches)
                    .map(m -> Long.decode(m.group(1))).findFirst();
            Optional<String> name = cmd.flatMap(Ioctls::freebsdName);
            if (name.isPresent())
                ioctls.add(name.get());
            else
                notes.add("ioctl rule " + r.args() + " (" + r.why() + ") has no FreeBSD translation here: not granted");
        }

        List<Descriptor> ds = new ArrayList<>();
        String stdioOrigin = policy.promises().contains("stdio")
                ? "promise stdio: as caph_limit_stdio(3)"
                : "the runtime's protocol on stdout, as caph_limit_stdio(3)";
        for (int fd = 0; fd <= 2; fd++) {
            Set<CapRight> r = EnumSet.of(CapRight.EVENT, CapRight.FCNTL, CapRight.FSTAT, CapRight.IOCTL, CapRight.SEEK,
                    fd == 0 ? CapRight.READ : CapRight.WRITE);
            List<String> io = new ArrayList<>(Ioctls.STDIO);
            for (String i : ioctls)
                if (!io.contains(i)) io.add(i);
            if (options.limit())
                ds.add(new Descriptor(fd, null, Set.of(), Optional.of(r), Optional.of(io), Optional.of(EnumSet.of(Fcntl.GETFL)),
                        stdioOrigin));
        }
        for (PathRule rule : policy.filesystem()) {
            Set<CapRight> r = EnumSet.noneOf(CapRight.class);
            for (FsAccess a : rule.access())
                r.addAll(rights(a));
            // Renaming within the directory is removing one name and making another, which the rule grants; Landlock
            // needs no more for it (REFER is for moving between directories), but renameat(2) in capability mode
            // needs both rename rights on the descriptor (rights(4)).
            if (rule.access().contains(FsAccess.CREATE) && rule.access().contains(FsAccess.REMOVE)) {
                r.add(CapRight.RENAMEAT_SOURCE);
                r.add(CapRight.RENAMEAT_TARGET);
            }
            Optional<List<String>> io = Optional.empty();
            if (r.contains(CapRight.IOCTL))
                io = ioctls.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(ioctls));
            String origin = "policy: " + rule.access().stream().map(FsAccess::id).sorted().collect(Collectors.joining(","))
                    + " beneath " + rule.path();
            ds.add(new Descriptor(-1, bindings.resolve(rule.path()), rule.access(),
                    options.limit() ? Optional.of(r) : Optional.empty(),
                    options.limit() ? io : Optional.empty(),
                    options.limit() && r.contains(CapRight.FCNTL) ? Optional.of(EnumSet.of(Fcntl.GETFL)) : Optional.empty(),
                    origin));
        }

        if (!options.capEnter()) {
            notes.clear();
            notes.add("baseline: the same descriptors are acquired, nothing is limited, capability mode is not entered");
            return new CapsicumPlan(title, ds, Optional.ofNullable(probe), false, notes);
        }
        for (PortRule p : policy.network())
            notes.add("tcp " + bindings.resolve(p.port()) + " " + p.access().stream().map(NetAccess::id).sorted()
                    .collect(Collectors.joining(",")) + ": bind/connect with an address fail with ECAPMODE in capability "
                    + "mode; the program must create and connect its socket before cap_enter");
        if (policy.promises().contains("inet") || policy.promises().contains("unix"))
            notes.add("sockets may be created in capability mode, but connect/bind/sendto with an address fail with "
                    + "ECAPMODE: only sockets connected before cap_enter can talk");
        if (policy.promises().contains("exec"))
            notes.add("execve(2) fails with ECAPMODE; only fexecve(2) on a descriptor with CAP_FEXECVE remains");
        if (policy.ipc().contains(Ipc.SIGNAL_OUTSIDE))
            notes.add("kill(2) of any other process fails with ECAPMODE; only pdkill(2) on a process descriptor remains");
        if (policy.seccomp().isDenylist())
            notes.add("a seccomp denylist has no Capsicum counterpart: capability mode is all-or-nothing per namespace");
        return new CapsicumPlan(title, ds, Optional.ofNullable(probe), options.capEnter(), notes);
    }
}

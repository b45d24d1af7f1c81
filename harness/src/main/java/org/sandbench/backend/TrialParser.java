package org.sandbench.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.sandbench.models.Enforcement;

/**
 * Turns a trial's protocol lines and exit status into a {@link TrialResult}.
 * Pure: the backends feed it, the tests drive it with tables of lines.
 */
public final class TrialParser {
    /** Exit codes shared with native/runtime/sb_runtime.h and the launcher. */
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_MISSING = 3;
    public static final int EXIT_DENIED = 4;
    public static final int EXIT_LAUNCHER = 125;
    public static final int EXIT_EXEC = 126;

    private static final Map<Integer, String> SIGNALS = Map.of(4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 9, "SIGKILL",
            11, "SIGSEGV", 15, "SIGTERM", 31, "SIGSYS", 5, "SIGTRAP");

    private final SyscallTable syscalls;

    public TrialParser(SyscallTable syscalls) {
        this.syscalls = syscalls;
    }

    public static String signalName(int sig) {
        return SIGNALS.getOrDefault(sig, "signal " + sig);
    }

    /**
     * @param exitCode  the process exit code, 128+N for death by signal N (the JVM's convention), -1 if unknown
     * @param timedOut  the harness killed it at its timeout
     */
    public TrialResult parse(List<String> rawLines, int exitCode, boolean timedOut, String stderrTail, long wallNs) {
        List<ProtocolLine> lines = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String l : rawLines)
            ProtocolLine.parse(l).ifPresent(p -> {
                lines.add(p);
                kept.add(l);
            });
        List<Batch> batches = new ArrayList<>();
        Map<String, Long> setup = new LinkedHashMap<>();
        int seccompMode = -1, seccompFilters = -1, llAbi = -2;
        long fs = 0, net = 0, scoped = 0, dfs = 0, dnet = 0, dscoped = 0;
        String probe = null, ssb = "unknown", nnp = "unknown", ssbPrctl = "unknown";
        boolean ended = false;
        ProtocolLine error = null, denied = null;
        StringJoiner enforced = new StringJoiner("; ");
        Map<String, String> proofs = new LinkedHashMap<>();
        for (ProtocolLine p : lines) {
            switch (p.kind()) {
                case "batch" -> batches.add(new Batch((int) p.getLong("i", batches.size()), p.getLong("iters", 1),
                        p.getLong("ns", 0), p.getLong("cpu_ns", -1)));
                case "end" -> ended = true;
                case "error" -> error = error == null ? p : error;
                case "denied" -> denied = p;
                case "setup" -> p.fields().forEach((k, v) -> setup.put(k, p.getLong(k, -1)));
                case "exec" -> setup.put("launcher_ns", p.getLong("launcher_ns", -1));
                case "start" -> setup.put("launch_to_main_ns", p.getLong("launch_to_main_ns", -1));
                case "ready" -> setup.put("workload_setup_ns", p.getLong("setup_ns", -1));
                case "proof" -> {
                    otherMechanism(p, proofs);
                    if (p.fields().containsKey("landlock_probe"))
                        probe = p.get("landlock_probe");
                    if (p.fields().containsKey("seccomp_mode")) {
                        seccompMode = (int) p.getLong("seccomp_mode", -1);
                        seccompFilters = (int) p.getLong("seccomp_filters", -1);
                        ssb = p.get("ssb", "unknown");
                        nnp = p.get("nnp", "unknown");
                        ssbPrctl = p.get("ssb_prctl", "unknown");
                    }
                }
                case "enforced" -> {
                    if (p.is("enforced", "landlock")) {
                        String k = p.get("kernel_abi", "none");
                        llAbi = k.equals("none") ? -1 : (int) p.getLong("kernel_abi", -1);
                        fs = p.getLong("fs", 0);
                        net = p.getLong("net", 0);
                        scoped = p.getLong("scoped", 0);
                        dfs = p.getLong("dropped_fs", 0);
                        dnet = p.getLong("dropped_net", 0);
                        dscoped = p.getLong("dropped_scoped", 0);
                        enforced.add(llAbi < 0 ? "landlock: unavailable (" + p.get("reason", "?") + ")"
                                : String.format("landlock ABI %d fs=0x%x net=0x%x scoped=0x%x%s", llAbi, fs, net, scoped,
                                        dfs + dnet + dscoped == 0 ? "" : String.format(" dropped fs=0x%x net=0x%x scoped=0x%x", dfs, dnet, dscoped)));
                    } else if (p.is("enforced", "seccomp")) {
                        enforced.add(String.format("seccomp filter %s: %s rules, %s BPF insns, default %s%s%s",
                                p.get("filter", "?"), p.get("rules", "?"), p.get("insns", "?"), p.get("default", "?"),
                                "1".equals(p.get("spec_allow")) ? ", spec_allow" : "",
                                "raw-naive".equals(p.get("kind")) ? ", no arch check" : ""));
                    } else if (otherMechanism(p, proofs)) {
                        // e.g. "SB1 enforced capsicum limited=3 preopens=1 cap_enter=1 message=..." (FreeBSD guest)
                        enforced.add(p.words().get(0) + ": " + p.get("message", p.fields().toString()));
                    }
                }
                default -> { }
            }
        }
        if (seccompMode >= 0)
            enforced.add("status: seccomp mode " + seccompMode + ", " + seccompFilters + " filters, ssb " + ssb);
        if (probe != null)
            enforced.add("landlock probe " + probe);
        Enforcement e = new Enforcement(seccompMode, seccompFilters, llAbi, fs, net, scoped, dfs, dnet, dscoped, probe, ssb, nnp,
                ssbPrctl, proofs);

        TrialResult.Status status;
        String message;
        if (timedOut) {
            status = TrialResult.Status.TIMEOUT;
            message = "did not finish within its timeout; " + batches.size() + " batches kept";
        } else if (exitCode == 0 && ended) {
            status = TrialResult.Status.OK;
            message = "";
        } else if (denied != null) {
            int nr = (int) denied.getLong("syscall", -1);
            status = TrialResult.Status.DENIED;
            message = "system call " + syscalls.name(nr) + " (" + nr + ") was denied by the seccomp filter (SIGSYS)";
        } else if (exitCode == EXIT_DENIED && error != null) {
            status = TrialResult.Status.DENIED;
            message = describeError(error);
        } else if (exitCode == EXIT_MISSING) {
            status = TrialResult.Status.MISSING_CAPABILITY;
            message = error != null ? describeError(error) : stderrTail.trim();
        } else if (exitCode > 128 && exitCode < 128 + 65) {
            int sig = exitCode - 128;
            status = TrialResult.Status.CRASHED;
            message = "killed by " + signalName(sig) + (sig == 31
                    ? ": a system call outside the seccomp policy, under a kill default action (rerun with --seccomp-default trap to name it)"
                    : "") + "; " + batches.size() + " batches kept";
        } else {
            status = TrialResult.Status.FAILED;
            message = error != null ? describeError(error)
                    : "exit code " + exitCode + (stderrTail.isBlank() ? "" : ": " + stderrTail.trim());
            if (exitCode == 0 && !ended)
                message = "exited without finishing its batches";
        }
        return new TrialResult(status, message, batches, e, enforced.toString(), setup, exitCode, stderrTail, wallNs, kept);
    }

    /**
     * The CPU the launcher pinned the trial to ("1"), "failed:errno=E" when the kernel
     * refused (the trial then ran unpinned), or "" when pinning was not asked for.
     */
    public static String pinnedCpu(TrialResult r) {
        for (String l : r.lines()) {
            var p = ProtocolLine.parse(l);
            if (p.isPresent() && p.get().kind().equals("note") && p.get().fields().containsKey("pin_cpu")) {
                String cpu = p.get().get("pin_cpu");
                return p.get().words().contains("failed") ? "failed:cpu=" + cpu + ",errno=" + p.get().get("errno", "?") : cpu;
            }
        }
        return "";
    }

    /** A field of the first protocol line of a kind (and first word), or "" when absent. */
    public static String field(TrialResult r, String kind, String firstWord, String key) {
        for (String l : r.lines()) {
            var p = ProtocolLine.parse(l);
            if (p.isPresent() && p.get().kind().equals(kind)
                    && (firstWord == null || p.get().is(kind, firstWord)) && p.get().fields().containsKey(key))
                return p.get().get(key);
        }
        return "";
    }

    /**
     * Proof and enforcement lines of mechanisms other than seccomp and Landlock ("SB1 proof
     * capsicum cap_mode=1 ..."): their fields are kept as "capsicum.cap_mode" for the model's check.
     */
    private static boolean otherMechanism(ProtocolLine p, Map<String, String> proofs) {
        if (p.words().isEmpty() || p.words().get(0).equals("landlock") || p.words().get(0).equals("seccomp"))
            return false;
        String mech = p.words().get(0);
        p.fields().forEach((k, v) -> {
            if (!k.equals("message"))
                proofs.put(mech + "." + k, v);
        });
        return true;
    }

    private static String describeError(ProtocolLine error) {
        String op = error.get("op", "?");
        String detail = error.get("detail", "-");
        String errno = error.get("errno", "0");
        String msg = error.get("message", "-");
        if ("0".equals(errno))
            return op + ("-".equals(detail) ? "" : "(" + detail + ")") + ": " + msg;
        return "operation " + op + ("-".equals(detail) ? "" : "(" + detail + ")") + " failed: errno " + errno
                + " (" + msg + ")";
    }
}

package org.sandbench.models;

/**
 * What the sandboxed process reported about itself before measuring: the proof
 * lines of the launcher and the workload runtime (docs/protocol.md).
 *
 * @param seccompMode       /proc/self/status "Seccomp" (0 none, 2 filter); -1 unknown
 * @param seccompFilters    /proc/self/status "Seccomp_filters"; -1 unknown
 * @param landlockKernelAbi -2 not requested, -1 unavailable
 * @param landlockProbe     "denied", "allowed", "error" or null when no probe ran
 * @param ssb               speculative store bypass state of the measured process (/proc/self/status)
 * @param ssbPrctl          prctl(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS) in the measured process:
 *                          "0x2" and so on, "error-E", or "unknown" when not reported
 * @param proofs            proof and enforcement fields of other mechanisms, "mechanism.key" to value
 *                          (Capsicum in a FreeBSD guest: capsicum.cap_mode, capsicum.probe, ...)
 */
public record Enforcement(int seccompMode, int seccompFilters, int landlockKernelAbi, long landlockFs,
                          long landlockNet, long landlockScoped, long droppedFs, long droppedNet,
                          long droppedScoped, String landlockProbe, String ssb, String nnp, String ssbPrctl,
                          java.util.Map<String, String> proofs) {
    public static final Enforcement UNKNOWN = new Enforcement(-1, -1, -2, 0, 0, 0, 0, 0, 0, null, "unknown", "unknown");

    public Enforcement {
        ssbPrctl = ssbPrctl == null ? "unknown" : ssbPrctl;
        proofs = proofs == null ? java.util.Map.of() : java.util.Map.copyOf(proofs);
    }

    /** The Linux-only form (no proofs of other mechanisms), without the prctl state. */
    public Enforcement(int seccompMode, int seccompFilters, int landlockKernelAbi, long landlockFs, long landlockNet,
                       long landlockScoped, long droppedFs, long droppedNet, long droppedScoped, String landlockProbe,
                       String ssb, String nnp) {
        this(seccompMode, seccompFilters, landlockKernelAbi, landlockFs, landlockNet, landlockScoped, droppedFs,
                droppedNet, droppedScoped, landlockProbe, ssb, nnp, "unknown", java.util.Map.of());
    }

    /** With the prctl state, no proofs of other mechanisms. */
    public Enforcement(int seccompMode, int seccompFilters, int landlockKernelAbi, long landlockFs, long landlockNet,
                       long landlockScoped, long droppedFs, long droppedNet, long droppedScoped, String landlockProbe,
                       String ssb, String nnp, String ssbPrctl) {
        this(seccompMode, seccompFilters, landlockKernelAbi, landlockFs, landlockNet, landlockScoped, droppedFs,
                droppedNet, droppedScoped, landlockProbe, ssb, nnp, ssbPrctl, java.util.Map.of());
    }

    /** With proofs of other mechanisms, without the prctl state. */
    public Enforcement(int seccompMode, int seccompFilters, int landlockKernelAbi, long landlockFs, long landlockNet,
                       long landlockScoped, long droppedFs, long droppedNet, long droppedScoped, String landlockProbe,
                       String ssb, String nnp, java.util.Map<String, String> proofs) {
        this(seccompMode, seccompFilters, landlockKernelAbi, landlockFs, landlockNet, landlockScoped, droppedFs,
                droppedNet, droppedScoped, landlockProbe, ssb, nnp, "unknown", proofs);
    }

    /** A proof field of another mechanism, or null. */
    public String proof(String key) {
        return proofs.get(key);
    }

    // PR_SPEC_* bits of prctl(PR_GET_SPECULATION_CTRL) (include/uapi/linux/prctl.h, Linux 4.17; NOEXEC 5.1)
    private static final long PR_SPEC_PRCTL = 1, PR_SPEC_ENABLE = 2, PR_SPEC_DISABLE = 4, PR_SPEC_FORCE_DISABLE = 8,
            PR_SPEC_DISABLE_NOEXEC = 16;

    /** The prctl word in words: "per-task control, speculation force-disabled" and so on. */
    public String ssbPrctlMeaning() {
        if (!ssbPrctl.startsWith("0x"))
            return ssbPrctl;
        long v = Long.parseLong(ssbPrctl.substring(2), 16);
        if (v == 0)
            return "not affected";
        java.util.List<String> w = new java.util.ArrayList<>();
        if ((v & PR_SPEC_PRCTL) != 0) w.add("per-task control");
        if ((v & PR_SPEC_FORCE_DISABLE) != 0) w.add("speculation force-disabled (mitigated, cannot be undone)");
        else if ((v & PR_SPEC_DISABLE) != 0) w.add("speculation disabled (mitigated)");
        if ((v & PR_SPEC_DISABLE_NOEXEC) != 0) w.add("disabled until exec");
        if ((v & PR_SPEC_ENABLE) != 0) w.add("speculation enabled (not mitigated)");
        return String.join(", ", w);
    }
}

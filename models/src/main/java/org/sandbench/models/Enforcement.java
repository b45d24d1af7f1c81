package org.sandbench.models;

/**
 * What the sandboxed process reported about itself before measuring: the proof
 * lines of the launcher and the workload runtime (docs/protocol.md).
 *
 * @param seccompMode       /proc/self/status "Seccomp" (0 none, 2 filter); -1 unknown
 * @param seccompFilters    /proc/self/status "Seccomp_filters"; -1 unknown
 * @param landlockKernelAbi -2 not requested, -1 unavailable
 * @param landlockProbe     "denied", "allowed", "error" or null when no probe ran
 * @param ssb               speculative store bypass state of the measured process
 * @param proofs            proof and enforcement fields of other mechanisms, "mechanism.key" to value
 *                          (Capsicum in a FreeBSD guest: capsicum.cap_mode, capsicum.probe, ...)
 */
public record Enforcement(int seccompMode, int seccompFilters, int landlockKernelAbi, long landlockFs,
                          long landlockNet, long landlockScoped, long droppedFs, long droppedNet,
                          long droppedScoped, String landlockProbe, String ssb, String nnp,
                          java.util.Map<String, String> proofs) {
    public static final Enforcement UNKNOWN = new Enforcement(-1, -1, -2, 0, 0, 0, 0, 0, 0, null, "unknown", "unknown");

    public Enforcement {
        proofs = proofs == null ? java.util.Map.of() : java.util.Map.copyOf(proofs);
    }

    /** The Linux-only form (no proofs of other mechanisms). */
    public Enforcement(int seccompMode, int seccompFilters, int landlockKernelAbi, long landlockFs, long landlockNet,
                       long landlockScoped, long droppedFs, long droppedNet, long droppedScoped, String landlockProbe,
                       String ssb, String nnp) {
        this(seccompMode, seccompFilters, landlockKernelAbi, landlockFs, landlockNet, landlockScoped, droppedFs,
                droppedNet, droppedScoped, landlockProbe, ssb, nnp, java.util.Map.of());
    }

    /** A proof field of another mechanism, or null. */
    public String proof(String key) {
        return proofs.get(key);
    }
}

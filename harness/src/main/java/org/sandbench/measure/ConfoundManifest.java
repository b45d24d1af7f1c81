package org.sandbench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import org.sandbench.models.Enforcement;

/**
 * The confounds of a result set that env.json records beside the host section
 * (HostProbe.machine): what the measured process itself reported under each model
 * (speculative-store-bypass state, seccomp mode and filters, the Landlock ABI and
 * what was enforced) and the kernel features that change what a number means
 * (prior-art.md, traps 1, 2 and 7).
 */
public final class ConfoundManifest {
    private ConfoundManifest() {
    }

    /** One measured process, from its own proof lines. */
    public static Map<String, Object> process(Enforcement e, String enforced, String pinnedCpu) {
        Map<String, Object> m = new TreeMap<>();
        m.put("enforced", enforced);
        m.put("ssb_status", e.ssb());
        m.put("ssb_prctl", e.ssbPrctl());
        m.put("ssb_prctl_meaning", e.ssbPrctlMeaning());
        m.put("no_new_privs", e.nnp());
        m.put("seccomp_mode", e.seccompMode());
        m.put("seccomp_filters", e.seccompFilters());
        m.put("landlock_abi", switch (e.landlockKernelAbi()) {
            case -2 -> "not requested";
            case -1 -> "unavailable";
            default -> Integer.toString(e.landlockKernelAbi());
        });
        if (e.landlockKernelAbi() >= 1) {
            m.put("landlock_handled", String.format("fs=0x%x net=0x%x scoped=0x%x", e.landlockFs(), e.landlockNet(),
                    e.landlockScoped()));
            m.put("landlock_dropped", String.format("fs=0x%x net=0x%x scoped=0x%x", e.droppedFs(), e.droppedNet(),
                    e.droppedScoped()));
            m.put("landlock_probe", e.landlockProbe() == null ? "not run" : e.landlockProbe());
        }
        m.put("pinned_cpu", pinnedCpu == null || pinnedCpu.isEmpty() ? "not pinned" : pinnedCpu);
        return m;
    }

    /** Kernel features that decide what a seccomp or Landlock number can mean on this host. */
    public static Map<String, Object> kernelFeatures(JsonNode kernel) {
        Map<String, Object> m = new TreeMap<>();
        String release = kernel.path("kernel_release").asText("");
        boolean cache = atLeast(release, 5, 11) && "x86_64".equals(kernel.path("machine").asText(""));
        m.put("seccomp_action_cache", cache
                ? "expected: Linux " + release + " >= 5.11 on x86-64 skips BPF for syscalls every filter allows "
                  + "without reading arguments (the seccomp sweep checks it per row)"
                : "not expected on " + release + " (needs Linux 5.11+ with SECCOMP_ARCH_NATIVE)");
        m.put("ssb_forced_by_seccomp_default", atLeast(release, 5, 16)
                ? "no: since Linux 5.16 seccomp no longer forces the mitigation by default (unless booted with "
                  + "spec_store_bypass_disable=seccomp)"
                : "yes: before Linux 5.16 a filter without SECCOMP_FILTER_FLAG_SPEC_ALLOW forces the mitigation");
        m.put("seccomp_flag_spec_allow", kernel.path("seccomp_flag_spec_allow").asBoolean(false));
        m.put("landlock_abi", kernel.path("landlock_abi").asInt(-1));
        m.put("ssb_prctl_of_the_probe", kernel.path("ssb_prctl").asText("unknown"));
        return m;
    }

    /** "6.18.44-fc" >= major.minor. */
    static boolean atLeast(String release, int major, int minor) {
        java.util.regex.Matcher mm = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(release);
        if (!mm.find())
            return false;
        int a = Integer.parseInt(mm.group(1)), b = Integer.parseInt(mm.group(2));
        return a > major || (a == major && b >= minor);
    }
}

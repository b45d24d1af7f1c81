package org.sandbench.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sandbench.harness.Home;
import org.sandbench.harness.SandbenchException;
import org.sandbench.models.Availability;
import org.sandbench.models.HostFacts;

/**
 * Probes the host: kernel features through native/build/bin/sb-probe (syscalls, not
 * headers), CPU and mitigation state from /proc and /sys, and the tools the other
 * backends need.  The same data feeds `sandbench doctor` and every env.json.
 */
public final class HostProbe {
    private final Home home;
    private final Map<String, FeatureProbe> extraProbes = new LinkedHashMap<>();

    /** A further availability probe, contributed by a backend (docker, qemu, ...). */
    public interface FeatureProbe {
        Availability probe();
    }

    public HostProbe(Home home) {
        this.home = home;
    }

    public HostProbe with(String name, FeatureProbe probe) {
        extraProbes.put(name, probe);
        return this;
    }

    /** The kernel part, as sb-probe reports it. */
    public JsonNode kernel() {
        Commands.Result r = Commands.run(List.of(home.probe().toString()), 10_000);
        if (!r.ok())
            throw SandbenchException.failed("sb-probe failed (" + r.exit() + "): " + r.err());
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (IOException e) {
            throw SandbenchException.failed("sb-probe printed invalid JSON: " + e.getMessage());
        }
    }

    public HostFacts facts() {
        return facts(kernel());
    }

    public HostFacts facts(JsonNode k) {
        Map<String, Availability> features = new LinkedHashMap<>();
        extraProbes.forEach((name, p) -> features.put(name, p.probe()));
        boolean seccomp = k.path("seccomp_actions").path("allow").asBoolean(false);
        int abi = k.path("landlock_abi").asInt(-1);
        return new HostFacts(k.path("kernel_release").asText(), seccomp,
                seccomp ? "" : "this kernel has no seccomp filter support (CONFIG_SECCOMP_FILTER)",
                abi, abi >= 1 ? "" : k.path("landlock_unavailable_reason").asText("Landlock unavailable"), features);
    }

    /** Host state that confounds measurements, for env.json and the doctor. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        String cpuinfo = Commands.read("/proc/cpuinfo").orElse("");
        m.put("cpu_model", field(cpuinfo, "model name"));
        m.put("cpu_vendor", field(cpuinfo, "vendor_id"));
        m.put("cpu_family_model_stepping", field(cpuinfo, "cpu family") + "/" + field(cpuinfo, "model\t") + "/"
                + field(cpuinfo, "stepping"));
        m.put("cpu_microcode", field(cpuinfo, "microcode"));
        m.put("cpu_mhz", field(cpuinfo, "cpu MHz"));
        m.put("cpu_count", Runtime.getRuntime().availableProcessors());
        m.put("cpus_online", Commands.read("/sys/devices/system/cpu/online").orElse("unknown"));
        m.put("smt_control", Commands.read("/sys/devices/system/cpu/smt/control").orElse("not exposed"));
        m.put("cpu_flags", field(cpuinfo, "flags"));
        m.put("virtualisation", virtualisation(cpuinfo));
        m.put("clocksource", Commands.read("/sys/devices/system/clocksource/clocksource0/current_clocksource").orElse("unknown"));
        m.put("clocksources_available",
                Commands.read("/sys/devices/system/clocksource/clocksource0/available_clocksource").orElse("unknown"));
        m.put("cpufreq_governor", Commands.read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor").orElse("not exposed"));
        m.put("cpufreq_boost", Commands.read("/sys/devices/system/cpu/cpufreq/boost")
                .or(() -> Commands.read("/sys/devices/system/cpu/intel_pstate/no_turbo").map(v -> "intel_pstate no_turbo=" + v))
                .orElse("not exposed"));
        m.put("cpuidle_driver", Commands.read("/sys/devices/system/cpu/cpuidle/current_driver").orElse("not exposed"));
        m.put("kernel_version", Commands.read("/proc/sys/kernel/version").orElse("unknown"));
        m.put("preemption", preemption());
        m.put("transparent_hugepage", Commands.read("/sys/kernel/mm/transparent_hugepage/enabled").orElse("not exposed"));
        m.put("loadavg", Commands.read("/proc/loadavg").orElse("unreadable"));
        Map<String, String> jit = new TreeMap<>();
        for (String f : List.of("bpf_jit_enable", "bpf_jit_harden", "bpf_jit_kallsyms", "bpf_jit_limit"))
            jit.put(f, Commands.read("/proc/sys/net/core/" + f).orElse("unreadable"));
        m.put("bpf_jit", jit);
        m.put("unprivileged_bpf_disabled", Commands.read("/proc/sys/kernel/unprivileged_bpf_disabled").orElse("unreadable"));
        m.put("cpu_vulnerabilities", vulnerabilities());
        m.put("kernel_cmdline", Commands.read("/proc/cmdline").orElse("unreadable"));
        return m;
    }

    /** The preemption model: the kernel's own word where exposed, else what uname -v says. */
    static String preemption() {
        var dyn = Commands.read("/sys/kernel/debug/sched/preempt");
        if (dyn.isPresent())
            return dyn.get();
        String v = Commands.read("/proc/sys/kernel/version").orElse("");
        for (String w : List.of("PREEMPT_DYNAMIC", "PREEMPT_RT", "PREEMPT"))
            if (v.contains(w))
                return w + " (from the kernel version string)";
        return "not exposed (no PREEMPT in the version string: likely voluntary or none)";
    }

    static String field(String cpuinfo, String key) {
        for (String line : cpuinfo.split("\n"))
            if (line.startsWith(key)) {
                int i = line.indexOf(':');
                return i < 0 ? "" : line.substring(i + 1).trim();
            }
        return "unknown";
    }

    static String virtualisation(String cpuinfo) {
        Commands.Result r = Commands.run(List.of("systemd-detect-virt"), 3000);
        if (r.exit() >= 0 && !r.out().isBlank())
            return r.out().trim();
        String flags = field(cpuinfo, "flags");
        return (" " + flags + " ").contains(" hypervisor ") ? "vm (hypervisor flag)" : "none detected";
    }

    static Map<String, String> vulnerabilities() {
        Map<String, String> v = new TreeMap<>();
        Path dir = Path.of("/sys/devices/system/cpu/vulnerabilities");
        if (!Files.isDirectory(dir))
            return v;
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> v.put(p.getFileName().toString(), Commands.read(p.toString()).orElse("unreadable")));
        } catch (IOException ignored) {
            // leave what was read
        }
        return v;
    }
}

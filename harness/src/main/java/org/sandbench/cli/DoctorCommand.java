package org.sandbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sandbench.host.HostProbe;
import org.sandbench.models.Availability;
import org.sandbench.models.HostFacts;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", description = "What this host supports, each item with the reason when it is missing.")
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    private final Session session = new Session();

    @Override
    public Integer call() throws Exception {
        JsonNode k = session.kernel();
        HostProbe probe = session.probe();
        HostFacts facts = probe.facts(k);
        Map<String, Object> machine = HostProbe.machine();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("kernel", k);
        report.put("seccomp_action_cache", actionCache(k.path("kernel_release").asText()));
        report.put("machine", machine);
        Map<String, Object> features = new LinkedHashMap<>();
        facts.features().forEach((n, a) -> features.put(n, Map.of("available", a.available(), "detail", a.reason())));
        report.put("features", features);
        Map<String, Object> models = new LinkedHashMap<>();
        for (SandboxModel m : session.models().all()) {
            Availability a = m.availability(facts);
            models.put(m.id(), Map.of("available", a.available(), "detail", a.reason()));
        }
        report.put("models", models);
        Map<String, String> vm = org.sandbench.backend.vm.VmDoctor.report();
        report.put("vm", vm);
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(report));
            return 0;
        }
        line("kernel", k.path("kernel_release").asText() + " (" + k.path("machine").asText() + ")");
        JsonNode acts = k.path("seccomp_actions");
        line("seccomp filter", acts.path("allow").asBoolean() ? "available; actions: " + available(acts)
                + "; SPEC_ALLOW flag " + (k.path("seccomp_flag_spec_allow").asBoolean() ? "yes" : "no") : "unavailable");
        line("action cache", actionCache(k.path("kernel_release").asText()).get("detail").toString());
        int abi = k.path("landlock_abi").asInt(-1);
        line("landlock", abi >= 1 ? "ABI " + abi + " (" + new LandlockAbi(abi).kernel() + ")"
                + (abi > LandlockAbi.LATEST_KNOWN.version() ? "; sandbench knows rights up to ABI " + LandlockAbi.LATEST_KNOWN.version() : "")
                + (k.path("landlock_errata").asLong(-1) >= 0 ? "; errata mask " + k.path("landlock_errata").asLong() : "")
                : "unavailable: " + k.path("landlock_unavailable_reason").asText());
        line("spec store bypass", k.path("ssb_state").asText() + " (prctl " + k.path("ssb_prctl").asText() + "); sysfs: "
                + ((Map<?, ?>) machine.get("cpu_vulnerabilities")).get("spec_store_bypass"));
        line("bpf jit", machine.get("bpf_jit").toString());
        line("cpu", machine.get("cpu_model") + ", " + machine.get("cpu_count") + " cpus, virtualisation: " + machine.get("virtualisation"));
        line("clock source", String.valueOf(machine.get("clocksource")));
        for (var e : facts.features().entrySet())
            line(e.getKey(), (e.getValue().available() ? "available: " : "unavailable: ") + e.getValue().reason());
        vm.forEach(DoctorCommand::line);
        System.out.println();
        for (SandboxModel m : session.models().all()) {
            Availability a = m.availability(facts);
            line("model " + m.id(), (a.available() ? "ok (" : "unavailable: ") + a.reason() + (a.available() ? ")" : ""));
        }
        return 0;
    }

    /** The constant-action bitmap (kernel/seccomp.c, "seccomp: Cache constant action") exists from Linux 5.11. */
    static Map<String, Object> actionCache(String release) {
        int[] v = version(release);
        boolean yes = v[0] > 5 || (v[0] == 5 && v[1] >= 11);
        return Map.of("present", yes, "detail", yes ? "yes (Linux 5.11+: allowed-without-argument syscalls skip BPF)"
                : "no (needs Linux 5.11)");
    }

    static int[] version(String release) {
        String[] p = release.split("[.-]");
        try {
            return new int[] { Integer.parseInt(p[0]), Integer.parseInt(p[1]) };
        } catch (RuntimeException e) {
            return new int[] { 0, 0 };
        }
    }

    private static String available(JsonNode acts) {
        List<String> l = new java.util.ArrayList<>();
        acts.fields().forEachRemaining(e -> {
            if (e.getValue().asBoolean()) l.add(e.getKey());
        });
        return String.join(" ", l);
    }

    private static void line(String k, String v) {
        System.out.printf("%-22s %s%n", k, v);
    }
}

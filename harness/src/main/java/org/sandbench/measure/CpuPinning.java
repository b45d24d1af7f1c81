package org.sandbench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.Commands;

/**
 * Which CPU the trials are pinned to.  Pinning keeps a trial from migrating between
 * cores mid-batch (the kernel's seccomp benchmark pins for the same reason).  "auto"
 * takes the highest-numbered CPU this process may run on (CPU 0 usually takes more of
 * the machine's interrupts); "none" leaves scheduling alone; a number asks for that CPU.
 * The launcher reports whether the kernel agreed (SB1 note pin_cpu), and a refused pin
 * runs unpinned and says so in trials.csv, so asking never fails a run.
 *
 * @param cpu    the CPU to ask for, -1 for none
 * @param reason how it was chosen, for env.json
 */
public record CpuPinning(int cpu, String reason) {

    public static CpuPinning choose(String spec) {
        String allowed = allowedList();
        return choose(spec, allowed);
    }

    /** Pure: the choice for a --cpu value given this process's Cpus_allowed_list. */
    public static CpuPinning choose(String spec, String cpusAllowedList) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("none") || s.equals("-1"))
            return new CpuPinning(-1, "not pinned (--cpu none)");
        List<Integer> cpus = parseList(cpusAllowedList);
        if (s.equals("auto")) {
            if (cpus.isEmpty())
                return new CpuPinning(-1, "not pinned: the allowed CPU list is unreadable");
            int c = cpus.get(cpus.size() - 1);
            return new CpuPinning(c, "auto: the highest CPU this process may use (Cpus_allowed_list " + cpusAllowedList.trim() + ")");
        }
        int c;
        try {
            c = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw SandbenchException.usage("--cpu takes auto, none or a CPU number, got '" + spec + "'");
        }
        if (c < 0)
            throw SandbenchException.usage("--cpu takes auto, none or a CPU number >= 0, got " + c);
        if (!cpus.isEmpty() && !cpus.contains(c))
            throw SandbenchException.usage("--cpu " + c + " is not one this process may run on (Cpus_allowed_list "
                    + cpusAllowedList.trim() + "): choose one of those, or --cpu auto");
        return new CpuPinning(c, "--cpu " + c);
    }

    /** "0-3,6,8-9" -> [0,1,2,3,6,8,9]; empty for anything unparseable. */
    public static List<Integer> parseList(String list) {
        List<Integer> out = new ArrayList<>();
        if (list == null || list.isBlank())
            return out;
        try {
            for (String part : list.trim().split(",")) {
                String[] r = part.trim().split("-");
                int a = Integer.parseInt(r[0].trim()), b = r.length > 1 ? Integer.parseInt(r[1].trim()) : a;
                for (int i = a; i <= b; i++)
                    out.add(i);
            }
        } catch (NumberFormatException e) {
            return new ArrayList<>();
        }
        return out.stream().distinct().sorted().toList();
    }

    static String allowedList() {
        String status = Commands.read("/proc/self/status").orElse("");
        for (String l : status.split("\n"))
            if (l.startsWith("Cpus_allowed_list:"))
                return l.substring("Cpus_allowed_list:".length()).trim();
        return "";
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new TreeMap<>();
        m.put("cpu", cpu);
        m.put("choice", reason);
        return m;
    }
}

package org.sandbench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.Commands;
import org.sandbench.models.seccomp.BpfProgram;
import org.sandbench.models.seccomp.BpfSimulator;
import org.sandbench.models.seccomp.SeccompAction;

/**
 * What the kernel will run for the measured call, read from the exact programs the
 * launcher loads (sb-launch --export-bpf) and run through {@link BpfSimulator}:
 * instructions executed over all stacked filters, and whether the constant-action
 * cache can skip them (every filter allows the call without reading its arguments;
 * kernel/seccomp.c, seccomp_cache_prepare_bitmap).
 *
 * @param insnsExecuted sum over the stacked filters of the instructions one call executes
 * @param cacheable     every filter is a constant ALLOW for this syscall number
 * @param programLength instructions of each filter, in load order
 */
public record BpfFacts(int insnsExecuted, boolean cacheable, List<Integer> programLength) {

    public static BpfFacts analyse(List<BpfProgram> filters, int nr, long a0) {
        int executed = 0;
        boolean cacheable = true;
        List<Integer> len = new ArrayList<>();
        for (BpfProgram p : filters) {
            BpfSimulator.Result r = BpfSimulator.run(p, nr, BpfSimulator.AUDIT_ARCH_X86_64, 0, a0);
            if (!r.action().equals(SeccompAction.ALLOW))
                throw new IllegalStateException("the sweep filter does not allow syscall " + nr + " (it returns "
                        + r.action() + ")");
            executed += r.executed();
            cacheable &= BpfSimulator.cacheableAllow(p, nr);
            len.add(p.length());
        }
        return new BpfFacts(executed, cacheable, List.copyOf(len));
    }

    /** Exports the plan's filters with the launcher, then analyses them. */
    public static BpfFacts export(Path launcher, String planText, Path scratch, int nr, long a0) {
        try {
            Files.createDirectories(scratch);
            Path plan = Files.createTempFile(scratch, "export", ".plan");
            String prefix = plan.toString().replaceFirst("\\.plan$", "");
            Files.writeString(plan, planText);
            Commands.Result r = Commands.run(List.of(launcher.toString(), "--plan", plan.toString(), "--export-bpf",
                    prefix), 30_000);
            if (!r.ok())
                throw SandbenchException.failed("sb-launch --export-bpf failed for a sweep plan (" + r.exit() + "): "
                        + r.err().trim());
            List<BpfProgram> progs = new ArrayList<>();
            for (int i = 0; ; i++) {
                Path f = Path.of(prefix + "-" + i + ".bpf");
                if (!Files.exists(f))
                    break;
                progs.add(BpfProgram.parse(Files.readAllBytes(f)));
                Files.delete(f);
            }
            Files.delete(plan);
            return analyse(progs, nr, a0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

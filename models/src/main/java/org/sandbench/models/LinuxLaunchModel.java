package org.sandbench.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.landlock.LandlockRuleset;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.models.seccomp.SeccompFilter;

/**
 * The models the native launcher applies on a Linux host: none, seccomp, landlock
 * and both.  The combination is the same two compilers' outputs in one plan,
 * Landlock first (seccomp's allowlist does not include the Landlock syscalls).
 */
public final class LinuxLaunchModel implements SandboxModel {
    public static final LinuxLaunchModel NONE = new LinuxLaunchModel("none", false, false,
            "no sandbox: the baseline every overhead is measured against, in the same run");
    public static final LinuxLaunchModel SECCOMP = new LinuxLaunchModel("seccomp", true, false,
            "seccomp-bpf allowlist compiled from the workload's promises (libseccomp)");
    public static final LinuxLaunchModel LANDLOCK = new LinuxLaunchModel("landlock", false, true,
            "Landlock ruleset from the workload's paths, ports and scopes, best effort per kernel ABI");
    public static final LinuxLaunchModel SECCOMP_LANDLOCK = new LinuxLaunchModel("seccomp+landlock", true, true,
            "both, as practitioners deploy them");

    private final String id;
    private final boolean seccomp;
    private final boolean landlock;
    private final String summary;
    private final SeccompCompiler seccompCompiler = new SeccompCompiler();
    private final LandlockCompiler landlockCompiler = new LandlockCompiler();

    private LinuxLaunchModel(String id, boolean seccomp, boolean landlock, String summary) {
        this.id = id;
        this.seccomp = seccomp;
        this.landlock = landlock;
        this.summary = summary;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public Platform platform() {
        return Platform.LINUX_HOST;
    }

    public boolean usesSeccomp() {
        return seccomp;
    }

    public boolean usesLandlock() {
        return landlock;
    }

    @Override
    public Availability availability(HostFacts host) {
        if (seccomp && !host.seccompFilter())
            return Availability.no(host.seccompReason());
        if (landlock && host.landlockAbi() < 1)
            return Availability.no(host.landlockReason());
        if (landlock)
            return Availability.yes("Landlock ABI " + host.landlockAbi());
        return Availability.yes(seccomp ? "seccomp filters" : "always");
    }

    @Override
    public LaunchPlan compile(Policy policy, CompileContext ctx) {
        String title = "model " + id + ", workload " + ctx.workload() + ", mode " + ctx.mode().id();
        if (!seccomp && !landlock)
            return LaunchPlan.empty(title);
        Optional<LandlockRuleset> ruleset = landlock
                ? Optional.of(landlockCompiler.compile(policy, ctx.mode(), ctx.bindings(), ctx.landlock(),
                        ctx.executable(), ctx.landlockProbe()))
                : Optional.empty();
        List<SeccompFilter> filters = seccomp
                ? seccompCompiler.compile(policy, ctx.mode(), ctx.seccomp()) : List.of();
        return new LaunchPlan(title, true, ruleset, filters);
    }

    @Override
    public Optional<String> checkEnforced(CompiledPolicy compiled, Enforcement e, Enforcement baseline) {
        LaunchPlan plan = (LaunchPlan) compiled;
        List<String> problems = new ArrayList<>();
        int inherited = Math.max(0, baseline.seccompFilters());
        if (seccomp) {
            if (e.seccompMode() != 2)
                problems.add("seccomp mode is " + e.seccompMode() + " in the measured process, not 2 (filter)");
            else if (e.seccompFilters() - inherited != plan.seccomp().size())
                problems.add("the measured process has " + (e.seccompFilters() - inherited)
                        + " seccomp filters of its own, the plan has " + plan.seccomp().size());
        } else if (e.seccompFilters() > inherited) {
            problems.add("a seccomp filter is installed although the model has none");
        }
        if (landlock) {
            if (e.landlockKernelAbi() < 1)
                problems.add("Landlock is unavailable on this kernel: nothing was enforced");
            else if (!"denied".equals(e.landlockProbe()))
                problems.add("the Landlock probe (a path outside every rule) was " + e.landlockProbe()
                        + ", not denied: the ruleset is not in force");
            else if (e.landlockFs() == 0 && e.landlockNet() == 0 && e.landlockScoped() == 0)
                problems.add("the Landlock ruleset handles no access right on this kernel");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}

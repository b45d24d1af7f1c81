package org.sandbench.models.capsicum;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sandbench.models.Availability;
import org.sandbench.models.CompileContext;
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.Enforcement;
import org.sandbench.models.HostFacts;
import org.sandbench.models.Mode;
import org.sandbench.models.SandboxModel;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyException;

/**
 * Capsicum in a FreeBSD guest: the workload acquires its descriptors, narrows their
 * rights and enters capability mode itself (self mode only: there is no retrofit
 * Capsicum, cap_enter(2) is entered by the program).  {@link #BASELINE} is the
 * baseline measured in the same guest: the same descriptors, nothing limited.
 */
public final class CapsicumModel implements SandboxModel {
    public static final CapsicumModel CAPSICUM = new CapsicumModel("capsicum", CapsicumCompiler.Options.CAPSICUM,
            "capability mode (cap_enter) with per-descriptor rights (cap_rights_limit), in a FreeBSD guest");
    /** Reported as model "none" on backend vm:freebsd. */
    public static final CapsicumModel BASELINE = new CapsicumModel("none", CapsicumCompiler.Options.BASELINE,
            "no sandbox in the FreeBSD guest: the same descriptors acquired, nothing limited");

    /** Proof fields the guest's runtime reports (native/freebsd/sb_capsicum.c, docs/protocol.md). */
    public static final String PROOF_MODE = "capsicum.cap_mode";
    public static final String PROOF_PROBE = "capsicum.probe";
    public static final String PROOF_PROBE_ERRNO = "capsicum.probe_errno";
    public static final String ENFORCED_LIMITED = "capsicum.limited";
    /** FreeBSD's errno for a global-namespace operation in capability mode (sys/sys/errno.h). */
    public static final int ECAPMODE = 94;
    /** FreeBSD's errno for a missing capability right (sys/sys/errno.h). */
    public static final int ENOTCAPABLE = 93;

    private final String id;
    private final CapsicumCompiler.Options options;
    private final String summary;
    private final CapsicumCompiler compiler = new CapsicumCompiler();

    private CapsicumModel(String id, CapsicumCompiler.Options options, String summary) {
        this.id = id;
        this.options = options;
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
        return Platform.FREEBSD_GUEST;
    }

    /** Needs QEMU and a FreeBSD image, probed as host features "qemu" and "freebsd-image". */
    @Override
    public Availability availability(HostFacts host) {
        Availability q = host.feature("qemu");
        if (!q.available())
            return Availability.no("no QEMU: " + q.reason());
        Availability img = host.feature("freebsd-image");
        if (!img.available())
            return Availability.no(img.reason());
        return Availability.yes("FreeBSD guest " + img.reason() + " under QEMU");
    }

    @Override
    public CapsicumPlan compile(Policy policy, CompileContext ctx) {
        if (ctx.mode() == Mode.RETROFIT && options.capEnter())
            throw new PolicyException("capsicum has no retrofit mode: the program itself acquires its descriptors and "
                    + "calls cap_enter(2) (use --mode self; `run` does this for capsicum by itself)");
        String title = "model " + id + " (FreeBSD guest), workload " + ctx.workload() + ", mode self";
        return compiler.compile(policy, title, ctx.bindings(), ctx.landlockProbe(), options);
    }

    @Override
    public Optional<String> checkEnforced(CompiledPolicy compiled, Enforcement e, Enforcement baseline) {
        CapsicumPlan plan = (CapsicumPlan) compiled;
        List<String> problems = new ArrayList<>();
        String mode = e.proof(PROOF_MODE);
        if (plan.capEnter() && !"1".equals(mode))
            problems.add("cap_getmode(2) reports " + (mode == null ? "nothing" : mode) + " in the measured process, not 1");
        if (plan.capEnter() && plan.probe().isPresent()) {
            String probe = e.proof(PROOF_PROBE), errno = e.proof(PROOF_PROBE_ERRNO);
            if (!"denied".equals(probe) || !Integer.toString(ECAPMODE).equals(errno))
                problems.add("opening " + plan.probe().get() + " after cap_enter gave " + probe + " (errno " + errno
                        + "), not ECAPMODE (" + ECAPMODE + "): capability mode is not in force");
        }
        String limited = e.proof(ENFORCED_LIMITED);
        if (!Integer.toString(plan.limitedDescriptors()).equals(limited))
            problems.add("the guest limited " + limited + " descriptors, the plan has " + plan.limitedDescriptors());
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}

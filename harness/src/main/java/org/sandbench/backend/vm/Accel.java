package org.sandbench.backend.vm;

import java.util.List;
import java.util.Locale;

/**
 * How QEMU runs the guest's CPU.  KVM is chosen only when a timed boot test showed a
 * guest booting under it on this host (AccelChooser): /dev/kvm accepting KVM_CREATE_VM
 * is not enough (on the machines this was developed on, KVM guests hang at boot).
 */
public enum Accel {
    /** Hardware virtualisation; the guest sees the host's CPU model (-cpu host). */
    KVM(List.of("-accel", "kvm", "-cpu", "host")),
    /** Software emulation (TCG): slow, deterministic, always available. "max" enables every feature TCG emulates. */
    TCG(List.of("-accel", "tcg", "-cpu", "max"));

    private final List<String> args;

    Accel(List<String> args) {
        this.args = args;
    }

    public List<String> qemuArgs() {
        return args;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Accel parse(String s) {
        for (Accel a : values())
            if (a.id().equals(s))
                return a;
        throw new IllegalArgumentException("unknown accelerator '" + s + "' (known: auto, kvm, tcg)");
    }

    /** Time budgets: a TCG boot is several times slower than a KVM one. */
    public long scale(long kvmMillis) {
        return this == KVM ? kvmMillis : kvmMillis * 4;
    }
}

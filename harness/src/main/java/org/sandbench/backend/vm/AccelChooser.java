package org.sandbench.backend.vm;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sandbench.harness.Home;
import org.sandbench.host.Commands;
import org.sandbench.host.ToolProbes;
import org.sandbench.results.Json;

/**
 * KVM or TCG, decided by a timed boot test, never by /dev/kvm's presence alone: on the
 * machines sandbench was developed on, /dev/kvm accepts KVM_CREATE_VM but a KVM guest
 * hangs at boot (or QEMU aborts setting an MSR).  The verdict is kept in the store's
 * accel.json for this host kernel and QEMU version, so the test runs once per machine;
 * `vm boot-test` runs it again.
 */
public final class AccelChooser {
    private AccelChooser() {
    }

    /** A working KVM boots the busybox guest in about a second; 20 s is generous. */
    public static final long KVM_BOOT_TEST_MS = 20_000;

    public record Decision(Accel accel, String reason) {
        public Map<String, Object> asMap() {
            return Map.of("accel", accel.id(), "reason", reason);
        }
    }

    /** A boot test's outcome: booted (with the seconds to a ready agent) or why not. */
    public record BootTest(Accel accel, boolean booted, double seconds, String detail, String guestKernel) {
    }

    static String hostKey() {
        String qemu = Commands.run(List.of("qemu-system-x86_64", "--version"), 10_000).out().lines().findFirst().orElse("?");
        String kernel = Commands.read("/proc/sys/kernel/osrelease").orElse("?");
        return kernel + " | " + qemu;
    }

    public static Decision choose(String requested, VmStore store, Home home) {
        String r = requested == null ? "auto" : requested.toLowerCase(Locale.ROOT);
        if (r.equals("tcg"))
            return new Decision(Accel.TCG, "requested with --accel tcg");
        if (r.equals("kvm"))
            return new Decision(Accel.KVM, "requested with --accel kvm (no boot test)");
        if (!r.equals("auto"))
            throw new IllegalArgumentException("unknown --accel '" + requested + "' (known: auto, kvm, tcg)");
        var kvm = ToolProbes.kvm();
        if (!kvm.available())
            return new Decision(Accel.TCG, kvm.reason());
        Map<String, Object> cached = store.accelFile().toFile().isFile() ? VmStore.readJson(store.accelFile()) : Map.of();
        String key = hostKey();
        if (key.equals(cached.get("host")) && cached.get("verdict") != null)
            return new Decision(Accel.parse(String.valueOf(cached.get("verdict"))),
                    "boot test of " + cached.get("tested_utc") + ": " + cached.get("detail"));
        BootTest t = bootTest(Accel.KVM, store, home, KVM_BOOT_TEST_MS);
        if (t.guestKernel().isEmpty() && !t.booted())
            return new Decision(Accel.TCG, t.detail() + " (not recorded: the test runs again once a Linux guest can be built)");
        record(store, t);
        return new Decision(t.booted() ? Accel.KVM : Accel.TCG, "boot test just now: " + describe(t));
    }

    public static String describe(BootTest t) {
        return t.booted() ? String.format(Locale.ROOT, "a %s guest booted in %.1f s", t.accel().id(), t.seconds())
                : "a " + t.accel().id() + " guest did not boot: " + t.detail();
    }

    /** Boots the Linux guest (built on first use) under accel and powers it off again. */
    public static BootTest bootTest(Accel accel, VmStore store, Home home, long timeoutMs) {
        VmStore.LinuxGuest guest;
        try {
            guest = LinuxGuestBuilder.ensure(store, null);
        } catch (org.sandbench.harness.SandbenchException e) {
            return new BootTest(accel, false, 0, "no Linux guest to run the KVM boot test with: " + e.getMessage(), "");
        }
        GuestLauncher.Booted b = null;
        try {
            b = GuestLauncher.linux(home, guest, accel, GuestLauncher.Timeouts.defaults(accel).withLinuxBoot(timeoutMs));
            return new BootTest(accel, true, b.bootSeconds(), "ready", String.valueOf(b.agent().readyFacts().get("release")));
        } catch (GuestException e) {
            String first = e.getMessage().lines().findFirst().orElse(e.getMessage());
            return new BootTest(accel, false, timeoutMs / 1000.0, first, guest.kernelRelease());
        } finally {
            if (b != null)
                b.agent().quit(10_000);
        }
    }

    public static void record(VmStore store, BootTest t) {
        if (t.accel() != Accel.KVM)
            return;
        Map<String, Object> m = new TreeMap<>();
        m.put("host", hostKey());
        m.put("verdict", t.booted() ? "kvm" : "tcg");
        m.put("detail", describe(t));
        m.put("tested_utc", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        try {
            java.nio.file.Files.createDirectories(store.root());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Json.write(store.accelFile(), m);
    }
}

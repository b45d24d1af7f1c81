package org.sandbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sandbench.backend.vm.Accel;
import org.sandbench.backend.vm.AccelChooser;
import org.sandbench.backend.vm.FreeBsdImages;
import org.sandbench.backend.vm.GuestException;
import org.sandbench.backend.vm.GuestLauncher;
import org.sandbench.backend.vm.LinuxGuestBuilder;
import org.sandbench.backend.vm.VmStore;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.ToolProbes;
import org.sandbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "vm", description = "Guest images for the VM backend (docs/vm.md): build a Linux guest, fetch FreeBSD, "
        + "list them, boot-test them.",
        subcommands = { VmCommand.BuildLinux.class, VmCommand.Fetch.class, VmCommand.ListImages.class,
                VmCommand.BootTest.class, VmCommand.SweepCapsicum.class })
final class VmCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "vm needs a subcommand: build-linux, fetch, list, boot-test or sweep-capsicum");
    }

    static void requireQemu() {
        var q = ToolProbes.qemu();
        if (!q.available())
            throw SandbenchException.missing(q.reason());
    }

    @Command(name = "build-linux", description = "Make a bootable Linux guest offline from Debian packages: the kernel of "
            + "linux-image-amd64 (or --kernel) and an initramfs of busybox-static, packed with cpio.")
    static final class BuildLinux implements Callable<Integer> {
        @Option(names = "--kernel", paramLabel = "PATH", description = "Any x86-64 bzImage (default: linux-image-amd64's).")
        Path kernel;

        @Option(names = "--busybox", paramLabel = "PATH", description = "A static busybox (default: /bin/busybox of busybox-static).")
        Path busybox;

        @Override
        public Integer call() throws Exception {
            VmStore store = VmStore.locate();
            VmStore.LinuxGuest g = LinuxGuestBuilder.build(store, kernel, busybox);
            System.out.println("built Linux guest " + g.name() + " in " + g.dir());
            System.out.println("  kernel     " + g.meta().get("kernel_version"));
            System.out.println("  initramfs  " + Files.size(g.initramfs()) + " bytes, sha256 " + g.meta().get("initramfs_sha256"));
            System.out.println("  busybox    " + g.meta().get("busybox"));
            System.out.println("use it: ./sandbench run --backend vm:linux" + (kernel == null ? "" : " --kernel " + g.name())
                    + "  (the static binaries travel with every boot)");
            return 0;
        }
    }

    @Command(name = "fetch", description = "Download an official FreeBSD image and verify it against the published "
            + "SHA-256: freebsd-VERSION (VM image, ufs) or with --ci the BASIC-CI image.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "freebsd-VERSION")
        String image;

        @Option(names = "--ci", description = "The BASIC-CI raw image (what QEMU's own FreeBSD test boots).")
        boolean ci;

        @Option(names = "--mirror", paramLabel = "URL", description = "Base URL (default " + FreeBsdImages.MIRROR + ").")
        String mirror;

        @Override
        public Integer call() {
            var src = FreeBsdImages.source(image, ci, mirror);
            var img = FreeBsdImages.fetch(VmStore.locate(), src, System.err);
            System.out.println("fetched " + img.name() + ": " + img.image());
            System.out.println("verified against " + src.checksumUrl());
            return 0;
        }
    }

    @Command(name = "list", description = "The guests and images in the store, and the last KVM boot test's verdict.")
    static final class ListImages implements Callable<Integer> {
        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            VmStore store = VmStore.locate();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("store", store.root().toString());
            List<Map<String, Object>> linux = new ArrayList<>();
            for (var g : store.linuxGuests()) {
                Map<String, Object> m = new LinkedHashMap<>(g.meta());
                m.put("dir", g.dir().toString());
                linux.add(m);
            }
            out.put("linux", linux);
            List<Map<String, Object>> bsd = new ArrayList<>();
            for (var i : store.freebsdImages()) {
                Map<String, Object> m = new LinkedHashMap<>(i.meta());
                m.put("image", i.image().toString());
                bsd.add(m);
            }
            out.put("freebsd", bsd);
            out.put("freebsd_in_use", FreeBsdImages.availability(null, store).reason());
            out.put("accel", Files.isRegularFile(store.accelFile()) ? Json.MAPPER.readValue(store.accelFile().toFile(), Map.class)
                    : "no boot test yet (run ./sandbench vm boot-test)");
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(out));
                return 0;
            }
            System.out.println("store: " + store.root());
            System.out.println("Linux guests (./sandbench vm build-linux):");
            if (linux.isEmpty())
                System.out.println("  none");
            for (var g : store.linuxGuests())
                System.out.printf("  %-28s kernel %s, built %s%n", g.name(), g.meta().get("kernel_version"), g.meta().get("built_utc"));
            System.out.println("FreeBSD images (./sandbench vm fetch freebsd-VERSION):");
            if (bsd.isEmpty())
                System.out.println("  none");
            for (var i : store.freebsdImages())
                System.out.printf("  %-28s %s (sha256 %s verified on %s)%n", i.name(), i.image(), i.meta().get("published_sha256"),
                        i.meta().get("fetched_utc"));
            var a = FreeBsdImages.availability(null, store);
            System.out.println("FreeBSD image for runs: " + (a.available() ? a.reason() : a.reason()));
            System.out.println("accelerator: " + out.get("accel"));
            return 0;
        }
    }

    @Command(name = "boot-test", description = "Boot a guest, time it to a ready agent, print its kernel and CPU, power it off. "
            + "With --accel auto (default) KVM is tried first and the verdict is kept for runs.")
    static final class BootTest implements Callable<Integer> {
        @Option(names = "--os", defaultValue = "linux", paramLabel = "linux|freebsd")
        String os;

        @Option(names = "--accel", defaultValue = "auto", paramLabel = "auto|kvm|tcg")
        String accel;

        @Option(names = "--kernel", paramLabel = "PATH|NAME", description = "Linux guest kernel (default: Debian's).")
        String kernel;

        @Option(names = "--image", paramLabel = "PATH", description = "FreeBSD image (default: SANDBENCH_FREEBSD_IMAGE or the fetched one).")
        String image;

        @Option(names = "--timeout", paramLabel = "S", description = "Boot timeout in seconds (default: 20 under KVM, "
                + "80 under TCG for Linux; 180/720 for FreeBSD).")
        Integer timeout;

        @Override
        public Integer call() {
            requireQemu();
            VmStore store = VmStore.locate();
            Session session = new Session();
            List<Accel> order = switch (accel.toLowerCase(Locale.ROOT)) {
                case "auto" -> List.of(Accel.KVM, Accel.TCG);
                case "kvm" -> List.of(Accel.KVM);
                case "tcg" -> List.of(Accel.TCG);
                default -> throw SandbenchException.usage("unknown --accel '" + accel + "' (known: auto, kvm, tcg)");
            };
            if (!os.equals("linux") && !os.equals("freebsd"))
                throw SandbenchException.usage("unknown --os '" + os + "' (known: linux, freebsd)");
            for (Accel a : order) {
                if (a == Accel.KVM && !ToolProbes.kvm().available()) {
                    System.out.println("kvm: skipped: " + ToolProbes.kvm().reason());
                    continue;
                }
                GuestLauncher.Timeouts t = GuestLauncher.Timeouts.defaults(a);
                if (timeout != null)
                    t = new GuestLauncher.Timeouts(timeout * 1000L, timeout * 1000L, t.loginMs(), t.buildMs());
                long t0 = System.nanoTime();
                GuestLauncher.Booted b = null;
                try {
                    if (os.equals("linux")) {
                        var guest = LinuxGuestBuilder.ensure(store, kernel);
                        b = GuestLauncher.linux(session.home(), guest, a, t);
                    } else {
                        Optional<Path> img = FreeBsdImages.chosen(image, store);
                        if (img.isEmpty())
                            throw SandbenchException.missing(FreeBsdImages.HOW_TO_GET);
                        b = GuestLauncher.freebsd(session.home(), img.get(), a, t, List.of("getpid"));
                    }
                    System.out.printf(Locale.ROOT, "%s: booted in %.1f s: %s%n", a.id(), b.bootSeconds(), b.agent().readyFacts());
                    System.out.println("  kernel: " + b.facts().get("uname"));
                    System.out.println("  cpu:    " + b.facts().get("cpu_model"));
                    if (os.equals("linux"))
                        AccelChooser.record(store, new AccelChooser.BootTest(a, true, b.bootSeconds(), "ready",
                                String.valueOf(b.agent().readyFacts().get("release"))));
                    return 0;
                } catch (GuestException e) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "%s: no guest after %.1f s; QEMU was killed: %s%n", a.id(), s,
                            e.getMessage().lines().findFirst().orElse(""));
                    System.err.println(e.getMessage());
                    if (os.equals("linux"))
                        AccelChooser.record(store, new AccelChooser.BootTest(a, false, s,
                                e.getMessage().lines().findFirst().orElse(""), ""));
                } finally {
                    if (b != null)
                        b.agent().quit(15_000);
                }
            }
            throw SandbenchException.missing("no " + os + " guest booted under " + String.join(" or ",
                    order.stream().map(Accel::id).toList()));
        }
    }

    @Command(name = "sweep-capsicum", description = "The Capsicum sweep in a FreeBSD guest: rights-mask size, "
            + "cap_ioctls_limit length, capability mode on/off, each against its own reference point (docs/vm.md).")
    static final class SweepCapsicum implements Callable<Integer> {
        @Option(names = "--quick", description = "Fewer points, rounds and batches.")
        boolean quick;

        @Option(names = "--image", paramLabel = "PATH", description = "FreeBSD image (default: SANDBENCH_FREEBSD_IMAGE or the fetched one).")
        String image;

        @Option(names = "--accel", defaultValue = "auto", paramLabel = "auto|kvm|tcg")
        String accel;

        @Option(names = "--rounds", paramLabel = "N", description = "Interleaved rounds (default 5, quick 3).")
        Integer rounds;

        @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/runs/<UTC time>-capsicum).")
        Path out;

        @Override
        public Integer call() {
            requireQemu();
            VmStore store = VmStore.locate();
            Optional<Path> img = FreeBsdImages.chosen(image, store);
            if (img.isEmpty() || !Files.isReadable(img.get()))
                throw SandbenchException.missing(img.isEmpty() ? FreeBsdImages.HOW_TO_GET
                        : "the FreeBSD image " + img.get() + " is not a readable file");
            Session session = new Session();
            AccelChooser.Decision a = AccelChooser.choose(accel, store, session.home());
            Path dir = out != null ? out : session.home().root().resolve("results/runs").resolve(
                    java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(
                            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")) + "-capsicum");
            var settings = new org.sandbench.backend.TrialSettings(quick ? 10 : 30, quick ? 5 : 10, quick ? 20 : 50, -1);
            try (var vm = new org.sandbench.backend.vm.VmBackend(org.sandbench.backend.vm.GuestOs.FREEBSD,
                    () -> GuestLauncher.freebsd(session.home(), img.get(), a.accel(), GuestLauncher.Timeouts.defaults(a.accel()),
                            List.of()), session.syscalls())) {
                Path csv = org.sandbench.backend.vm.CapsicumSweep.run(vm, org.sandbench.backend.vm.CapsicumSweep.points(quick),
                        rounds != null ? rounds : quick ? 3 : 5, settings, dir);
                var env = org.sandbench.results.Environment.capture(session.home(), session.kernel(), RunCommand.commandLine(),
                        session.syscalls().libseccompVersion());
                env.put("backend", Map.of("vm:freebsd", Map.of("accel", a.accel().id(), "accel_reason", a.reason(),
                        "image", img.get().toString(), "boots", vm.boots())));
                env.write(dir.resolve("env.json"));
                System.out.println("results: " + csv);
            }
            return 0;
        }
    }
}

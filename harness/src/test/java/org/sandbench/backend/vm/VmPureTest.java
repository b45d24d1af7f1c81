package org.sandbench.backend.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sandbench.harness.SandbenchException;
import org.sandbench.models.capsicum.CapRight;
import org.sandbench.testing.TestHome;

/** The VM backend's pure parts as tables: QEMU command lines, image sources and checksums, ELF and bzImage headers. */
class VmPureTest {

    static Stream<Arguments> qemuArgs() {
        GuestSpec linux = new GuestSpec(GuestOs.LINUX, Optional.of(Path.of("/g/vmlinuz")), Optional.of(Path.of("/t/initrd.cpio")),
                "console=ttyS0 quiet", Optional.empty(), Optional.empty(), 512, 1);
        GuestSpec bsd = new GuestSpec(GuestOs.FREEBSD, Optional.empty(), Optional.empty(), "", Optional.of(Path.of("/t/overlay.qcow2")),
                Optional.of(Path.of("/t/payload.tar")), 1024, 1);
        String common = "-m %d -smp 1 -nodefaults -display none -no-reboot -nic none -monitor none -serial stdio";
        return Stream.of(
                Arguments.of(linux, Accel.TCG, "-accel tcg -cpu max " + String.format(common, 512)
                        + " -kernel /g/vmlinuz -initrd /t/initrd.cpio -append console=ttyS0 quiet"),
                Arguments.of(linux, Accel.KVM, "-accel kvm -cpu host " + String.format(common, 512)
                        + " -kernel /g/vmlinuz -initrd /t/initrd.cpio -append console=ttyS0 quiet"),
                // The image itself never appears: only the overlay (backed by it) and the read-only payload disk.
                Arguments.of(bsd, Accel.TCG, "-accel tcg -cpu max " + String.format(common, 1024)
                        + " -drive file=/t/overlay.qcow2,if=virtio,format=qcow2 -drive file=/t/payload.tar,if=virtio,format=raw,readonly=on"));
    }

    @ParameterizedTest
    @MethodSource("qemuArgs")
    void qemuCommandLines(GuestSpec spec, Accel accel, String expected) {
        assertEquals(expected, String.join(" ", spec.qemuArgs(accel)));
    }

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("freebsd-14.3", false, "https://download.freebsd.org/releases/VM-IMAGES/14.3-RELEASE/amd64/Latest/"
                        + "FreeBSD-14.3-RELEASE-amd64-ufs.qcow2.xz", "freebsd-14.3"),
                Arguments.of("freebsd-14.3", true, "https://download.freebsd.org/releases/CI-IMAGES/14.3-RELEASE/amd64/Latest/"
                        + "FreeBSD-14.3-RELEASE-amd64-BASIC-CI.raw.xz", "freebsd-14.3-basic-ci"),
                Arguments.of("freebsd-13.5", false, "https://download.freebsd.org/releases/VM-IMAGES/13.5-RELEASE/amd64/Latest/"
                        + "FreeBSD-13.5-RELEASE-amd64-ufs.qcow2.xz", "freebsd-13.5"));
    }

    @ParameterizedTest
    @MethodSource("sources")
    void officialImageLocations(String spec, boolean ci, String url, String name) {
        FreeBsdImages.Source s = FreeBsdImages.source(spec, ci, null);
        assertEquals(url, s.imageUrl());
        assertEquals(url.substring(0, url.lastIndexOf('/') + 1) + "CHECKSUM.SHA256", s.checksumUrl());
        assertEquals(name, s.name());
    }

    @Test
    void badImageNamesAreUsageErrors() {
        SandbenchException e = assertThrows(SandbenchException.class, () -> FreeBsdImages.source("openbsd-7.5", false, null));
        assertEquals(SandbenchException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("freebsd-VERSION"));
    }

    static Stream<Arguments> checksums() {
        String h = "ec0f5a4bbe63aa50a725d9fee0f1931f850e9a21cbebdadb991df00f168d6805";
        String f = "FreeBSD-14.3-RELEASE-amd64-BASIC-CI.raw.xz";
        return Stream.of(
                Arguments.of("SHA256 (" + f + ") = " + h + "\n", f, h),
                Arguments.of("SHA256 (other.raw.xz) = " + "0".repeat(64) + "\nSHA256 (" + f + ") = " + h.toUpperCase() + "\n", f, h),
                Arguments.of(h + "  " + f + "\n", f, h),
                Arguments.of("SHA256 (" + f + ".part) = " + h + "\n", f, null),
                Arguments.of("<html>not found</html>", f, null));
    }

    @ParameterizedTest
    @MethodSource("checksums")
    void publishedChecksums(String text, String file, String expected) {
        assertEquals(Optional.ofNullable(expected), FreeBsdImages.publishedSha256(text, file));
    }

    /** Offline: a clear error (exit 3) that says how to pass an image instead. */
    @Test
    void fetchWithoutNetworkSaysHowToPassAnImage(@TempDir Path tmp) {
        var src = FreeBsdImages.source("freebsd-14.3", false, "http://127.0.0.1:9");
        SandbenchException e = assertThrows(SandbenchException.class,
                () -> FreeBsdImages.fetch(new VmStore(tmp), src, System.err));
        assertEquals(SandbenchException.MISSING, e.exitCode());
        assertTrue(e.getMessage().contains("--image PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("SANDBENCH_FREEBSD_IMAGE"), e.getMessage());
    }

    @Test
    void chosenImageAndAvailability(@TempDir Path tmp) throws Exception {
        VmStore store = new VmStore(tmp);
        if (System.getenv("SANDBENCH_FREEBSD_IMAGE") == null) {
            assertFalse(FreeBsdImages.availability(null, store).available());
            assertTrue(FreeBsdImages.availability(null, store).reason().contains("vm fetch freebsd-"));
        }
        Path img = Files.writeString(tmp.resolve("img.qcow2"), "x");
        assertTrue(FreeBsdImages.availability(img.toString(), store).available());
        assertFalse(FreeBsdImages.availability(tmp.resolve("missing").toString(), store).available());
    }

    @Test
    void elfAndKernelHeaders() {
        Path launcher = TestHome.home().launcher();
        assertTrue(Archives.isStaticElf(launcher), "the launcher is built static (native/Makefile)");
        assertFalse(Archives.isStaticElf(Path.of("/bin/sh")), "dash is dynamically linked");
        assertEquals("", Archives.kernelVersion(launcher), "an ELF file is not a bzImage");
        LinuxGuestBuilder.debianKernel().ifPresent(k -> {
            String v = Archives.kernelVersion(k);
            assertTrue(k.getFileName().toString().endsWith(v.split(" ")[0]), k + " -> " + v);
        });
    }

    /** native/freebsd/sb_capsicum.c knows every right the Java side can put in a plan, and no other. */
    @Test
    void capsicumRightsTableMatchesTheCSide() throws Exception {
        String c = Files.readString(TestHome.home().root().resolve("native/freebsd/sb_capsicum.c"));
        Set<String> inC = new TreeSet<>();
        Matcher m = Pattern.compile("RIGHT\\((CAP_[A-Z_]+)\\)").matcher(c);
        while (m.find())
            inC.add(m.group(1));
        Set<String> inJava = EnumSet.allOf(CapRight.class).stream().map(CapRight::macro).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inJava, inC);
        Set<String> ioctlsInC = new TreeSet<>();
        Matcher i = Pattern.compile("IOCTL\\(([A-Z]+)\\)").matcher(c);
        while (i.find())
            ioctlsInC.add(i.group(1));
        for (String name : List.of("TIOCGETA", "TIOCGWINSZ", "FIODTYPE", "TIOCSTI", "FIONREAD", "FIONBIO", "FIOCLEX", "FIONCLEX"))
            assertTrue(ioctlsInC.contains(name), name);
    }

    /** Each sweep axis moves alone against its own reference point; the arguments are what cap-sweep parses. */
    @Test
    void capsicumSweepPoints() {
        List<CapsicumSweep.Point> pts = CapsicumSweep.points(true);
        for (String axis : List.of("rights", "ioctls", "capmode-getpid", "capmode-read"))
            assertEquals(1, pts.stream().filter(p -> p.axis().equals(axis) && p.reference()).count(), axis);
        CapsicumSweep.Point r8 = pts.stream().filter(p -> p.axis().equals("rights") && p.rights() == 8).findFirst().orElseThrow();
        assertEquals(List.of("--op", "read", "--rights", "CAP_READ,CAP_FSTAT,CAP_SEEK,CAP_FCNTL,CAP_EVENT,CAP_IOCTL,CAP_MMAP,CAP_FSYNC",
                "--ioctls", "all", "--capmode", "0"), r8.args());
        CapsicumSweep.Point io = pts.stream().filter(p -> p.ioctls() == 64).findFirst().orElseThrow();
        assertEquals(List.of("--op", "ioctl", "--rights", "all", "--ioctls", "64", "--capmode", "0"), io.args());
        assertTrue(pts.stream().anyMatch(p -> p.capmode() && p.op().equals("getpid")));
        // Every mask of the rights axis keeps CAP_READ, so the measured read(2) is permitted at every point.
        assertEquals(CapRight.READ, CapRight.SWEEP_ORDER.get(0));
        for (CapsicumSweep.Point p : CapsicumSweep.points(false))
            for (String a : p.args())
                SerialProtocol.checkArg(a);
    }

    /** What the FreeBSD guest compiles: the runtime, the Capsicum hook, the workloads, cap-sweep and any extra program. */
    @Test
    void freebsdPayloadSources(@TempDir Path tmp) throws Exception {
        Path attempt = Files.writeString(tmp.resolve("fs-01.c"), "int main(void) { return 0; }\n");
        GuestLauncher.FreeBsdSources s = GuestLauncher.freebsdSources(TestHome.home(), List.of("getpid", "open-close", "nope"),
                java.util.Map.of("fs-01", attempt));
        for (String f : List.of("src/runtime/sb_runtime.c", "src/runtime/sb_runtime.h", "src/runtime/sb_self.h",
                "src/freebsd/sb_capsicum.c", "src/freebsd/cap_sweep.c", "src/workloads/micro/getpid.c", "src/extra/fs-01.c"))
            assertTrue(s.files().containsKey(f), f);
        assertFalse(s.files().keySet().stream().anyMatch(f -> f.contains("hostcheck")), "the host-check header never reaches the guest");
        assertEquals(List.of("getpid", "open-close", "cap-sweep", "fs-01"), s.workloads().stream().map(w -> w[0]).toList());
        String build = GuestScripts.freebsdBuild(s.workloads());
        assertTrue(build.contains("cc $CFLAGS -o \"$B/workloads/fs-01\" extra/fs-01.c"), build);
        assertTrue(build.contains("-std=c11 -Wall -Werror"), build);
    }

    /**
     * The udp-sink service in a Linux guest: sb-udp-sink holds the trial's port on the guest's loopback and execs the
     * launcher; a guest that cannot provide a service says so before it boots.
     */
    @Test
    void guestsProvideTheUdpSinkOrSayTheyCannot() {
        var settings = new org.sandbench.backend.TrialSettings(3, 2, 1, -1);
        var plan = org.sandbench.models.plan.LaunchPlan.empty("test");
        Path exe = Path.of("/x/native/build/workloads/udp-send");
        var spec = new org.sandbench.backend.TrialSpec("seccomp", "udp-send", org.sandbench.models.Mode.RETROFIT, plan, exe,
                List.of("--port", "40123"), Path.of("/tmp/w"), settings, java.util.Map.of("udp-sink", 40123));
        java.util.function.Supplier<GuestLauncher.Booted> noBoot = () -> {
            throw new AssertionError("no guest may be booted here");
        };
        VmBackend linux = new VmBackend(GuestOs.LINUX, noBoot, TestHome.syscalls());
        assertEquals(List.of("/sb/bin/sb-udp-sink", "40123", "--", "/sb/bin/sb-launch", "--plan", "/sb/plans/p.plan",
                "--status-fd", "--", exe.toString(), "--port", "40123", "--batches", "3", "--batch-ms", "2", "--warmup-ms", "1"),
                linux.command(spec, "/sb/plans/p.plan"));
        var plain = new org.sandbench.backend.TrialSpec("seccomp", "getpid", org.sandbench.models.Mode.RETROFIT, plan, exe,
                List.of(), Path.of("/tmp/w"), settings);
        assertEquals("/sb/bin/sb-launch", linux.command(plain, "/sb/plans/p.plan").get(0));

        VmBackend freebsd = new VmBackend(GuestOs.FREEBSD, noBoot, TestHome.syscalls());
        var r = freebsd.run(spec);
        assertEquals(org.sandbench.backend.TrialResult.Status.FAILED, r.status());
        assertTrue(r.message().contains("needs harness services [udp-sink] that are not provided inside vm:freebsd"),
                r.message());
        assertEquals(Set.of("udp-sink"), GuestOs.LINUX.services());
    }
}

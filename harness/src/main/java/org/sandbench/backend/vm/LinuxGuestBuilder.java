package org.sandbench.backend.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.Commands;
import org.sandbench.results.Json;

/**
 * `vm build-linux`: a bootable Linux guest made offline from Debian packages: the
 * kernel of linux-image-amd64 (or any bzImage given with --kernel) and an initramfs
 * of busybox-static and /init, packed with cpio.  The static native binaries are not
 * baked in: they travel in the payload appended at every boot, so a guest never runs
 * stale binaries.
 */
public final class LinuxGuestBuilder {
    private LinuxGuestBuilder() {
    }

    public static final Path BUSYBOX = Path.of("/bin/busybox");

    /** The kernel linux-image-amd64 depends on, else the newest /boot/vmlinuz-*. */
    public static Optional<Path> debianKernel() {
        Commands.Result r = Commands.run(List.of("dpkg-query", "-W", "-f=${Depends}", "linux-image-amd64"), 10_000);
        if (r.ok()) {
            for (String dep : r.out().split(",")) {
                String pkg = dep.trim().split("\\s+")[0];
                if (pkg.startsWith("linux-image-")) {
                    Path k = Path.of("/boot/vmlinuz-" + pkg.substring("linux-image-".length()));
                    if (Files.isReadable(k))
                        return Optional.of(k);
                }
            }
        }
        try (Stream<Path> s = Files.list(Path.of("/boot"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("vmlinuz-") && Files.isReadable(p))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The guest's name: the kernel's release, from the bzImage header. */
    static String nameFor(Path kernel) {
        String v = Archives.kernelVersion(kernel);
        String release = v.isEmpty() ? kernel.getFileName().toString() : v.split("\\s+")[0];
        return release.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    /**
     * Builds (or rebuilds) the guest for kernel in the store.
     *
     * @param kernel  null: Debian's linux-image-amd64 kernel
     * @param busybox null: /bin/busybox of busybox-static
     */
    public static VmStore.LinuxGuest build(VmStore store, Path kernel, Path busybox) {
        Path k = kernel != null ? kernel : debianKernel().orElseThrow(() -> SandbenchException.missing(
                "no Linux kernel image to boot: apt-get install linux-image-amd64 (or pass --kernel PATH to a bzImage)"));
        if (!Files.isReadable(k))
            throw SandbenchException.usage("kernel image " + k + " is not a readable file (pass --kernel PATH to a bzImage)");
        String version = Archives.kernelVersion(k);
        if (version.isEmpty())
            throw SandbenchException.usage(k + " is not an x86 Linux kernel image (bzImage): its setup header has no "
                    + "'HdrS' magic (Documentation/arch/x86/boot.rst)");
        Path bb = busybox != null ? busybox : BUSYBOX;
        if (!Files.isExecutable(bb))
            throw SandbenchException.missing("no busybox at " + bb + ": apt-get install busybox-static");
        if (!Archives.isStaticElf(bb))
            throw SandbenchException.missing(bb + " is dynamically linked; the guest has no libc: "
                    + "apt-get install busybox-static (it replaces the dynamic busybox)");
        String name = nameFor(k);
        Path dir = store.linuxDir().resolve(name);
        Path work = store.linuxDir().resolve("." + name + ".building");
        try {
            GuestSession.deleteTree(work);
            Files.createDirectories(work);
            Path stage = Archives.staging(work.resolve("root"));
            Archives.stage(stage, "bin/busybox", Files.readAllBytes(bb), true);
            Archives.stageText(stage, "init", GuestScripts.linuxInit(), true);
            for (String d : List.of("proc", "sys", "dev", "tmp", "root", "sb"))
                Archives.stageDir(stage, d);
            Archives.cpio(stage, work.resolve("initramfs.cpio"));
            Files.copy(k, work.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
            GuestSession.deleteTree(stage);
            Map<String, Object> meta = new TreeMap<>();
            meta.put("name", name);
            meta.put("kernel_source", k.toAbsolutePath().toString());
            meta.put("kernel_version", version);
            meta.put("kernel_release", version.split("\\s+")[0]);
            meta.put("kernel_sha256", sha256(work.resolve("vmlinuz")));
            meta.put("busybox", firstLine(Commands.run(List.of(bb.toString()), 5000).out()));
            meta.put("busybox_sha256", sha256(bb));
            meta.put("initramfs_sha256", sha256(work.resolve("initramfs.cpio")));
            meta.put("init_sha256", initSha256());
            meta.put("built_utc", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            Json.write(work.resolve("guest.json"), meta);
            GuestSession.deleteTree(dir);
            Files.move(work, dir);
            return new VmStore.LinuxGuest(name, dir, meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            GuestSession.deleteTree(work);
        }
    }

    /** The guest for this kernel (by path or name), built when it does not exist yet. */
    public static VmStore.LinuxGuest ensure(VmStore store, String kernel) {
        if (kernel != null && !kernel.contains("/")) {
            return store.linuxGuest(kernel).orElseThrow(() -> SandbenchException.usage("no Linux guest named '" + kernel
                    + "' (built: " + store.linuxGuests().stream().map(VmStore.LinuxGuest::name).toList()
                    + "); pass --kernel PATH to a kernel image, or run `./sandbench vm build-linux`"));
        }
        Path k = kernel != null ? Path.of(kernel) : debianKernel().orElse(null);
        if (k != null && Files.isReadable(k)) {
            String name = nameFor(k);
            Optional<VmStore.LinuxGuest> g = store.linuxGuest(name);
            try {
                // Rebuilt when the kernel or this sandbench's /init changed.
                if (g.isPresent() && sha256(k).equals(g.get().meta().get("kernel_sha256"))
                        && initSha256().equals(g.get().meta().get("init_sha256")))
                    return g.get();
            } catch (UncheckedIOException ignored) {
                // rebuild below
            }
        } else if (kernel == null) {
            Optional<VmStore.LinuxGuest> g = store.linuxGuest(null);
            if (g.isPresent() && initSha256().equals(g.get().meta().get("init_sha256")))
                return g.get();
        }
        return build(store, k, null);
    }

    static String initSha256() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(GuestScripts.linuxInit().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path f) {
        try (var in = Files.newInputStream(f)) {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0)
                md.update(buf, 0, n);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        String t = s.trim();
        int i = t.indexOf('\n');
        return i < 0 ? t : t.substring(0, i);
    }
}

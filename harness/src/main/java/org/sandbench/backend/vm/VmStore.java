package org.sandbench.backend.vm;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sandbench.results.Json;

/**
 * Where guest images live: $SANDBENCH_VM_DIR (system property sandbench.vm.dir in tests),
 * else $XDG_CACHE_HOME/sandbench/vm
 * (~/.cache/sandbench/vm).  Images are never modified after they are made: every boot
 * goes through a throwaway overlay or a fresh initramfs copy.
 *
 * <pre>
 * linux/NAME/{vmlinuz,initramfs.cpio,guest.json}   vm build-linux
 * freebsd/NAME/{IMAGE,image.json}                  vm fetch freebsd-VERSION
 * accel.json                                       the last timed KVM boot test
 * </pre>
 */
public record VmStore(Path root) {

    public static VmStore locate() {
        String prop = System.getProperty("sandbench.vm.dir");
        if (prop != null && !prop.isBlank())
            return new VmStore(Path.of(prop).toAbsolutePath());
        String env = System.getenv("SANDBENCH_VM_DIR");
        if (env != null && !env.isBlank())
            return new VmStore(Path.of(env).toAbsolutePath());
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new VmStore(base.resolve("sandbench/vm").toAbsolutePath());
    }

    public Path linuxDir() {
        return root.resolve("linux");
    }

    public Path freebsdDir() {
        return root.resolve("freebsd");
    }

    public Path accelFile() {
        return root.resolve("accel.json");
    }

    /** A built Linux guest: a kernel and the base initramfs (busybox + init). */
    public record LinuxGuest(String name, Path dir, Map<String, Object> meta) {
        public Path kernel() {
            return dir.resolve("vmlinuz");
        }

        public Path initramfs() {
            return dir.resolve("initramfs.cpio");
        }

        public String kernelRelease() {
            return String.valueOf(meta.getOrDefault("kernel_release", "unknown"));
        }
    }

    /** A FreeBSD disk image, verified against the published SHA-256 when it was fetched. */
    public record FreeBsdImage(String name, Path image, Map<String, Object> meta) {
    }

    public List<LinuxGuest> linuxGuests() {
        List<LinuxGuest> out = new ArrayList<>();
        for (Path d : subdirs(linuxDir())) {
            Path j = d.resolve("guest.json");
            if (Files.isRegularFile(j) && Files.isRegularFile(d.resolve("vmlinuz")) && Files.isRegularFile(d.resolve("initramfs.cpio")))
                out.add(new LinuxGuest(d.getFileName().toString(), d, readJson(j)));
        }
        return out;
    }

    /** The guest by name, or the most recently built one. */
    public Optional<LinuxGuest> linuxGuest(String name) {
        List<LinuxGuest> all = linuxGuests();
        if (name != null)
            return all.stream().filter(g -> g.name().equals(name)).findFirst();
        return all.stream().max(Comparator.comparing(g -> String.valueOf(g.meta().getOrDefault("built_utc", ""))));
    }

    public List<FreeBsdImage> freebsdImages() {
        List<FreeBsdImage> out = new ArrayList<>();
        for (Path d : subdirs(freebsdDir())) {
            Path j = d.resolve("image.json");
            if (!Files.isRegularFile(j))
                continue;
            Map<String, Object> meta = readJson(j);
            Path img = d.resolve(String.valueOf(meta.get("file")));
            if (Files.isRegularFile(img))
                out.add(new FreeBsdImage(d.getFileName().toString(), img, meta));
        }
        return out;
    }

    private static List<Path> subdirs(Path p) {
        if (!Files.isDirectory(p))
            return List.of();
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> readJson(Path f) {
        try {
            return new TreeMap<>(Json.MAPPER.readValue(f.toFile(), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            return Map.of("error", "unreadable " + f + ": " + e.getMessage());
        }
    }
}

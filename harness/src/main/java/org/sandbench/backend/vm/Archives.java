package org.sandbench.backend.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Guest payloads and images: a staging folder packed with GNU cpio (newc, the
 * initramfs format, Documentation/driver-api/early-userspace/buffer-format.rst) or
 * GNU tar (ustar, which FreeBSD's tar reads from a raw disk), made reproducible:
 * sorted names, uid/gid 0, one fixed modification time.
 */
public final class Archives {
    private Archives() {
    }

    /** 2000-01-01T00:00:00Z: every staged file gets this mtime, so identical inputs give identical archives. */
    public static final FileTime FIXED_MTIME = FileTime.from(946684800L, TimeUnit.SECONDS);

    /** A staging folder under dir; write files with {@link #stage}. */
    public static Path staging(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void stage(Path root, String rel, byte[] content, boolean executable) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
            if (executable)
                perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(p, perms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void stageText(Path root, String rel, String text, boolean executable) {
        stage(root, rel, text.getBytes(StandardCharsets.UTF_8), executable);
    }

    public static void stageDir(Path root, String rel) {
        try {
            Files.createDirectories(root.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every path beneath root, relative, sorted, directories before their contents; mtimes fixed. */
    static List<String> entries(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                Files.setLastModifiedTime(p, FIXED_MTIME);
                if (!p.equals(root))
                    out.add(root.relativize(p).toString());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** cpio -o -H newc of everything beneath root. */
    public static void cpio(Path root, Path out) {
        List<String> names = entries(root);
        run(List.of("cpio", "--quiet", "-o", "-H", "newc", "--reproducible", "-R", "0:0", "-O", out.toAbsolutePath().toString()),
                root, String.join("\n", names) + "\n", "cpio (apt-get install cpio)");
    }

    /** A ustar archive of everything beneath root, for a raw disk the guest reads with tar -xf /dev/vtbd1. */
    public static void tar(Path root, Path out) {
        entries(root);
        run(List.of("tar", "--format=ustar", "--sort=name", "--owner=0", "--group=0", "--numeric-owner",
                "--mtime=@946684800", "-cf", out.toAbsolutePath().toString(), "-C", root.toString(), "."), root, "", "tar");
    }

    private static void run(List<String> cmd, Path cwd, String stdin, String tool) {
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
            try (OutputStream o = p.getOutputStream()) {
                o.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new GuestException(cmd.get(0) + " failed: " + out.trim());
        } catch (IOException e) {
            throw new GuestException("cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestException("interrupted while packing the guest payload");
        }
    }

    /** Concatenated cpio archives: the kernel unpacks one after the other into the same rootfs. */
    public static void concat(List<Path> parts, Path out) {
        try (OutputStream o = Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Path p : parts)
                Files.copy(p, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * True when the ELF file has no PT_INTERP program header, i.e. is statically linked:
     * the busybox guest has no dynamic loader or libc (elf(5): e_phoff at 0x20, e_phentsize
     * at 0x36, e_phnum at 0x38 for ELFCLASS64; PT_INTERP = 3).
     */
    public static boolean isStaticElf(Path f) {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            byte[] h = new byte[64];
            if (r.read(h) != 64 || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F' || h[4] != 2)
                return false;
            long phoff = le(h, 0x20, 8);
            int phentsize = (int) le(h, 0x36, 2), phnum = (int) le(h, 0x38, 2);
            byte[] ph = new byte[4];
            for (int i = 0; i < phnum; i++) {
                r.seek(phoff + (long) i * phentsize);
                r.readFully(ph);
                if (le(ph, 0, 4) == 3)
                    return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--)
            v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }

    /**
     * The version string of an x86 Linux kernel image (bzImage): the setup header's
     * kernel_version field at 0x20e points at a string 0x200 bytes further
     * (Documentation/arch/x86/boot.rst).  Empty when the file is not a bzImage.
     */
    public static String kernelVersion(Path bzImage) {
        try (RandomAccessFile r = new RandomAccessFile(bzImage.toFile(), "r")) {
            byte[] h = new byte[0x210];
            if (r.read(h) != h.length || h[0x202] != 'H' || h[0x203] != 'd' || h[0x204] != 'r' || h[0x205] != 'S')
                return "";
            long ptr = le(h, 0x20e, 2);
            if (ptr == 0)
                return "";
            r.seek(ptr + 0x200);
            byte[] s = new byte[256];
            int n = r.read(s);
            int end = 0;
            while (end < n && s[end] != 0)
                end++;
            return new String(s, 0, end, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }
}

package org.sandbench.backend.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.sandbench.harness.SandbenchException;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image every container trial runs: {@code FROM scratch} with the static binaries of
 * native/build (launcher, tools, workloads, escape attempts) under /sandbench, nothing
 * else: no shell, no libraries, no users.  Tagged with the content hash of those
 * binaries, so a rebuilt workload gets a new image and a stale one is never measured.
 * Built through Testcontainers (the engine's build API), never pulled.
 */
public final class NativeImage {
    public static final String REPOSITORY = "sandbench/native";
    /** Where native/build/X is in the image. */
    public static final String ROOT = "/sandbench";

    private final Path nativeBuild;
    private final String tag;

    private NativeImage(Path nativeBuild, String tag) {
        this.nativeBuild = nativeBuild;
        this.tag = tag;
    }

    /** The image for the native build as it is now (hashing only; nothing is built). */
    public static NativeImage of(Path nativeBuild) {
        return new NativeImage(nativeBuild, REPOSITORY + ":" + contentHash(nativeBuild));
    }

    public String name() {
        return tag;
    }

    /** The path of a native/build binary inside the image; empty if the binary is not part of the image. */
    public java.util.Optional<String> pathInImage(Path hostBinary) {
        Path abs = hostBinary.toAbsolutePath().normalize();
        Path root = nativeBuild.toAbsolutePath().normalize();
        if (!abs.startsWith(root) || !included(root.relativize(abs)))
            return java.util.Optional.empty();
        return java.util.Optional.of(ROOT + "/" + root.relativize(abs).toString().replace('\\', '/'));
    }

    /** Builds the image unless the engine already has it; removes older sandbench/native images. */
    public synchronized String ensure(DockerClient client) {
        try {
            client.inspectImageCmd(tag).exec();
            return tag;
        } catch (NotFoundException absent) {
            // build it below
        }
        ImageFromDockerfile b = new ImageFromDockerfile(tag, false)
                .withDockerfileFromBuilder(d -> d.from("scratch").copy("sandbench", ROOT)
                        .label("org.sandbench.native", tag.substring(tag.indexOf(':') + 1)).build());
        for (Path f : files(nativeBuild))
            b.withFileFromPath("sandbench/" + nativeBuild.relativize(f).toString().replace('\\', '/'), f);
        try {
            b.get();
        } catch (RuntimeException e) {
            throw SandbenchException.failed("building the container image " + tag + " failed: " + rootMessage(e));
        }
        for (Image old : client.listImagesCmd().withReferenceFilter(REPOSITORY).exec()) {
            List<String> tags = old.getRepoTags() == null ? List.of() : List.of(old.getRepoTags());
            if (!tags.contains(tag)) {
                try {
                    client.removeImageCmd(old.getId()).exec();
                } catch (RuntimeException inUse) {
                    // another run may still use it; it is removed next time
                }
            }
        }
        return tag;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t)
            t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The object files are build intermediates, not part of the image. */
    private static boolean included(Path rel) {
        return rel.getNameCount() > 1 && !rel.getName(0).toString().equals("obj");
    }

    static List<Path> files(Path nativeBuild) {
        if (!Files.isDirectory(nativeBuild))
            throw SandbenchException.missing(nativeBuild + " does not exist: run make -C native");
        try (Stream<Path> s = Files.walk(nativeBuild)) {
            return s.filter(Files::isRegularFile).filter(p -> included(nativeBuild.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentHash(Path nativeBuild) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (Path f : files(nativeBuild)) {
                md.update(nativeBuild.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update((byte) (Files.isExecutable(f) ? 1 : 0));
                try (InputStream in = Files.newInputStream(f)) {
                    int n;
                    while ((n = in.read(buf)) > 0)
                        md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.sandbench.backend.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.Commands;
import org.sandbench.models.Availability;
import org.sandbench.results.Json;

/**
 * Official FreeBSD images: where they are published, how they are verified, and which
 * one a run uses.  `vm fetch freebsd-VERSION` downloads
 * releases/VM-IMAGES/VERSION-RELEASE/amd64/Latest/FreeBSD-VERSION-RELEASE-amd64-ufs.qcow2.xz
 * (or, with --ci, the BASIC-CI raw image QEMU's own FreeBSD test boots, under CI-IMAGES),
 * checks it against the CHECKSUM.SHA256 published beside it, and unpacks it into the store.
 */
public final class FreeBsdImages {
    private FreeBsdImages() {
    }

    public static final String MIRROR = "https://download.freebsd.org";
    private static final Pattern VERSION = Pattern.compile("freebsd-([0-9]+\\.[0-9]+)");

    /** Where the image and its checksum file are published. */
    public record Source(String version, boolean ci, String folderUrl, String file) {
        public String imageUrl() {
            return folderUrl + file;
        }

        public String checksumUrl() {
            return folderUrl + "CHECKSUM.SHA256";
        }

        /** The name in the store, and of the unpacked image. */
        public String name() {
            return "freebsd-" + version + (ci ? "-basic-ci" : "");
        }

        public String unpackedFile() {
            return file.endsWith(".xz") ? file.substring(0, file.length() - 3) : file;
        }
    }

    public static Source source(String spec, boolean ci, String mirror) {
        Matcher m = VERSION.matcher(spec);
        if (!m.matches())
            throw SandbenchException.usage("unknown image '" + spec + "': name it freebsd-VERSION, e.g. freebsd-14.3");
        String v = m.group(1);
        String base = (mirror == null ? MIRROR : mirror.replaceAll("/+$", ""));
        if (ci)
            return new Source(v, true, base + "/releases/CI-IMAGES/" + v + "-RELEASE/amd64/Latest/",
                    "FreeBSD-" + v + "-RELEASE-amd64-BASIC-CI.raw.xz");
        return new Source(v, false, base + "/releases/VM-IMAGES/" + v + "-RELEASE/amd64/Latest/",
                "FreeBSD-" + v + "-RELEASE-amd64-ufs.qcow2.xz");
    }

    /** The SHA-256 of file in a CHECKSUM.SHA256 text ("SHA256 (FILE) = HEX", BSD style; GNU style too). */
    public static Optional<String> publishedSha256(String checksums, String file) {
        for (String line : checksums.split("\n")) {
            String l = line.trim();
            Matcher bsd = Pattern.compile("^SHA256 \\((.+)\\) = ([0-9a-fA-F]{64})$").matcher(l);
            if (bsd.matches() && bsd.group(1).equals(file))
                return Optional.of(bsd.group(2).toLowerCase());
            Matcher gnu = Pattern.compile("^([0-9a-fA-F]{64})\\s+\\*?(.+)$").matcher(l);
            if (gnu.matches() && gnu.group(2).equals(file))
                return Optional.of(gnu.group(1).toLowerCase());
        }
        return Optional.empty();
    }

    static String offlineHelp(Source s) {
        return "download it where a network exists (" + s.imageUrl() + ", checksum in " + s.checksumUrl()
                + "), unpack it with xz -d, and pass it with --image PATH or SANDBENCH_FREEBSD_IMAGE=PATH";
    }

    /** Downloads, verifies and unpacks; returns the image in the store. */
    public static VmStore.FreeBsdImage fetch(VmStore store, Source s, java.io.PrintStream log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String checksums;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.checksumUrl()))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200)
                throw SandbenchException.missing("cannot fetch " + s.checksumUrl() + ": HTTP " + r.statusCode()
                        + " (is " + s.version() + " a released version?); or " + offlineHelp(s));
            checksums = r.body();
        } catch (IOException e) {
            throw SandbenchException.missing("no network path to " + MIRROR + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): " + offlineHelp(s));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SandbenchException.failed("interrupted");
        }
        String want = publishedSha256(checksums, s.file()).orElseThrow(() -> SandbenchException.failed(
                s.checksumUrl() + " lists no SHA-256 for " + s.file()));
        Path dir = store.freebsdDir().resolve(s.name());
        try {
            Files.createDirectories(dir);
            Path xz = dir.resolve(s.file() + ".part");
            log.println("downloading " + s.imageUrl() + " (about 0.6 GB)...");
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(s.imageUrl()))
                    .timeout(Duration.ofHours(2)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200)
                throw SandbenchException.missing("cannot fetch " + s.imageUrl() + ": HTTP " + r.statusCode());
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = r.body(); var out = Files.newOutputStream(xz)) {
                byte[] buf = new byte[1 << 20];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (!got.equals(want)) {
                Files.deleteIfExists(xz);
                throw SandbenchException.failed("SHA-256 of " + s.file() + " is " + got + ", the published one is " + want
                        + ": the download is corrupt or not the official image; deleted");
            }
            Path xzFinal = dir.resolve(s.file());
            Files.move(xz, xzFinal, StandardCopyOption.REPLACE_EXISTING);
            log.println("verified SHA-256 " + got + "; unpacking with xz -d...");
            Commands.Result u = Commands.run(List.of("xz", "-d", "-f", "-k", xzFinal.toString()), 30 * 60_000);
            if (!u.ok())
                throw SandbenchException.failed("xz -d " + xzFinal + " failed: " + u.err().trim() + " (apt-get install xz-utils)");
            Files.deleteIfExists(xzFinal);
            Map<String, Object> meta = new TreeMap<>();
            meta.put("version", s.version());
            meta.put("kind", s.ci() ? "BASIC-CI" : "VM-IMAGE ufs");
            meta.put("url", s.imageUrl());
            meta.put("published_sha256", want);
            meta.put("file", s.unpackedFile());
            meta.put("fetched_utc", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            Json.write(dir.resolve("image.json"), meta);
            return new VmStore.FreeBsdImage(s.name(), dir.resolve(s.unpackedFile()), meta);
        } catch (IOException e) {
            throw SandbenchException.missing("download of " + s.imageUrl() + " failed (" + e.getMessage() + "): " + offlineHelp(s));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SandbenchException.failed("interrupted");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The image a run uses: --image, else SANDBENCH_FREEBSD_IMAGE, else the newest fetched one.
     * Empty with the reason when there is none.
     */
    public static Optional<Path> chosen(String imageOption, VmStore store) {
        if (imageOption != null)
            return Optional.of(Path.of(imageOption));
        String env = System.getenv("SANDBENCH_FREEBSD_IMAGE");
        if (env != null && !env.isBlank())
            return Optional.of(Path.of(env));
        return store.freebsdImages().stream().reduce((a, b) -> b).map(VmStore.FreeBsdImage::image);
    }

    public static final String HOW_TO_GET = "no FreeBSD image: run `./sandbench vm fetch freebsd-14.3` where a network "
            + "exists, or pass --image PATH (or set SANDBENCH_FREEBSD_IMAGE) to an official FreeBSD VM or BASIC-CI image";

    public static Availability availability(String imageOption, VmStore store) {
        Optional<Path> p = chosen(imageOption, store);
        if (p.isEmpty())
            return Availability.no(HOW_TO_GET);
        if (!Files.isReadable(p.get()))
            return Availability.no("the FreeBSD image " + p.get() + " is not a readable file");
        return Availability.yes(p.get().toString());
    }

}

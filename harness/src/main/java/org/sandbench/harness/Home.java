package org.sandbench.harness;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sandbench checkout: where the native build, workloads and models live. */
public record Home(Path root) {

    public static Home locate() {
        String prop = System.getProperty("sandbench.home");
        if (prop == null || prop.isBlank())
            prop = System.getenv("SANDBENCH_HOME");
        if (prop != null && !prop.isBlank())
            return checked(Path.of(prop));
        try {
            Path jar = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar; p != null; p = p.getParent())
                if (Files.isDirectory(p.resolve("workloads")) && Files.isDirectory(p.resolve("native")))
                    return checked(p);
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the error below
        }
        throw SandbenchException.usage("cannot find the sandbench checkout: run through ./sandbench, or set SANDBENCH_HOME");
    }

    private static Home checked(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs.resolve("workloads")))
            throw SandbenchException.usage(abs + " is not a sandbench checkout (no workloads/): fix SANDBENCH_HOME");
        return new Home(abs);
    }

    public Path nativeBuild() {
        return root.resolve("native/build");
    }

    public Path launcher() {
        return requireBuilt(nativeBuild().resolve("bin/sb-launch"));
    }

    public Path probe() {
        return requireBuilt(nativeBuild().resolve("bin/sb-probe"));
    }

    /** The udp-sink service for guests (native/tools/sb_udp_sink.c). */
    public Path udpSink() {
        return requireBuilt(nativeBuild().resolve("bin/sb-udp-sink"));
    }

    public Path workloadBinary(String name) {
        return requireBuilt(nativeBuild().resolve("workloads").resolve(name));
    }

    public Path workloads() {
        return root.resolve("workloads");
    }

    public Path models() {
        return root.resolve("models");
    }

    private static Path requireBuilt(Path p) {
        if (!Files.isExecutable(p))
            throw SandbenchException.missing(p + " is not built: run ./sandbench (it builds on first use) or make -C native");
        return p;
    }
}

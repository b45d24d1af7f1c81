package org.sandbench.backend.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sandbench.models.Availability;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The Docker engine as Testcontainers sees it, and whether it can run sandbench's
 * containers here: no registry is reachable, so Ryuk must be off and Testcontainers'
 * tiny image must be the locally built busybox (.ci/services.d/docker.sh builds it).
 */
public final class DockerEngine {
    /** Testcontainers' tiny image (testcontainers.properties), built by .ci/services.d/docker.sh. */
    public static final String TINY_IMAGE = "sandbench/busybox:local";
    static final String SETUP = ".ci/services.d/docker.sh";

    private static Availability cached;

    private DockerEngine() {
    }

    /** Probed once per JVM: the engine answers, Ryuk is off, the tiny image is local. */
    public static synchronized Availability availability() {
        if (cached == null)
            cached = probe();
        return cached;
    }

    private static Availability probe() {
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED")))
            return Availability.no("Testcontainers would start its Ryuk container, which cannot be pulled here: "
                    + "run through ./sandbench, or export TESTCONTAINERS_RYUK_DISABLED=true");
        String tiny = TestcontainersConfiguration.getInstance().getEnvVarOrProperty("tinyimage.container.image", "alpine");
        if (!TINY_IMAGE.equals(tiny))
            return Availability.no("Testcontainers' tiny image is " + tiny + ", which cannot be pulled here: remove the "
                    + "tinyimage.container.image override (environment or ~/.testcontainers.properties)");
        String host = System.getenv("DOCKER_HOST");
        if ((host == null || host.isBlank()) && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock")))
            return Availability.no("no Docker engine: /var/run/docker.sock does not exist; run " + SETUP
                    + " as root (it installs docker.io and starts dockerd), or ./sandbench with a container model");
        boolean up;
        try {
            up = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            up = false;
        }
        if (!up)
            return Availability.no("no Docker engine answers on " + socket() + ": run " + SETUP
                    + " as root (it installs docker.io and starts dockerd), or ./sandbench with a container model");
        DockerClient c = client();
        try {
            c.inspectImageCmd(TINY_IMAGE).exec();
        } catch (NotFoundException e) {
            return Availability.no("the local image " + TINY_IMAGE + " that Testcontainers needs is missing: run " + SETUP);
        }
        Version v = c.versionCmd().exec();
        return Availability.yes("Docker engine " + v.getVersion() + " (API " + v.getApiVersion() + ") through Testcontainers "
                + testcontainersVersion());
    }

    /** The Testcontainers version this build bundles (its own manifest is gone from the shaded jar). */
    static String testcontainersVersion() {
        if (DockerClientFactory.TESTCONTAINERS_VERSION != null)
            return DockerClientFactory.TESTCONTAINERS_VERSION;
        try (var in = DockerEngine.class.getResourceAsStream("/sandbench-build.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null)
                p.load(in);
            return p.getProperty("testcontainers.version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * Whether this engine hands a profile's defaultErrnoRet to the runtime: Docker 23.0 and later
     * (moby#42604, in the 23.0.0 release notes).  Docker 20.10.24 drops it, so the default errno is
     * EPERM whatever the profile says (RoundTripAgreementTest shows it); a rule's errnoRet it passes.
     */
    public static boolean passesDefaultErrnoRet() {
        Availability a = availability();
        if (!a.available())
            return true;
        String v = client().versionCmd().exec().getVersion();
        try {
            return Integer.parseInt(v.replaceAll("^(\\d+).*", "$1")) >= 23;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String socket() {
        String h = System.getenv("DOCKER_HOST");
        return h == null || h.isBlank() ? "unix:///var/run/docker.sock" : h;
    }

    public static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /** What env.json records about the engine a container row ran on. */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        Availability a = availability();
        m.put("available", a.available());
        m.put("detail", a.reason());
        if (!a.available())
            return m;
        Info i = client().infoCmd().exec();
        Version v = client().versionCmd().exec();
        m.put("engine_version", v.getVersion());
        m.put("api_version", v.getApiVersion());
        m.put("testcontainers_version", testcontainersVersion());
        m.put("cgroup_driver", String.valueOf(i.getCGroupDriver()));
        m.put("storage_driver", String.valueOf(i.getDriver()));
        m.put("security_options", i.getSecurityOptions() == null ? List.of() : List.of(i.getSecurityOptions()));
        m.put("kernel", String.valueOf(i.getKernelVersion()));
        return m;
    }
}

package org.sandbench.models.oci;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Docker-style profile is resolved against when a container starts: the engine's
 * Go architecture name, the container's capabilities (its bounding set) and the host
 * kernel.  Docker drops the rule groups whose {@code includes} this target does not
 * meet or whose {@code excludes} it meets (moby profiles/seccomp/seccomp_linux.go,
 * setupSeccomp).
 *
 * @param goArch       runtime.GOARCH of the engine: amd64 on this host
 * @param capabilities the container's capabilities, CAP_ names
 * @param kernelMajor  host kernel, for minKernel ("4.8")
 */
public record ProfileTarget(String goArch, SortedSet<String> capabilities, int kernelMajor, int kernelMinor) {

    /**
     * Docker's default capability set for a container (moby oci/caps/defaults.go,
     * DefaultCapabilities), the one {@code docker run} grants without --cap-add/--cap-drop.
     * A container here reports CapEff 0xa80425fb: exactly these fourteen.
     */
    public static final List<String> DOCKER_DEFAULT_CAPS = List.of("CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_MKNOD", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SETFCAP",
            "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT");

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    public ProfileTarget {
        capabilities = new TreeSet<>(capabilities);
    }

    /** An amd64 engine granting Docker's default capabilities, on a host running kernel {@code release}. */
    public static ProfileTarget dockerDefault(String kernelRelease) {
        int[] v = kernel(kernelRelease);
        return new ProfileTarget("amd64", new TreeSet<>(DOCKER_DEFAULT_CAPS), v[0], v[1]);
    }

    public ProfileTarget withCapabilities(Set<String> caps) {
        return new ProfileTarget(goArch, new TreeSet<>(caps), kernelMajor, kernelMinor);
    }

    /** "6.18.0-1-amd64" -> {6, 18}; a release that does not start with major.minor is a usage error. */
    public static int[] kernel(String release) {
        Matcher m = VERSION.matcher(release == null ? "" : release.trim());
        if (!m.find())
            throw new IllegalArgumentException("cannot read a kernel version from '" + release + "' (expected e.g. 6.18.0)");
        return new int[] { Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) };
    }

    /** Docker's kernelGreaterEqualThan: the running kernel is at least {@code minKernel} ("major.minor"). */
    public boolean kernelAtLeast(String minKernel) {
        int[] v = kernel(minKernel);
        return kernelMajor > v[0] || (kernelMajor == v[0] && kernelMinor >= v[1]);
    }

    /** The libseccomp architecture Docker's archMap keys on for this engine (moby nativeToSeccomp). */
    public String nativeSeccompArch() {
        return switch (goArch) {
            case "amd64" -> "SCMP_ARCH_X86_64";
            case "386" -> "SCMP_ARCH_X86";
            case "arm64" -> "SCMP_ARCH_AARCH64";
            case "arm" -> "SCMP_ARCH_ARM";
            case "ppc64le" -> "SCMP_ARCH_PPC64LE";
            case "s390x" -> "SCMP_ARCH_S390X";
            case "riscv64" -> "SCMP_ARCH_RISCV64";
            default -> "SCMP_ARCH_" + goArch.toUpperCase(java.util.Locale.ROOT);
        };
    }

    public String describe() {
        return goArch + ", kernel " + kernelMajor + "." + kernelMinor + ", " + capabilities.size() + " capabilities"
                + (capabilities.equals(new TreeSet<>(DOCKER_DEFAULT_CAPS)) ? " (Docker's default set)" : "");
    }
}

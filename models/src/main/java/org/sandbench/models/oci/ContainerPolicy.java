package org.sandbench.models.oci;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.seccomp.SeccompFilter;

/**
 * A policy compiled for a container runtime: which seccomp profile the runtime loads
 * (none, the engine's built-in default, or a profile's JSON) and whether the process
 * gets no_new_privs.  The container backend turns it into Docker security options.
 *
 * @param profileJson the profile text handed to the engine (PROFILE only)
 * @param source      where the profile came from, for result files
 * @param filter      sandbench's form of the profile, when sandbench wrote it (exported policies)
 */
public record ContainerPolicy(String title, Seccomp seccomp, String profileJson, String source,
                              Optional<SeccompFilter> filter, boolean noNewPrivileges) implements CompiledPolicy {

    /** What the runtime loads. */
    public enum Seccomp {
        /** {@code --security-opt seccomp=unconfined}: no filter at all. */
        UNCONFINED,
        /** No option: the filter the engine builds from its own built-in default profile. */
        ENGINE_DEFAULT,
        /** {@code --security-opt seccomp=<json>}. */
        PROFILE
    }

    public ContainerPolicy {
        if ((seccomp == Seccomp.PROFILE) != (profileJson != null))
            throw new IllegalArgumentException("a profile's JSON is given exactly for Seccomp.PROFILE");
    }

    /**
     * The values of Docker's HostConfig.SecurityOpt.  The docker CLI reads a profile file and
     * sends its content as "seccomp=JSON"; the engine takes the same from any API client.
     */
    public List<String> securityOpts() {
        List<String> l = new ArrayList<>();
        switch (seccomp) {
            case UNCONFINED -> l.add("seccomp=unconfined");
            case PROFILE -> l.add("seccomp=" + profileJson);
            case ENGINE_DEFAULT -> { }
        }
        if (noNewPrivileges)
            l.add("no-new-privileges");
        return l;
    }

    /** Seccomp filters a runtime loads into the container's process for this policy. */
    public int expectedFilters() {
        return seccomp == Seccomp.UNCONFINED ? 0 : 1;
    }

    /** First 12 hex digits of the profile's SHA-256, to tell profiles apart in result files. */
    public String profileDigest() {
        if (profileJson == null)
            return "";
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(profileJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String describe() {
        String s = switch (seccomp) {
            case UNCONFINED -> "seccomp=unconfined";
            case ENGINE_DEFAULT -> "the engine's built-in default seccomp profile";
            case PROFILE -> "seccomp profile " + source + " (sha256 " + profileDigest() + ")";
        };
        return s + (noNewPrivileges ? ", no-new-privileges" : "");
    }
}

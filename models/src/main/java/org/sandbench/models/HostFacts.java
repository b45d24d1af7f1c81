package org.sandbench.models;

import java.util.Map;

/**
 * What the host offers, as probed at run time (never from build headers).
 *
 * @param landlockAbi -1 when Landlock is unavailable
 * @param features    further probes by name (docker, qemu, kvm, freebsd-image, ...)
 */
public record HostFacts(String kernelRelease, boolean seccompFilter, String seccompReason, int landlockAbi,
                        String landlockReason, Map<String, Availability> features) {
    public HostFacts {
        features = Map.copyOf(features);
    }

    public Availability feature(String name) {
        return features.getOrDefault(name, Availability.no(name + " was not probed"));
    }
}

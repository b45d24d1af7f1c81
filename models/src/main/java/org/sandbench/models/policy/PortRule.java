package org.sandbench.models.policy;

import java.util.EnumSet;
import java.util.Set;

/** A TCP port (number or template such as ${port.allowed}) and what may be done with it. */
public record PortRule(String port, Set<NetAccess> access) {
    public PortRule {
        if (port == null || port.isBlank())
            throw new IllegalArgumentException("a network rule needs a port");
        if (access == null || access.isEmpty())
            throw new IllegalArgumentException("network rule for port " + port + " grants no access (list e.g. [connect])");
        access = Set.copyOf(EnumSet.copyOf(access));
    }
}

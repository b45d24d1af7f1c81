package org.sandbench.models.policy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Access granted beneath a path (a template such as ${work}/allowed). */
public record PathRule(String path, Set<FsAccess> access) {
    public PathRule {
        if (path == null || path.isBlank())
            throw new IllegalArgumentException("a filesystem rule needs a path");
        if (access == null || access.isEmpty())
            throw new IllegalArgumentException("filesystem rule for " + path + " grants no access (list e.g. [read])");
        access = Set.copyOf(EnumSet.copyOf(access));
    }

    public static PathRule of(String path, FsAccess... access) {
        return new PathRule(path, EnumSet.copyOf(List.of(access)));
    }
}

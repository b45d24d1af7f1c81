package org.sandbench.models.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a workload may do beneath a path, independent of any mechanism. */
public enum FsAccess {
    READ, WRITE, CREATE, REMOVE, EXECUTE, REFER, IOCTL_DEV;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static FsAccess parse(String s) {
        for (FsAccess a : values())
            if (a.id().equals(s)) return a;
        throw new IllegalArgumentException("unknown filesystem access '" + s + "' (known: "
                + Arrays.stream(values()).map(FsAccess::id).collect(Collectors.joining(", ")) + ")");
    }
}

package org.sandbench.models.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** TCP operations on a port (Landlock mediates TCP only; UDP is never covered). */
public enum NetAccess {
    BIND, CONNECT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static NetAccess parse(String s) {
        for (NetAccess a : values())
            if (a.id().equals(s)) return a;
        throw new IllegalArgumentException("unknown network access '" + s + "' (known: bind, connect)");
    }
}

package org.sandbench.models.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * IPC a workload legitimately needs with processes outside its sandbox.  Anything
 * not listed is scoped away where the mechanism can (Landlock ABI 6 scopes).
 */
public enum Ipc {
    SIGNAL_OUTSIDE("signal-outside"),
    ABSTRACT_UNIX_OUTSIDE("abstract-unix-outside");

    private final String id;

    Ipc(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Ipc parse(String s) {
        for (Ipc i : values())
            if (i.id.equals(s)) return i;
        throw new IllegalArgumentException("unknown ipc need '" + s + "' (known: signal-outside, abstract-unix-outside)");
    }
}

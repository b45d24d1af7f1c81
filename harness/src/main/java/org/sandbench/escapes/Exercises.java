package org.sandbench.escapes;

/**
 * Which of the SPEC's two ideas an attempt exercises: policy attached to objects (Landlock,
 * Capsicum: which file, which process, which port) or policy on system calls (seccomp: which
 * call, which register values).  BOTH when the attempt's point is the gap between the two.
 */
public enum Exercises {
    OBJECTS("objects"), SYSCALLS("syscalls"), BOTH("both");

    public final String id;

    Exercises(String id) {
        this.id = id;
    }

    public static Exercises parse(String s) {
        for (Exercises e : values())
            if (e.id.equals(s))
                return e;
        throw new IllegalArgumentException("unknown 'exercises' value '" + s + "' (known: objects, syscalls, both)");
    }
}

package org.sandbench.escapes;

/** The few Linux errno values the judge reasons about (errno(3), asm-generic/errno-base.h). */
final class Errnos {
    static final int EPERM = 1;
    static final int ENOSYS = 38;

    private Errnos() {
    }
}

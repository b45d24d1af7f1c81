package org.sandbench.backend.vm;

/** A guest that could not be started or stopped answering: the message says which stage and why. */
public final class GuestException extends RuntimeException {
    public GuestException(String message) {
        super(message);
    }

    public GuestException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.sandbench.models.policy;

/** A policy or manifest that cannot be used; the message says where and how to fix it. */
public class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}

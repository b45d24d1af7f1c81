package org.sandbench.models;

/**
 * A policy compiled for one model, in the form its backend applies: a launch plan
 * (seccomp, Landlock), an OCI seccomp profile (containers), a set of Capsicum rights.
 */
public interface CompiledPolicy {
    /** Human-readable one-line title (model, workload, mode). */
    String title();
}

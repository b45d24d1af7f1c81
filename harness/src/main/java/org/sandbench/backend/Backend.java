package org.sandbench.backend;

import org.sandbench.models.Availability;

/**
 * Where trials run: the local Linux host through the launcher, a container
 * runtime, a virtual machine.  A backend runs one trial at a time and never
 * throws for a failing workload: the result's status says what happened.
 */
public interface Backend {
    /** The backend column of result files: local, container, vm:linux, vm:freebsd. */
    String id();

    Availability availability();

    TrialResult run(TrialSpec spec);
}

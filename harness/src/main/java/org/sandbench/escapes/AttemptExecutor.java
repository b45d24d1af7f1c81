package org.sandbench.escapes;

/**
 * Where one run of an attempt happens.  The local implementation is {@link JailRunner} (sb-jail
 * on this host); a container or guest executor runs the same static jail there and returns the
 * same framed lines.  The judge never depends on which executor ran the attempt.
 */
public interface AttemptExecutor {
    /**
     * @param jailConfig the jail's configuration (native/escapes/sb_jail.c, docs/escapes.md)
     * @param timeoutMs  how long to wait for the jail before killing it
     */
    Observation run(String jailConfig, long timeoutMs);
}

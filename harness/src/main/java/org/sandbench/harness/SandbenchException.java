package org.sandbench.harness;

/**
 * An error with the exit code of the command-line contract (docs/cli.md):
 * 1 a regression, an unexpected escape or a failed measurement; 2 bad usage or
 * input; 3 a required capability is missing on this host.  The message says what
 * is wrong and how to fix it; the CLI prints it without a stack trace.
 */
public class SandbenchException extends RuntimeException {
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int MISSING = 3;

    private final int exitCode;

    public SandbenchException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public SandbenchException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static SandbenchException usage(String message) {
        return new SandbenchException(USAGE, message);
    }

    public static SandbenchException missing(String message) {
        return new SandbenchException(MISSING, message);
    }

    public static SandbenchException failed(String message) {
        return new SandbenchException(FAILED, message);
    }

    public int exitCode() {
        return exitCode;
    }
}

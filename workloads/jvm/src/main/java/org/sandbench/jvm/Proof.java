package org.sandbench.jvm;

import com.sun.jna.Native;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The forked benchmark JVM reports on itself, as the C runtime does (docs/protocol.md):
 * the seccomp and no_new_privs state from its own /proc/self/status, read through the
 * descriptor the launcher opened before the sandbox (SANDBENCH_STATUS_FD), and the
 * speculative-store-bypass state from prctl(PR_GET_SPECULATION_CTRL).  The lines go to
 * the process's real stdout (JMH replaces System.out in the fork), which JMH hands to
 * {@link LauncherProfiler} after the trial.
 */
public final class Proof {
    /** libc through JNA direct mapping (no reflection per call). */
    static final class LibC {
        static {
            // The soname itself: "c" maps to libc.so, a linker script dlopen cannot load, and JNA
            // would then run ldconfig -p in a subprocess (inside the sandbox).
            Native.register("libc.so.6");
        }

        static native int getpid();

        static native long pread(int fd, byte[] buf, long count, long offset);

        static native int prctl(int option, long a2, long a3, long a4, long a5);
    }

    // include/uapi/linux/prctl.h, Linux 4.17
    static final int PR_GET_SPECULATION_CTRL = 52, PR_SPEC_STORE_BYPASS = 0;

    private static volatile boolean printed;

    private Proof() {
    }

    /** Prints the start and proof lines once per forked JVM. */
    static synchronized void once(String workload) {
        if (printed)
            return;
        printed = true;
        long now = System.nanoTime(); // CLOCK_MONOTONIC on Linux, the launcher's clock
        StringBuilder sb = new StringBuilder();
        String t0 = System.getenv("SANDBENCH_T0_NS");
        sb.append("SB1 start workload=").append(workload).append(" mode=retrofit pid=").append(LibC.getpid())
                .append(" launch_to_main_ns=").append(t0 == null ? -1 : now - Long.parseLong(t0)).append('\n');
        String fd = System.getenv("SANDBENCH_STATUS_FD");
        String status = "";
        if (fd != null) {
            byte[] buf = new byte[8192];
            long n = LibC.pread(Integer.parseInt(fd), buf, buf.length, 0);
            if (n > 0)
                status = new String(buf, 0, (int) n, StandardCharsets.US_ASCII);
        }
        int spec = LibC.prctl(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0, 0, 0);
        sb.append("SB1 proof seccomp_mode=").append(field(status, "Seccomp")).append(" seccomp_filters=")
                .append(field(status, "Seccomp_filters")).append(" nnp=").append(field(status, "NoNewPrivs"))
                .append(" ssb=").append(field(status, "Speculation_Store_Bypass")).append(" ssb_prctl=")
                .append(spec < 0 ? "error-" + Native.getLastError() : "0x" + Integer.toHexString(spec)).append('\n');
        raw(sb.toString());
    }

    static String field(String status, String key) {
        for (String line : status.split("\n"))
            if (line.startsWith(key + ":"))
                return line.substring(key.length() + 1).trim().replace(' ', '_');
        return "unknown";
    }

    /** Writes to file descriptor 1 itself, past JMH's replacement of System.out. */
    static void raw(String s) {
        try {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the proof line", e);
        }
    }
}

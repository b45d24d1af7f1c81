package org.sandbench.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.sandbench.models.Availability;

/**
 * Skip loudly, and let CI forbid skipping (after bubblewrap's BWRAP_MUST_WORK).
 * A test that needs a host capability calls {@link #capability}; when the capability
 * is missing the test is skipped with the reason printed, unless SANDBENCH_REQUIRE
 * names it (or says "all"), in which case the skip is a failure.
 *
 * Capability names: seccomp, landlock, root, docker, qemu, chromium, kvm, freebsd-image.
 * .ci/run sets SANDBENCH_REQUIRE=all-but-freebsd: everything except a FreeBSD image
 * and KVM, which these machines cannot provide.
 */
public final class Require {
    private Require() {
    }

    public static Set<String> required() {
        String v = System.getenv().getOrDefault("SANDBENCH_REQUIRE", "");
        return Arrays.stream(v.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    public static boolean isRequired(String capability) {
        Set<String> r = required();
        if (r.contains(capability))
            return true;
        if (r.contains("all"))
            return true;
        return r.contains("all-but-freebsd") && !capability.equals("freebsd-image") && !capability.equals("kvm");
    }

    public static void capability(String name, Availability a) {
        if (a.available())
            return;
        String msg = "SKIPPED: needs " + name + ": " + a.reason();
        if (isRequired(name))
            Assertions.fail(name + " is required on this machine (SANDBENCH_REQUIRE) but unavailable: " + a.reason());
        System.err.println(msg);
        Assumptions.abort(msg);
    }

    public static void capability(String name, boolean ok, String reason) {
        capability(name, ok ? Availability.yes("") : Availability.no(reason));
    }
}

package org.sandbench.backend.container;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.sandbench.harness.Home;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.Commands;
import org.sandbench.models.oci.SyscallResolver;

/** This host's libseccomp as a {@link SyscallResolver}, through native/build/bin/sb-scmp-resolve. */
public final class LibseccompResolver {
    private LibseccompResolver() {
    }

    /** Every x86-64 and i386 name the library knows, plus {@code names} (a profile's), resolved. */
    public static SyscallResolver load(Home home, Collection<String> names) {
        List<String> cmd = new ArrayList<>(List.of(tool(home), "--all"));
        for (String n : names)
            if (!n.isEmpty() && !n.startsWith("-"))
                cmd.add(n);
        Commands.Result r = Commands.run(cmd, 20_000);
        if (!r.ok())
            throw SandbenchException.failed("sb-scmp-resolve failed (" + r.exit() + "): " + r.err().trim());
        return SyscallResolver.parse(r.out());
    }

    public static String tool(Home home) {
        java.nio.file.Path p = home.nativeBuild().resolve("bin/sb-scmp-resolve");
        if (!java.nio.file.Files.isExecutable(p))
            throw SandbenchException.missing(p + " is not built: run ./sandbench (it builds on first use) or make -C native");
        return p.toString();
    }
}

package org.sandbench.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sandbench.models.Availability;

/** Availability of the tools behind the container and virtual-machine backends. */
public final class ToolProbes {
    private ToolProbes() {
    }

    public static Availability docker() {
        if (!Commands.onPath("docker"))
            return Availability.no("the docker client is not installed (apt-get install docker.io)");
        Commands.Result r = Commands.run(List.of("docker", "version", "--format", "{{.Server.Version}}"), 15_000);
        if (!r.ok())
            return Availability.no("no Docker engine answers (start it: dockerd >/var/log/dockerd.log 2>&1 &): "
                    + firstLine(r.err()));
        return Availability.yes("Docker engine " + r.out().trim());
    }

    public static Availability qemu() {
        if (!Commands.onPath("qemu-system-x86_64"))
            return Availability.no("qemu-system-x86_64 is not installed (apt-get install qemu-system-x86 qemu-utils)");
        Commands.Result r = Commands.run(List.of("qemu-system-x86_64", "--version"), 10_000);
        return r.ok() ? Availability.yes(firstLine(r.out())) : Availability.no("qemu-system-x86_64 --version failed: " + r.err());
    }

    public static Availability kvm() {
        Path dev = Path.of("/dev/kvm");
        if (!Files.exists(dev))
            return Availability.no("/dev/kvm does not exist: guests run under software emulation (TCG)");
        if (!Files.isReadable(dev) || !Files.isWritable(dev))
            return Availability.no("/dev/kvm is not accessible to this user: guests run under TCG");
        return Availability.yes("/dev/kvm present; whether guests boot under it is decided by a timed boot test");
    }

    public static Availability freebsdImage() {
        String env = System.getenv("SANDBENCH_FREEBSD_IMAGE");
        if (env != null && !env.isBlank()) {
            return Files.isReadable(Path.of(env)) ? Availability.yes(env)
                    : Availability.no("SANDBENCH_FREEBSD_IMAGE=" + env + " is not a readable file");
        }
        // An image `vm fetch` put in the store counts too.
        return org.sandbench.backend.vm.FreeBsdImages.availability(null, org.sandbench.backend.vm.VmStore.locate());
    }

    public static Availability chromium() {
        for (String c : List.of("chromium", "chromium-browser", "google-chrome"))
            if (Commands.onPath(c))
                return Availability.yes(c);
        return Availability.no("no headless Chromium (apt-get install chromium): the HTML report is still written");
    }

    private static String firstLine(String s) {
        String t = s.trim();
        int i = t.indexOf('\n');
        return i < 0 ? t : t.substring(0, i);
    }
}

package org.sandbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The escape matrix's container columns (docs/escapes.md, "Attempts in containers"), as a
 * result set shows them: which columns ran in Docker containers, and what a reader must know
 * before comparing them with the host's models.  Read from escapes.csv and env.json alone.
 */
final class ContainerColumns {
    /** The container columns sandbench writes; "oci:FILE" columns are containers too. */
    static final Set<String> IDS = Set.of("container-none", "docker-default", "docker-seccomp");
    static final String BASELINE = "container-none";

    private ContainerColumns() {
    }

    static boolean isContainer(String model) {
        return IDS.contains(model) || model.startsWith("oci:");
    }

    /** The container columns of escapes.csv, in the order they first appear. */
    static List<String> of(ResultSet rs) {
        Set<String> m = new LinkedHashSet<>();
        for (ResultSet.Row r : rs.rows(ResultSet.Part.ESCAPES))
            if (isContainer(r.get("model")))
                m.add(r.get("model"));
        return new ArrayList<>(m);
    }

    /** "Docker 20.10.24+dfsg1" from env.json (the escape run's record, or the run's container backend), or "". */
    static String engine(JsonNode env) {
        for (JsonNode n : List.of(env.path("escapes").path("container"), env.path("backend").path("container")))
            if (n.has("engine_version"))
                return "Docker " + n.path("engine_version").asText();
        return "";
    }

    /** Attacks that apply and that a column stopped, "stopped/applicable". */
    static String stopped(ResultSet rs, String model) {
        int n = 0, s = 0;
        for (ResultSet.Row r : rs.rows(ResultSet.Part.ESCAPES)) {
            if (!r.get("model").equals(model) || r.get("role").equals("control"))
                continue;
            EscapeVerdict v = EscapeVerdict.parse(r.get("verdict"));
            if (v.strength < 0)
                continue;
            n++;
            if (v.strength == 2)
                s++;
        }
        return s + "/" + n;
    }

    /** The escape section's text on container columns: an introduction, the layers a container adds, then paragraphs. */
    record Explanation(String intro, List<String> layers, List<String> after) {
    }

    /**
     * What a container column adds to its seccomp profile, and the runtime's quirks, with this set's own counts.
     */
    static Explanation explanation(ResultSet rs) {
        List<String> cols = of(rs);
        List<String> p = new ArrayList<>();
        String engine = engine(rs.env());
        p.add("The columns " + String.join(", ", cols) + " ran each attempt as the process of a Docker container"
                + (engine.isEmpty() ? "" : " (" + engine + ", runc)") + ", as the same unprivileged uid, with the arena's work "
                + "tree bind-mounted at its own path; the rest of the arena (the victim process, the loopback listeners, the "
                + "SysV segment) stayed on the host. A container column therefore measures more than a seccomp profile:");
        p.add("Namespaces: the container's own PID namespace hides the victim (ESRCH, ENOENT), its network namespace "
                + "(--network none: loopback only, IPv6 off) hides the listeners (ECONNREFUSED), its IPC namespace the SysV "
                + "segment; a pathname UNIX socket in the bind-mounted tree stays reachable, as /var/run/docker.sock does.");
        p.add("Capabilities: the attempts run unprivileged in both places, so Docker's capability set matters through the "
                + "profile (the stock profile allows unshare, mount or perf_event_open only with CAP_SYS_ADMIN, and Docker "
                + "20.10's process_vm_readv only with CAP_SYS_PTRACE) and through setuid programs: docker run sets no no-new-privileges, so a setuid binary "
                + "on a bind mount runs with its owner's euid unless the profile stops it first.");
        p.add("Root filesystem: nothing but sandbench's static binaries (writable, Docker's default; every target of an "
                + "attempt is on the bind mount). What docker run cannot hand over (the controlling terminal, an inherited "
                + "descriptor) makes those attempts NA_PLATFORM.");
        if (cols.contains(BASELINE)) {
            StringBuilder s = new StringBuilder(BASELINE + " is the same image and user with seccomp=unconfined: it stopped "
                    + stopped(rs, BASELINE) + " applicable attacks by itself");
            for (String c : cols)
                if (!c.equals(BASELINE))
                    s.append(", ").append(c).append(' ').append(stopped(rs, c));
            s.append(". Compare a profile's column with it, not with the host's none, for what the profile itself stops.");
            p.add(s.toString());
        }
        p.add("Runtime quirks in the profile columns: runc answers ENOSYS, not the profile's "
                + "default action, for every call numbered above the highest call the profile names (docker-seccomp is "
                + "BLOCKED with ENOSYS where the native filter kills io_uring_setup or pidfd_open); Docker before 23.0 drops "
                + "a profile's defaultErrnoRet (EPERM instead); and the engine's built-in profile, which docker-default "
                + "measures, is its own version's, not moby's current default.json (Docker 20.10's lets io_uring_setup "
                + "through).");
        int layers = 4; // the introduction, then Namespaces, Capabilities, Root filesystem
        return new Explanation(p.get(0), List.copyOf(p.subList(1, layers)), List.copyOf(p.subList(layers, p.size())));
    }
}

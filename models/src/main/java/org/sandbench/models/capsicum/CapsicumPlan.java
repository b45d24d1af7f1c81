package org.sandbench.models.capsicum;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.policy.FsAccess;

/**
 * The compiled Capsicum form of a policy: which descriptors the program acquires
 * first, the rights each keeps, and whether it then enters capability mode.
 * Rendered to the text format of docs/vm.md ("Capsicum plans"), which the guest's
 * self-sandboxing hook (native/freebsd/sb_capsicum.c) applies in this order:
 * open every preopen, cap_rights_limit / cap_ioctls_limit / cap_fcntls_limit each
 * descriptor, then cap_enter(2), then the probe.
 *
 * @param probe     an absolute path the program tries to open after cap_enter: capability
 *                  mode must refuse it with ECAPMODE (the proof that the sandbox is on)
 * @param notes     what the policy asks for that Capsicum decides globally (capability mode),
 *                  or cannot express, said in words
 */
public record CapsicumPlan(String title, List<Descriptor> descriptors, Optional<String> probe, boolean capEnter,
                           List<String> notes) implements CompiledPolicy {

    public static final String HEADER = "sandbench-capsicum 1";

    public CapsicumPlan {
        descriptors = List.copyOf(descriptors);
        notes = List.copyOf(notes);
    }

    /** fcntl(2) commands cap_fcntls_limit(2) can keep (sys/capsicum.h CAP_FCNTL_*). */
    public enum Fcntl { GETFL, SETFL, GETOWN, SETOWN }

    /**
     * One descriptor: an inherited one by number (stdio) or a path the program opens
     * before entering capability mode.  An empty rights/ioctls/fcntls means "not limited".
     * An ioctls list that is present but empty allows no ioctl at all.
     *
     * @param access for a preopened regular file, how to open it (read, write or both)
     */
    public record Descriptor(int fd, String path, Set<FsAccess> access, Optional<Set<CapRight>> rights,
                             Optional<List<String>> ioctls, Optional<Set<Fcntl>> fcntls, String origin) {
        public Descriptor {
            access = access.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(access));
            rights = rights.map(r -> r.isEmpty() ? Set.<CapRight>of() : Set.copyOf(EnumSet.copyOf(r)));
            ioctls = ioctls.map(List::copyOf);
            fcntls = fcntls.map(f -> f.isEmpty() ? Set.<Fcntl>of() : Set.copyOf(EnumSet.copyOf(f)));
            if ((fd < 0) == (path == null))
                throw new IllegalArgumentException("a descriptor is either inherited (fd >= 0) or preopened (path)");
            if (path != null && (path.isBlank() || path.contains("\n")))
                throw new IllegalArgumentException("preopen path must be one non-empty line: '" + path + "'");
        }

        public boolean preopen() {
            return path != null;
        }

        public boolean limited() {
            return rights.isPresent() || ioctls.isPresent() || fcntls.isPresent();
        }

        String planLine() {
            StringBuilder b = new StringBuilder(preopen() ? "preopen" : "fd " + fd);
            if (preopen())
                b.append(" access=").append(access.isEmpty() ? "read"
                        : access.stream().sorted().map(FsAccess::id).collect(Collectors.joining(",")));
            b.append(" rights=").append(rights.map(CapRight::macros).orElse("all"));
            b.append(" ioctls=").append(ioctls.map(l -> l.isEmpty() ? "none" : String.join(",", l)).orElse("all"));
            b.append(" fcntls=").append(fcntls.map(f -> f.isEmpty() ? "none"
                    : f.stream().sorted().map(Enum::name).collect(Collectors.joining(","))).orElse("all"));
            if (preopen())
                b.append(" path=").append(path);
            return b.toString();
        }
    }

    /** Descriptors whose rights are narrowed (what checkEnforced compares with the guest's report). */
    public int limitedDescriptors() {
        return (int) descriptors.stream().filter(Descriptor::limited).count();
    }

    public int preopens() {
        return (int) descriptors.stream().filter(Descriptor::preopen).count();
    }

    public String render() {
        List<String> l = new ArrayList<>();
        l.add(HEADER);
        l.add("# " + title);
        for (Descriptor d : descriptors) {
            if (!d.origin().isEmpty())
                l.add("# " + d.origin());
            l.add(d.planLine());
        }
        probe.ifPresent(p -> l.add("probe " + p));
        if (capEnter)
            l.add("cap-enter");
        for (String n : notes)
            l.add("# note: " + n);
        return String.join("\n", l) + "\n";
    }

    /** A reader's view: every descriptor with its rights spelled out and what each permits. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("Capsicum: ").append(capEnter ? "capability mode (cap_enter) after acquiring "
                : "no capability mode; acquires ").append(descriptors.size()).append(" descriptors\n");
        for (Descriptor d : descriptors) {
            b.append("  ").append(d.preopen() ? "preopen " + d.path() : "fd " + d.fd());
            b.append("   (").append(d.origin()).append(")\n");
            if (d.rights().isEmpty()) {
                b.append("    rights: all (not limited)\n");
            } else {
                for (CapRight r : CapRight.values())
                    if (d.rights().get().contains(r))
                        b.append(String.format("    %-20s %s%n", r.macro(), r.permits));
            }
            d.ioctls().ifPresent(i -> b.append("    ioctls: ").append(i.isEmpty() ? "none" : String.join(", ", i)).append('\n'));
            d.fcntls().ifPresent(f -> b.append("    fcntls: ").append(f.isEmpty() ? "none"
                    : f.stream().sorted().map(Enum::name).collect(Collectors.joining(", "))).append('\n'));
        }
        probe.ifPresent(p -> b.append("  proof: opening ").append(p)
                .append(capEnter ? " must fail with ECAPMODE (94)\n" : " must succeed (no capability mode)\n"));
        for (String n : notes)
            b.append("  note: ").append(n).append('\n');
        return b.toString();
    }
}

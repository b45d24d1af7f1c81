package org.sandbench.escapes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One thing the harness checks itself after a run (docs/escapes.md, "Evidence").  Written in
 * an attempt's metadata as KIND or KIND:ARG.  A check reports a hit (the attempt got through)
 * or, for the record, what it saw instead.  Apart from {@code step} and {@code reached}, every
 * check rests on something the attempt cannot forge: a token it could only have read from the
 * target, the arena's files, the victim, the listeners, the pty, /proc of the stopped attempt.
 */
public sealed interface Evidence {

    /** What a run left behind, as the harness sees it. */
    record Facts(Observation obs, Map<String, String> tokens, Map<String, FileState> before,
                 Map<String, FileState> after, int sandboxUid, int secondUid) {
    }

    /** @param hit whether the attempt got through; @param text what was seen, deterministic (no tokens, pids) */
    record Finding(boolean hit, String text) {
    }

    Finding check(Facts f);

    String spec();

    /** Token names the arena plants (see Arena). */
    Set<String> TOKENS = Set.of("canary", "held", "leaked", "allowed", "env", "victim", "victim-env", "shm", "dirent",
            "marker", "suid");
    Set<String> LISTENERS = Set.of("tcp4-allowed", "tcp4-forbidden", "tcp6-allowed", "tcp6-forbidden", "udp4-sink",
            "udp6-sink", "unix-path", "unix-abstract");

    static Evidence parse(String s) {
        String t = s.trim();
        int c = t.indexOf(':');
        String kind = c < 0 ? t : t.substring(0, c), arg = c < 0 ? "" : t.substring(c + 1);
        Evidence e = switch (kind) {
            case "token" -> {
                if (!TOKENS.contains(arg))
                    throw new IllegalArgumentException("unknown token '" + arg + "' (known: " + new java.util.TreeSet<>(TOKENS) + ")");
                yield new Token(arg);
            }
            case "file-changed" -> new FileChanged(relative(arg));
            case "file-created" -> new FileCreated(relative(arg));
            case "file-gone" -> new FileGone(relative(arg));
            case "listener" -> {
                if (!LISTENERS.contains(arg))
                    throw new IllegalArgumentException("unknown listener '" + arg + "' (known: " + new java.util.TreeSet<>(LISTENERS) + ")");
                yield new Listener(arg);
            }
            case "probe" -> new Probe();
            case "victim-signalled" -> new VictimSignalled();
            case "victim-memory" -> new VictimMemory();
            case "pty-input" -> new PtyInput();
            case "shm-attached" -> new ShmAttached();
            case "fd" -> new Fd(nonEmpty(kind, arg));
            case "ns" -> new Ns(nonEmpty(kind, arg));
            case "suid" -> new Suid();
            case "stat" -> new Stat(relative(arg));
            case "step" -> new Step(nonEmpty(kind, arg));
            case "reached" -> new Reached(nonEmpty(kind, arg));
            default -> throw new IllegalArgumentException("unknown evidence '" + kind + "' (known: token:NAME, "
                    + "file-changed:PATH, file-created:PATH, file-gone:PATH, listener:NAME, probe, victim-signalled, "
                    + "victim-memory, pty-input, shm-attached, fd:TEXT, ns:NAME, suid, stat:PATH, step:OP, reached:PREFIX)");
        };
        return e;
    }

    private static String nonEmpty(String kind, String arg) {
        if (arg.isEmpty())
            throw new IllegalArgumentException("evidence '" + kind + "' needs an argument (" + kind + ":...)");
        return arg;
    }

    /** Paths are relative to the arena's ws/ and stay inside it. */
    private static String relative(String p) {
        if (p.isEmpty() || p.startsWith("/") || p.contains(".."))
            throw new IllegalArgumentException("an arena path is relative to ws/ without '..' (e.g. secret/canary), not '" + p + "'");
        return p;
    }

    /** A token the arena planted appeared in the attempt's output. */
    record Token(String name) implements Evidence {
        @Override
        public Finding check(Facts f) {
            String tok = f.tokens().get(name);
            if (tok == null)
                return new Finding(false, "no " + name + " token in this arena");
            boolean hit = f.obs().attempt().stream().anyMatch(l -> l.contains(tok))
                    || f.obs().stderr().stream().anyMatch(l -> l.contains(tok));
            return new Finding(hit, hit ? "the " + name + " token came back" : "no " + name + " token in the output");
        }

        @Override
        public String spec() {
            return "token:" + name;
        }
    }

    record FileChanged(String path) implements Evidence {
        @Override
        public Finding check(Facts f) {
            String d = f.after().getOrDefault(path, FileState.ABSENT).changesSince(f.before().getOrDefault(path, FileState.ABSENT));
            return new Finding(!d.isEmpty(), d.isEmpty() ? path + " unchanged" : path + " " + d);
        }

        @Override
        public String spec() {
            return "file-changed:" + path;
        }
    }

    record FileCreated(String path) implements Evidence {
        @Override
        public Finding check(Facts f) {
            boolean was = f.before().getOrDefault(path, FileState.ABSENT).exists();
            FileState now = f.after().getOrDefault(path, FileState.ABSENT);
            boolean hit = !was && now.exists();
            return new Finding(hit, hit ? path + " created (" + now.type() + ")" : path + (now.exists() ? " already existed" : " absent"));
        }

        @Override
        public String spec() {
            return "file-created:" + path;
        }
    }

    record FileGone(String path) implements Evidence {
        @Override
        public Finding check(Facts f) {
            boolean hit = f.before().getOrDefault(path, FileState.ABSENT).exists()
                    && !f.after().getOrDefault(path, FileState.ABSENT).exists();
            return new Finding(hit, hit ? path + " removed" : path + " still there");
        }

        @Override
        public String spec() {
            return "file-gone:" + path;
        }
    }

    record Listener(String name) implements Evidence {
        @Override
        public Finding check(Facts f) {
            for (Line l : f.obs().jail("listener"))
                if (name.equals(l.get("name", ""))) {
                    long n = l.num("events", 0);
                    String what = name.startsWith("udp") ? "datagram" : "connection";
                    return new Finding(n > 0, n > 0 ? "listener " + name + " logged " + n + " " + what + (n > 1 ? "s" : "")
                            + (l.num("peer_uid", -1) >= 0 ? " from uid " + (l.num("peer_uid", -1) == f.sandboxUid() ? "sandbox" : l.num("peer_uid", -1)) : "")
                            : "listener " + name + " logged nothing");
                }
            boolean unavailable = f.obs().jail("listener").stream().anyMatch(l -> l.words().contains("unavailable")
                    && name.equals(l.get("name", "")));
            return new Finding(false, "listener " + name + (unavailable ? " unavailable on this host" : " not in this arena"));
        }

        @Override
        public String spec() {
            return "listener:" + name;
        }
    }

    record Probe() implements Evidence {
        @Override
        public Finding check(Facts f) {
            Optional<Line> p = f.obs().jailOne("probe");
            boolean hit = p.map(l -> l.get("result", "").equals("connected")).orElse(false);
            return new Finding(hit, hit ? "the harness connected to the attempt's listener on the backdoor port"
                    : p.map(l -> "harness probe of the backdoor port: " + l.get("result", "?")).orElse("no probe requested"));
        }

        @Override
        public String spec() {
            return "probe";
        }
    }

    record VictimSignalled() implements Evidence {
        @Override
        public Finding check(Facts f) {
            Optional<Line> v = f.obs().jailOne("victim");
            if (v.isEmpty())
                return new Finding(false, "no victim report");
            Line l = v.get();
            String state = l.get("state", "?");
            long n = l.num("signals", 0);
            if (state.startsWith("killed"))
                return new Finding(true, "victim killed by " + Signals.name(Integer.parseInt(state.substring(7))));
            if (state.equals("was-stopped"))
                return new Finding(true, "victim was stopped");
            if (n > 0)
                return new Finding(true, "victim received " + n + " signal" + (n > 1 ? "s" : "") + " (last "
                        + Signals.name((int) l.num("last", 0)) + ")");
            return new Finding(false, "victim received no signal");
        }

        @Override
        public String spec() {
            return "victim-signalled";
        }
    }

    record VictimMemory() implements Evidence {
        @Override
        public Finding check(Facts f) {
            String t = f.obs().jailOne("victim").map(l -> l.get("token", "?")).orElse("?");
            return new Finding(t.equals("changed"), "victim's memory token " + t);
        }

        @Override
        public String spec() {
            return "victim-memory";
        }
    }

    record PtyInput() implements Evidence {
        @Override
        public Finding check(Facts f) {
            long n = f.obs().jailOne("pty").map(l -> l.num("input", 0)).orElse(0L);
            return new Finding(n > 0, n > 0 ? "the terminal's input queue received " + n + " injected byte" + (n > 1 ? "s" : "")
                    : "nothing injected into the terminal");
        }

        @Override
        public String spec() {
            return "pty-input";
        }
    }

    record ShmAttached() implements Evidence {
        @Override
        public Finding check(Facts f) {
            Optional<Line> s = f.obs().jailOne("shm");
            boolean hit = s.map(l -> l.get("last_pid", "").equals("other")).orElse(false);
            boolean changed = s.map(l -> l.get("changed", "0").equals("1")).orElse(false);
            return new Finding(hit || changed, hit ? "the SysV segment was attached by the attempt" + (changed ? " and changed" : "")
                    : "SysV segment untouched");
        }

        @Override
        public String spec() {
            return "shm-attached";
        }
    }

    /** A descriptor the stopped attempt held (readlink of /proc/PID/fd/N by the jail) contains TEXT. */
    record Fd(String text) implements Evidence {
        @Override
        public Finding check(Facts f) {
            boolean held = f.obs().jail("stopped").size() > 0;
            boolean hit = f.obs().jail("fd").stream().anyMatch(l -> l.get("target", "").contains(text));
            return new Finding(hit, hit ? "the attempt held a descriptor " + text
                    : held ? "no " + text + " descriptor" : "the attempt never stopped for inspection");
        }

        @Override
        public String spec() {
            return "fd:" + text;
        }
    }

    record Ns(String name) implements Evidence {
        @Override
        public Finding check(Facts f) {
            String v = f.obs().jailOne("ns").map(l -> l.get(name, "?")).orElse("not inspected");
            return new Finding(v.equals("new"), "the attempt's " + name + " namespace: " + v);
        }

        @Override
        public String spec() {
            return "ns:" + name;
        }
    }

    /** The setuid marker ran and its euid was its owner's (the second uid). */
    record Suid() implements Evidence {
        @Override
        public Finding check(Facts f) {
            String tok = f.tokens().get("suid");
            boolean ran = false;
            for (String l : f.obs().attempt()) {
                if (tok != null && l.startsWith("SBX marker ") && l.contains("token=" + tok)) {
                    ran = true;
                    long euid = Line.parse(l.substring(4)).num("euid", -1);
                    if (euid < 0)
                        continue;
                    if (euid == f.secondUid())
                        return new Finding(true, "the setuid binary ran with its owner's euid");
                    return new Finding(false, "the setuid binary ran with euid " + (euid == f.sandboxUid() ? "of the sandbox uid" : euid)
                            + ": the setuid bit was ignored (no_new_privs)");
                }
            }
            return new Finding(false, ran ? "the setuid binary ran but died before reporting its euid" : "the setuid binary did not run");
        }

        @Override
        public String spec() {
            return "suid";
        }
    }

    /** The attempt reported the inode and size of PATH ("SBX found what=stat value=INO:SIZE") and they are right. */
    record Stat(String path) implements Evidence {
        @Override
        public Finding check(Facts f) {
            FileState s = f.before().getOrDefault(path, FileState.ABSENT);
            String truth = s.ino() + ":" + s.size();
            for (Line l : f.obs().sbx("found"))
                if (l.get("what", "").equals("stat") && l.get("value", "").equals(truth))
                    return new Finding(true, "the attempt learned the inode and size of " + path);
            return new Finding(false, "no inode and size of " + path);
        }

        @Override
        public String spec() {
            return "stat:" + path;
        }
    }

    /** The attempt reported that OP returned a non-negative value (trusted: only the attempt sees it). */
    record Step(String op) implements Evidence {
        @Override
        public Finding check(Facts f) {
            for (Observation.Step s : f.obs().steps())
                if (s.op().equals(op) && s.ok())
                    return new Finding(true, op + " succeeded (reported by the attempt)");
            return new Finding(false, op + " did not succeed");
        }

        @Override
        public String spec() {
            return "step:" + op;
        }
    }

    /** Of the steps whose op starts with PREFIX, how many reached kernel code (rc >= 0 or an errno other than ENOSYS). */
    record Reached(String prefix) implements Evidence {
        @Override
        public Finding check(Facts f) {
            List<Observation.Step> s = f.obs().steps().stream().filter(x -> x.op().startsWith(prefix)).toList();
            long reached = s.stream().filter(x -> x.ok() || x.errno() != Errnos.ENOSYS).count();
            return new Finding(reached > 0, reached + " of " + s.size() + " calls reached the kernel (reported by the attempt)");
        }

        @Override
        public String spec() {
            return "reached:" + prefix;
        }
    }
}

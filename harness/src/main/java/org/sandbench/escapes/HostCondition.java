package org.sandbench.escapes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A host condition an attempt needs before any sandbox matters ("sysctl
 * kernel.unprivileged_bpf_disabled == 0", "kconfig CONFIG_X86_X32_ABI").  When one is false,
 * every model's expected verdict is NA_HOST: the baseline cannot do it either.  The harness
 * still runs the attempt; the baseline run is what decides the verdict.
 */
public record HostCondition(String text, Kind kind, String name, String op, String value) {
    public enum Kind { SYSCTL, KCONFIG }

    private static final Pattern SYSCTL = Pattern.compile("sysctl\\s+([a-z0-9_.]+)\\s*(==|!=|<=|>=|<|>)\\s*(-?\\d+)");
    private static final Pattern KCONFIG = Pattern.compile("kconfig\\s+(!?)(CONFIG_[A-Z0-9_]+)");

    /** Where conditions are looked up; the real host or a table in tests. */
    public interface HostView {
        /** A sysctl's value (dots as in sysctl(8)), empty when unreadable. */
        Optional<String> sysctl(String name);

        /** Whether a kernel config option is y or m; empty when the config is unavailable. */
        Optional<Boolean> kconfig(String name);
    }

    public static HostCondition parse(String s) {
        Matcher m = SYSCTL.matcher(s.trim());
        if (m.matches())
            return new HostCondition(s.trim(), Kind.SYSCTL, m.group(1), m.group(2), m.group(3));
        m = KCONFIG.matcher(s.trim());
        if (m.matches())
            return new HostCondition(s.trim(), Kind.KCONFIG, m.group(2), m.group(1).isEmpty() ? "set" : "unset", "");
        throw new IllegalArgumentException("bad host condition '" + s
                + "' (forms: 'sysctl kernel.name == 0', 'kconfig CONFIG_NAME', 'kconfig !CONFIG_NAME')");
    }

    /** True, false, or empty when the host does not say. */
    public Optional<Boolean> holds(HostView host) {
        if (kind == Kind.KCONFIG)
            return host.kconfig(name).map(set -> op.equals("set") == set);
        return host.sysctl(name).flatMap(v -> {
            try {
                long have = Long.parseLong(v.trim().split("\\s+")[0]);
                long want = Long.parseLong(value);
                return Optional.of(switch (op) {
                    case "==" -> have == want;
                    case "!=" -> have != want;
                    case "<=" -> have <= want;
                    case ">=" -> have >= want;
                    case "<" -> have < want;
                    default -> have > want;
                });
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** This machine: /proc/sys and /proc/config.gz (or /boot/config-RELEASE). */
    public static HostView localHost() {
        return new HostView() {
            private Map<String, Boolean> config;

            @Override
            public Optional<String> sysctl(String name) {
                try {
                    return Optional.of(Files.readString(Path.of("/proc/sys", name.replace('.', '/'))).trim());
                } catch (IOException | SecurityException e) {
                    return Optional.empty();
                }
            }

            @Override
            public synchronized Optional<Boolean> kconfig(String name) {
                if (config == null)
                    config = readConfig();
                if (config.isEmpty())
                    return Optional.empty();
                return Optional.of(config.getOrDefault(name, false));
            }
        };
    }

    private static Map<String, Boolean> readConfig() {
        Map<String, Boolean> m = new HashMap<>();
        String text = null;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("/proc/config.gz")))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            text = out.toString(StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            try {
                String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
                text = Files.readString(Path.of("/boot/config-" + release));
            } catch (IOException | SecurityException e2) {
                return m;
            }
        }
        for (String l : text.split("\n")) {
            int eq = l.indexOf('=');
            if (l.startsWith("CONFIG_") && eq > 0)
                m.put(l.substring(0, eq), l.endsWith("=y") || l.endsWith("=m"));
        }
        return m;
    }
}

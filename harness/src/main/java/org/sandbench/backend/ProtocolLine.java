package org.sandbench.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One line of the workload protocol (docs/protocol.md): "SB1 kind [word...] key=value ...".
 * Values never contain spaces (the runtime writes '_' instead).
 */
public record ProtocolLine(String kind, List<String> words, Map<String, String> fields) {
    public static final String PREFIX = "SB1 ";

    public static Optional<ProtocolLine> parse(String line) {
        if (!line.startsWith(PREFIX))
            return Optional.empty();
        ProtocolLine l = parseBody(line.substring(PREFIX.length()));
        return l.kind.isEmpty() ? Optional.empty() : Optional.of(l);
    }

    /**
     * "kind [word...] key=value ..." without a prefix (the escape jail's lines use the same shape); the kind is ""
     * for a blank line.
     */
    public static ProtocolLine parseBody(String text) {
        String body = text.trim();
        // "message=" is always last and is the only value that may contain spaces.
        String message = null;
        int mi = body.indexOf(" message=");
        if (mi >= 0) {
            message = body.substring(mi + " message=".length());
            body = body.substring(0, mi);
        }
        String[] toks = body.split("\\s+");
        List<String> words = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < toks.length; i++) {
            int eq = toks[i].indexOf('=');
            if (eq > 0)
                fields.put(toks[i].substring(0, eq), toks[i].substring(eq + 1));
            else
                words.add(toks[i]);
        }
        if (message != null)
            fields.put("message", message);
        return new ProtocolLine(toks[0], List.copyOf(words), java.util.Collections.unmodifiableMap(fields));
    }

    public String get(String key) {
        return fields.get(key);
    }

    public String get(String key, String def) {
        return fields.getOrDefault(key, def);
    }

    /** A decimal or 0x-hexadecimal field, or {@code def} when it is absent or not a number. */
    public long getLong(String key, long def) {
        String v = fields.get(key);
        if (v == null)
            return def;
        try {
            return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return def;
        }
    }

    public boolean is(String kind, String firstWord) {
        return this.kind.equals(kind) && !words.isEmpty() && words.get(0).equals(firstWord);
    }
}

package org.sandbench.escapes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One "KIND word... key=value..." line of the jail or attempt protocol (docs/escapes.md).
 * Values contain no spaces.
 */
public record Line(String kind, List<String> words, Map<String, String> fields) {

    public static Line parse(String body) {
        String[] toks = body.trim().split("\\s+");
        List<String> words = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < toks.length; i++) {
            int eq = toks[i].indexOf('=');
            if (eq > 0)
                fields.put(toks[i].substring(0, eq), toks[i].substring(eq + 1));
            else
                words.add(toks[i]);
        }
        return new Line(toks.length > 0 ? toks[0] : "", List.copyOf(words), java.util.Collections.unmodifiableMap(fields));
    }

    public String get(String key, String def) {
        return fields.getOrDefault(key, def);
    }

    public long num(String key, long def) {
        String v = fields.get(key);
        if (v == null)
            return def;
        try {
            return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return def;
        }
    }
}

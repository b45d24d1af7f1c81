package org.sandbench.escapes;

import java.util.List;
import java.util.Map;
import org.sandbench.backend.ProtocolLine;

/**
 * One "KIND word... key=value..." line of the jail or attempt protocol (docs/escapes.md), parsed
 * as the workload protocol's lines are ({@link ProtocolLine#parseBody}). Values contain no spaces.
 */
public record Line(String kind, List<String> words, Map<String, String> fields) {

    public static Line parse(String body) {
        ProtocolLine l = ProtocolLine.parseBody(body);
        return new Line(l.kind(), l.words(), l.fields());
    }

    public String get(String key, String def) {
        return fields.getOrDefault(key, def);
    }

    public long num(String key, long def) {
        return new ProtocolLine(kind, words, fields).getLong(key, def);
    }
}

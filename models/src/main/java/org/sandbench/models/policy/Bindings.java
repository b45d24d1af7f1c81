package org.sandbench.models.policy;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values for the templates in policies and manifests, fixed per trial:
 * {@code ${work}} (the trial's workspace), {@code ${port.NAME}}, {@code ${param.NAME}},
 * and {@code ${dirs:NAME}}, which expands to NAME-1 nested directories ("d/d/.../")
 * so that a file sits NAME path components below the directory before it.
 */
public record Bindings(Map<String, String> values) {
    private static final Pattern VAR = Pattern.compile("\\$\\{([a-z][a-z0-9._:-]*)}");

    public Bindings {
        values = Map.copyOf(values);
    }

    public static Bindings of(Map<String, String> values) {
        return new Bindings(values);
    }

    public Bindings with(String key, String value) {
        Map<String, String> m = new TreeMap<>(values);
        m.put(key, value);
        return new Bindings(m);
    }

    public String resolve(String template) {
        Matcher m = VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.startsWith("dirs:")) {
                String depth = lookup("param." + name.substring(5), template);
                int d;
                try {
                    d = Integer.parseInt(depth);
                } catch (NumberFormatException e) {
                    throw new PolicyException("${" + name + "} needs a whole number, got '" + depth + "'");
                }
                if (d < 1)
                    throw new PolicyException("${" + name + "} needs a depth of at least 1, got " + d);
                value = "d/".repeat(d - 1);
            } else {
                value = lookup(name, template);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (out.indexOf("${") >= 0)
            throw new PolicyException("malformed template '" + template + "' (use ${name} with lower-case names)");
        return out.toString();
    }

    private String lookup(String name, String template) {
        String v = values.get(name);
        if (v == null)
            throw new PolicyException("unknown variable ${" + name + "} in '" + template + "' (known here: "
                    + String.join(", ", new TreeMap<>(values).keySet()) + ")");
        return v;
    }
}

package org.sandbench.models.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Seccomp-specific choices of a policy.  style "allowlist" (the default) is
 * compiled from promises; "denylist" denies the listed calls and allows the rest.
 * archCheck false builds the filter by hand without an architecture check: the
 * naive filter the bypass classics defeat.
 */
public record SeccompSpec(String style, @JsonProperty("default") String defaultAction, List<String> deny,
                          @JsonProperty("deny-action") String denyAction,
                          @JsonProperty("arch-check") Boolean archCheck) {
    public SeccompSpec {
        style = style == null ? "allowlist" : style;
        if (!style.equals("allowlist") && !style.equals("denylist"))
            throw new IllegalArgumentException("seccomp style must be allowlist or denylist, not '" + style + "'");
        deny = deny == null ? List.of() : List.copyOf(deny);
        if (style.equals("denylist") && deny.isEmpty())
            throw new IllegalArgumentException("a denylist seccomp policy needs a 'deny' list");
        if (style.equals("allowlist") && !deny.isEmpty())
            throw new IllegalArgumentException("'deny' only makes sense with style: denylist");
        archCheck = archCheck == null ? Boolean.TRUE : archCheck;
        if (!archCheck && style.equals("allowlist"))
            throw new IllegalArgumentException("arch-check: false is only for denylist reference policies");
    }

    public static SeccompSpec allowlist() {
        return new SeccompSpec("allowlist", null, null, null, null);
    }

    public boolean isDenylist() {
        return style.equals("denylist");
    }
}

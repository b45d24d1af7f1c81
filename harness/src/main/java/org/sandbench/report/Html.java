package org.sandbench.report;

import java.util.List;

/** A small HTML builder: escaped text, tables from rows, nothing else. */
final class Html {
    private final StringBuilder sb = new StringBuilder();

    static String esc(String s) {
        StringBuilder o = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '&' -> o.append("&amp;");
                case '"' -> o.append("&quot;");
                case '\'' -> o.append("&#39;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }

    Html raw(String s) {
        sb.append(s);
        return this;
    }

    Html text(String s) {
        sb.append(esc(s));
        return this;
    }

    Html el(String tag, String text) {
        sb.append('<').append(tag).append('>').append(esc(text)).append("</").append(tag.split(" ")[0]).append(">\n");
        return this;
    }

    /** A table (header null: none); numeric-looking cells are right-aligned by the style sheet through class "n". */
    Html table(List<String> header, List<List<String>> rows, String cssClass) {
        sb.append("<div class=\"scroll\"><table").append(cssClass == null ? "" : " class=\"" + cssClass + "\"")
                .append(">\n");
        if (header != null) {
            sb.append("<thead><tr>");
            for (String h : header)
                sb.append("<th>").append(esc(h)).append("</th>");
            sb.append("</tr></thead>\n");
        }
        sb.append("<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (String c : r) {
                boolean num = c.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?( \\[.*\\])?( x[0-9.]+)?");
                sb.append(num ? "<td class=\"n\">" : "<td>").append(esc(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n");
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}

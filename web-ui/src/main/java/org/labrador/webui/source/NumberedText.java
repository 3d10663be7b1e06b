package org.labrador.webui.source;

import java.util.Optional;
import org.jsoup.nodes.Entities;

/**
 * A document's text as HTML lines with numbers, the cited ones marked {@code cited}. Every line is escaped:
 * documents are whatever a source holds, and none of it may become markup in the page. One HTML fragment
 * rather than a component per line, since files run to thousands of lines.
 */
final class NumberedText {

    private NumberedText() {
    }

    static String html(String text, Optional<LineRange> cited) {
        String[] lines = text.split("\\R", -1);
        int count = lines.length;
        // A final newline ends the last line; it does not start an empty one.
        if (count > 1 && lines[count - 1].isEmpty()) {
            count--;
        }
        StringBuilder html = new StringBuilder(text.length() + count * 64);
        html.append("<div class=\"source-text\">");
        for (int i = 0; i < count; i++) {
            int n = i + 1;
            boolean isCited = cited.isPresent() && cited.get().contains(n);
            html.append("<div class=\"line").append(isCited ? " cited" : "").append("\" id=\"L").append(n)
                    .append("\"><span class=\"ln\">").append(n).append("</span><span class=\"code\">")
                    .append(Entities.escape(lines[i])).append("</span></div>");
        }
        return html.append("</div>").toString();
    }
}

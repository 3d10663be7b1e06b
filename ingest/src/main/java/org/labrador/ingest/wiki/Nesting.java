package org.labrador.ingest.wiki;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Balanced wiki brackets ({@code {{…}}}, {@code [[…]]}) and the top-level pipes inside them. */
final class Nesting {

    private Nesting() {
    }

    /**
     * Replaces each outermost {@code open…close} region by {@code with(inner)}, keeping the line
     * count. An opener without its closer is left as text.
     */
    static String replace(String text, String open, String close, UnaryOperator<String> with) {
        int first = text.indexOf(open);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        int start = first;
        while (start >= 0) {
            int end = matching(text, start, open, close);
            if (end < 0) {
                // An opener never closed is text; the markup after it may still be balanced.
                start = text.indexOf(open, start + open.length());
                continue;
            }
            String whole = text.substring(start, end + close.length());
            out.append(text, last, start)
                    .append(LineCount.keep(whole, with.apply(text.substring(start + open.length(), end))));
            last = end + close.length();
            start = text.indexOf(open, last);
        }
        return out.append(text, last, text.length()).toString();
    }

    /** Index of the closer that balances the opener at {@code start}, or -1. */
    private static int matching(String text, int start, String open, String close) {
        int depth = 0;
        int i = start;
        while (true) {
            int nextOpen = text.indexOf(open, i);
            int nextClose = text.indexOf(close, i);
            if (nextClose < 0) {
                return -1;
            }
            if (nextOpen >= 0 && nextOpen < nextClose) {
                depth++;
                i = nextOpen + open.length();
            } else {
                depth--;
                if (depth == 0) {
                    return nextClose;
                }
                i = nextClose + close.length();
            }
        }
    }

    /** Splits on the pipes that are not inside a nested template or link. */
    static List<String> split(String inner) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if ((c == '{' || c == '[') && i + 1 < inner.length() && inner.charAt(i + 1) == c) {
                depth++;
                i++;
            } else if ((c == '}' || c == ']') && i + 1 < inner.length() && inner.charAt(i + 1) == c) {
                depth = Math.max(0, depth - 1);
                i++;
            } else if (c == '|' && depth == 0) {
                parts.add(inner.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(inner.substring(from));
        return parts;
    }
}

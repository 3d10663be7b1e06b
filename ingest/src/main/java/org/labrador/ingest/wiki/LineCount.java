package org.labrador.ingest.wiki;

/**
 * Keeps converted text on the lines of its source: a replacement gets exactly as many line breaks
 * as the text it replaces, so a passage's line numbers are those of the wiki page's source.
 */
final class LineCount {

    private LineCount() {
    }

    static int of(CharSequence text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** {@code replacement} with surplus line breaks turned into spaces, or missing ones appended. */
    static String keep(CharSequence original, String replacement) {
        int wanted = of(original);
        int have = of(replacement);
        if (have == wanted) {
            return replacement;
        }
        if (have < wanted) {
            return replacement + "\n".repeat(wanted - have);
        }
        StringBuilder out = new StringBuilder(replacement);
        for (int i = out.length() - 1; i >= 0 && have > wanted; i--) {
            if (out.charAt(i) == '\n') {
                out.setCharAt(i, ' ');
                have--;
            }
        }
        return out.toString();
    }
}

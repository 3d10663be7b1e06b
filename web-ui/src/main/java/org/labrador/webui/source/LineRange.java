package org.labrador.webui.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The cited lines of a document, 1-based and inclusive, as written in a link: {@code 12-40} or {@code 12}. */
record LineRange(int first, int last) {

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,9})\\s*(?:[-–]\\s*(\\d{1,9})\\s*)?");

    /** Reads {@code 12-40} or {@code 12}; anything else, or a range that ends before it starts, is no range. */
    static Optional<LineRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        return first >= 1 && last >= first ? Optional.of(new LineRange(first, last)) : Optional.empty();
    }

    boolean contains(int line) {
        return line >= first && line <= last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}

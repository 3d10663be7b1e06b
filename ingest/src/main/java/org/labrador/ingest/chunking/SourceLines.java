package org.labrador.ingest.chunking;

import java.util.Arrays;

/**
 * A source text with line endings normalised to {@code \n} (CRLF and lone CR count as one line
 * break, as editors and viewers count them), indexed by line. Line indices are 0-based here;
 * {@link #lineOf} answers 1-based numbers for passages.
 */
final class SourceLines implements DocumentText {

    private final String text;
    private final int[] starts;

    SourceLines(String content) {
        String normalised = content.replace("\r\n", "\n").replace('\r', '\n');
        // A byte-order mark is not text; dropping it keeps the first line's heading recognisable.
        this.text = normalised.startsWith("\uFEFF") ? normalised.substring(1) : normalised;
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    int count() {
        return starts.length;
    }

    /** Offset of the first character of line {@code i}. */
    int start(int i) {
        return starts[i];
    }

    /** Offset just after the last character of line {@code i}, before its line break. */
    int end(int i) {
        return i + 1 < starts.length ? starts[i + 1] - 1 : text.length();
    }

    String line(int i) {
        return text.substring(start(i), end(i));
    }

    boolean isBlank(int i) {
        for (int k = start(i); k < end(i); k++) {
            if (!Character.isWhitespace(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Width of the leading whitespace of line {@code i}, a tab counting as up to the next multiple of 8. */
    int indent(int i) {
        int width = 0;
        for (int k = start(i); k < end(i); k++) {
            char c = text.charAt(k);
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width = (width / 8 + 1) * 8;
            } else {
                break;
            }
        }
        return width;
    }
}

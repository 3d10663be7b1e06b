package org.labrador.ingest.code;

import java.util.List;
import org.labrador.ingest.chunking.TokenCount;

/**
 * A source file as lines, 0-based here (passages answer 1-based numbers). CRLF and lone CR count
 * as one line break, as editors count them, and a byte-order mark is dropped so that the first
 * line still reads as code. Token counts are kept as prefix sums, because the packer asks for the
 * size of many line ranges.
 */
final class CodeLines {

    private final String text;
    private final List<String> lines;
    private final int[] tokensBefore;

    CodeLines(String content) {
        String normalised = content.replace("\r\n", "\n").replace('\r', '\n');
        this.text = normalised.startsWith("\uFEFF") ? normalised.substring(1) : normalised;
        this.lines = List.of(text.split("\n", -1));
        this.tokensBefore = new int[lines.size() + 1];
        for (int i = 0; i < lines.size(); i++) {
            tokensBefore[i + 1] = tokensBefore[i] + TokenCount.of(lines.get(i));
        }
    }

    /** The whole text, normalised. */
    String text() {
        return text;
    }

    int count() {
        return lines.size();
    }

    String line(int i) {
        return lines.get(i);
    }

    boolean isBlank(int i) {
        return lines.get(i).isBlank();
    }

    /** Lines {@code from..to} inclusive, joined with {@code \n}. */
    String join(int from, int to) {
        return String.join("\n", lines.subList(from, to + 1));
    }

    /** Approximate tokens in lines {@code from..to} inclusive; 0 for an empty range. */
    int tokens(int from, int to) {
        if (to < from) {
            return 0;
        }
        return tokensBefore[to + 1] - tokensBefore[from];
    }

    /** Width of the leading whitespace of line {@code i}, a tab reaching the next multiple of 8. */
    int indent(int i) {
        String line = lines.get(i);
        int width = 0;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
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

    /** The offset in {@link #text()} of the first character of each line. */
    int[] lineStarts() {
        int[] starts = new int[lines.size()];
        int offset = 0;
        for (int i = 0; i < lines.size(); i++) {
            starts[i] = offset;
            offset += lines.get(i).length() + 1;
        }
        return starts;
    }
}

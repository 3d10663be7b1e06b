package org.labrador.ingest.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a block too large for one passage into pieces, at the coarsest boundary that makes them
 * fit: prose at line breaks, then sentence ends, then spaces, and as a last resort every few
 * hundred characters (a base64 blob or a minified line has no better place); code, tables and
 * formulas at blank lines, then line breaks, and never inside a line, since half a line of code
 * misleads more than a long passage does.
 */
final class BlockSplitter {

    /** The places a range may be cut, coarsest first. */
    enum Cut { BLANK_LINES, LINES, SENTENCES, WORDS, CHARS }

    private static final List<Cut> PROSE_CUTS = List.of(Cut.LINES, Cut.SENTENCES, Cut.WORDS, Cut.CHARS);
    private static final List<Cut> WHOLE_CUTS = List.of(Cut.BLANK_LINES, Cut.LINES);
    /** Characters per token assumed when a range must be cut blindly. */
    private static final int CHARS_PER_TOKEN = 4;

    private final String text;

    BlockSplitter(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** Pieces of at most {@code limit} tokens each, except single lines of code that are larger. */
    List<Piece> split(Block.Kind kind, int from, int to, int limit) {
        List<Piece> pieces = new ArrayList<>();
        int tokens = TokenCount.of(text, from, to);
        if (tokens <= limit) {
            pieces.add(new Piece(kind, from, to, tokens));
        } else {
            split(kind, from, to, limit, kind.keptWhole() ? WHOLE_CUTS : PROSE_CUTS, 0, pieces);
        }
        return pieces;
    }

    private void split(Block.Kind kind, int from, int to, int limit, List<Cut> cuts, int level, List<Piece> out) {
        int start = -1;
        int end = -1;
        int sum = 0;
        for (int[] unit : units(from, to, cuts.get(level), limit)) {
            int tokens = TokenCount.of(text, unit[0], unit[1]);
            if (start >= 0 && sum + tokens > limit) {
                out.add(new Piece(kind, start, end, sum));
                start = -1;
                sum = 0;
            }
            if (tokens > limit && level + 1 < cuts.size()) {
                split(kind, unit[0], unit[1], limit, cuts, level + 1, out);
                continue;
            }
            if (start < 0) {
                start = unit[0];
            }
            end = unit[1];
            sum += tokens;
        }
        if (start >= 0) {
            out.add(new Piece(kind, start, end, sum));
        }
    }

    /** The non-blank units of {@code [from, to)} between cuts of one kind, as offset pairs. */
    List<int[]> units(int from, int to, Cut cut, int limit) {
        return switch (cut) {
            case BLANK_LINES -> paragraphs(from, to);
            case LINES -> lines(from, to);
            case SENTENCES -> sentences(from, to);
            case WORDS -> words(from, to);
            case CHARS -> windows(from, to, Math.max(16, limit * CHARS_PER_TOKEN));
        };
    }

    private List<int[]> lines(int from, int to) {
        List<int[]> units = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == '\n') {
                addTrimmed(units, start, i);
                start = i + 1;
            }
        }
        return units;
    }

    private List<int[]> paragraphs(int from, int to) {
        List<int[]> units = new ArrayList<>();
        int[] current = null;
        for (int[] line : lines(from, to)) {
            // lines() drops blank lines, so a gap of two or more breaks means a blank line between.
            if (current != null && countBreaks(current[1], line[0]) < 2) {
                current[1] = line[1];
            } else {
                current = line.clone();
                units.add(current);
            }
        }
        return units;
    }

    /** Sentences end after . ! or ? followed by white space. */
    private List<int[]> sentences(int from, int to) {
        List<int[]> units = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && i + 1 < to && Character.isWhitespace(text.charAt(i + 1))) {
                addTrimmed(units, start, i + 1);
                start = i + 1;
            }
        }
        addTrimmed(units, start, to);
        return units;
    }

    private List<int[]> words(int from, int to) {
        List<int[]> units = new ArrayList<>();
        int start = -1;
        for (int i = from; i <= to; i++) {
            boolean space = i == to || Character.isWhitespace(text.charAt(i));
            if (space && start >= 0) {
                units.add(new int[] {start, i});
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return units;
    }

    private List<int[]> windows(int from, int to, int width) {
        List<int[]> units = new ArrayList<>();
        for (int start = from; start < to; ) {
            int end = Math.min(to, start + width);
            if (end < to && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            units.add(new int[] {start, end});
            start = end;
        }
        return units;
    }

    /**
     * Adds {@code [start, end)} unless blank, without surrounding white space except a line's
     * indentation and trailing spaces, which belong to the exact line text a passage carries.
     */
    private void addTrimmed(List<int[]> units, int start, int end) {
        int first = start;
        while (first < end && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first == end) {
            return;
        }
        int last = end;
        while (Character.isWhitespace(text.charAt(last - 1))) {
            last--;
        }
        boolean lineStart = start == 0 || text.charAt(start - 1) == '\n';
        boolean lineEnd = end == text.length() || text.charAt(end) == '\n';
        units.add(new int[] {lineStart ? start : first, lineEnd ? end : last});
    }

    private int countBreaks(int from, int to) {
        int breaks = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                breaks++;
            }
        }
        return breaks;
    }
}

package org.labrador.ingest.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocks found by line in a source text — the common ground of the Markdown, reStructuredText
 * and plain-text parsers — collected in document order and then turned into {@link Block}s whose
 * offsets cover whole lines, so that passages carry exact source lines.
 */
final class LineBlocks {

    /** A block as a 0-based inclusive line range. */
    private record Lines(Block.Kind kind, List<String> headings, int first, int last) {
    }

    private final SourceLines source;
    private final List<Lines> blocks = new ArrayList<>();

    LineBlocks(SourceLines source) {
        this.source = source;
    }

    /** Adds lines {@code first..last} (0-based, inclusive) without the blank lines at either end. */
    void add(Block.Kind kind, List<String> headings, int first, int last) {
        last = Math.min(last, source.count() - 1);
        while (first <= last && source.isBlank(first)) {
            first++;
        }
        while (last >= first && source.isBlank(last)) {
            last--;
        }
        if (first <= last) {
            blocks.add(new Lines(kind, List.copyOf(headings), first, last));
        }
    }

    /** Lines inside code blocks, where a {@code $$} or {@code \[} is code, not a formula. */
    boolean[] codeLines() {
        boolean[] code = new boolean[source.count()];
        for (Lines block : blocks) {
            if (block.kind() == Block.Kind.CODE) {
                java.util.Arrays.fill(code, block.first(), block.last() + 1, true);
            }
        }
        return code;
    }

    /**
     * Joins the blocks that a display formula spans into one formula block: a formula with blank
     * lines inside parses as several paragraphs, and a cut between them would leave two halves of
     * an equation, neither of which means anything.
     */
    void joinFormulas() {
        for (int[] region : MathRegions.find(source, codeLines())) {
            int from = -1;
            int to = -1;
            for (int i = 0; i < blocks.size(); i++) {
                Lines block = blocks.get(i);
                if (block.last() >= region[0] && block.first() <= region[1]) {
                    from = from < 0 ? i : from;
                    to = i;
                }
            }
            if (from < 0 || blocks.subList(from, to + 1).stream().anyMatch(b -> b.kind() == Block.Kind.HEADING)) {
                continue;
            }
            Lines joined = new Lines(Block.Kind.MATH, blocks.get(from).headings(),
                    Math.min(blocks.get(from).first(), region[0]), Math.max(blocks.get(to).last(), region[1]));
            blocks.subList(from, to + 1).clear();
            blocks.add(from, joined);
        }
    }

    List<Block> toBlocks() {
        List<Block> result = new ArrayList<>(blocks.size());
        for (Lines block : blocks) {
            result.add(new Block(block.kind(), block.headings(), source.start(block.first()), source.end(block.last())));
        }
        return result;
    }
}

package org.labrador.ingest.chunking;

import java.util.List;

/**
 * Plain text: paragraphs separated by blank lines, and display formulas kept whole. There are no
 * headings and no title; the file name stands in for the title.
 */
final class PlainTextBlocks {

    private PlainTextBlocks() {
    }

    static ParsedDocument parse(String content) {
        SourceLines source = new SourceLines(content);
        LineBlocks blocks = new LineBlocks(source);
        int start = -1;
        for (int i = 0; i <= source.count(); i++) {
            boolean blank = i == source.count() || source.isBlank(i);
            if (!blank && start < 0) {
                start = i;
            } else if (blank && start >= 0) {
                blocks.add(Block.Kind.PROSE, List.of(), start, i - 1);
                start = -1;
            }
        }
        blocks.joinFormulas();
        return new ParsedDocument(null, source, blocks.toBlocks());
    }
}

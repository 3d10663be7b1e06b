package org.labrador.ingest.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs blocks into passages of about the target size. A heading always starts a new passage, so
 * a passage never mixes sections; within a section, blocks are packed in order until the next one
 * would overflow the target, and the next passage repeats the last lines or sentences of the
 * previous one (up to the overlap budget) so a fact split across the boundary is still found
 * whole in one of them. Code, tables and formulas are never cut below four times the target and
 * never repeated partially as overlap.
 */
final class PassagePacker {

    /** How many targets a code block, table or formula may fill before it is cut. */
    static final int WHOLE_BLOCK_FACTOR = 4;

    /** Longer than any hard-wrapped line: a line this long is a paragraph on one line. */
    private static final int LONG_LINE_CHARS = 160;

    private final int targetTokens;
    private final int overlapTokens;

    PassagePacker(int targetTokens, int overlapTokens) {
        this.targetTokens = Math.max(1, targetTokens);
        this.overlapTokens = Math.max(0, overlapTokens);
    }

    List<Passage> pack(DocumentText document, List<Block> blocks) {
        String text = document.text();
        BlockSplitter splitter = new BlockSplitter(text);
        List<Draft> drafts = new ArrayList<>();
        List<Block> section = new ArrayList<>();
        for (Block block : blocks) {
            boolean newSection = block.kind() == Block.Kind.HEADING
                    || !section.isEmpty() && !block.headings().equals(section.getFirst().headings());
            if (newSection && !section.isEmpty()) {
                packSection(section, splitter, drafts);
                section.clear();
            }
            section.add(block);
        }
        if (!section.isEmpty()) {
            packSection(section, splitter, drafts);
        }

        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            // A section whose only text is its heading adds nothing when a subsection follows:
            // the subsection's passages carry that heading in their path.
            if (draft.headingOnly() && i + 1 < drafts.size() && isWithin(drafts.get(i + 1).headings(), draft.headings())) {
                continue;
            }
            String passageText = text.substring(draft.from(), draft.to());
            if (passageText.isBlank()) {
                continue;
            }
            passages.add(new Passage(draft.headings(), document.lineOf(draft.from()), document.lineOf(draft.to() - 1),
                    passageText));
        }
        return passages;
    }

    private void packSection(List<Block> section, BlockSplitter splitter, List<Draft> drafts) {
        List<String> headings = section.getFirst().headings();
        List<Piece> current = new ArrayList<>();
        int sum = 0;
        for (Block block : section) {
            int limit = block.kind().keptWhole() ? WHOLE_BLOCK_FACTOR * targetTokens : targetTokens;
            for (Piece piece : splitter.split(block.kind(), block.from(), block.to(), limit)) {
                // A heading is never left alone at the end of a passage: it belongs with its text.
                if (sum + piece.tokens() > targetTokens && !headingsOnly(current)) {
                    drafts.add(Draft.of(headings, current));
                    current = overlapAfter(current, splitter);
                    sum = current.stream().mapToInt(Piece::tokens).sum();
                }
                current.add(piece);
                sum += piece.tokens();
            }
        }
        if (!current.isEmpty()) {
            drafts.add(Draft.of(headings, current));
        }
    }

    /**
     * The tail of a passage to repeat at the start of the next: whole pieces from the end while
     * they fit the budget, then trailing sentences of a prose piece. Never the whole passage
     * (the next one would contain it), never a heading, never part of code or a table.
     */
    private List<Piece> overlapAfter(List<Piece> previous, BlockSplitter splitter) {
        List<Piece> tail = new ArrayList<>();
        int budget = overlapTokens;
        for (int i = previous.size() - 1; i >= 0 && budget > 0; i--) {
            Piece piece = previous.get(i);
            if (piece.kind() == Block.Kind.HEADING) {
                break;
            }
            if (i > 0 && piece.tokens() <= budget) {
                tail.addFirst(piece);
                budget -= piece.tokens();
                continue;
            }
            if (!piece.kind().keptWhole()) {
                // Whole lines, so the passage still starts at a line start; sentences only when
                // the last line is a paragraph written on one line, where no whole line fits.
                int start = tailStart(piece, splitter, BlockSplitter.Cut.LINES, budget);
                if (start < 0 && lastLineLength(piece, splitter.text()) > LONG_LINE_CHARS) {
                    start = tailStart(piece, splitter, BlockSplitter.Cut.SENTENCES, budget);
                }
                if (start >= 0) {
                    tail.addFirst(new Piece(piece.kind(), start, piece.to(),
                            TokenCount.of(splitter.text(), start, piece.to())));
                }
            }
            break;
        }
        return tail;
    }

    /** Start of the longest run of trailing units, short of all of them, that fits the budget; -1 if none. */
    private static int tailStart(Piece piece, BlockSplitter splitter, BlockSplitter.Cut cut, int budget) {
        List<int[]> units = splitter.units(piece.from(), piece.to(), cut, 0);
        int start = -1;
        for (int j = units.size() - 1; j >= 1; j--) {
            int tokens = TokenCount.of(splitter.text(), units.get(j)[0], units.get(j)[1]);
            if (tokens > budget) {
                break;
            }
            start = units.get(j)[0];
            budget -= tokens;
        }
        return start;
    }

    private static int lastLineLength(Piece piece, String text) {
        return piece.to() - Math.max(piece.from(), text.lastIndexOf('\n', piece.to() - 1) + 1);
    }

    private static boolean headingsOnly(List<Piece> pieces) {
        return pieces.stream().allMatch(p -> p.kind() == Block.Kind.HEADING);
    }

    private static boolean isWithin(List<String> inner, List<String> outer) {
        return inner.size() > outer.size() && inner.subList(0, outer.size()).equals(outer);
    }

    /** A passage before its text is cut out. */
    private record Draft(List<String> headings, int from, int to, boolean headingOnly) {

        static Draft of(List<String> headings, List<Piece> pieces) {
            return new Draft(headings, pieces.getFirst().from(), pieces.getLast().to(), headingsOnly(pieces));
        }
    }
}

package org.labrador.ingest.chunking;

import java.util.List;

/**
 * A unit of document structure — a heading, a paragraph, a code block — as a range of
 * {@link DocumentText} offsets. Passages are cut only between blocks, unless one block alone is
 * too large for a passage.
 *
 * @param kind how the block may be cut
 * @param headings the heading path in force at the block; for a heading, it ends with the heading
 * @param from first character offset
 * @param to offset after the last character
 */
record Block(Kind kind, List<String> headings, int from, int to) {

    enum Kind {
        HEADING, PROSE, CODE, TABLE, MATH;

        /**
         * Code, tables and formulas lose their meaning when cut, so they stay whole up to several
         * times the target size and are then cut only at line boundaries.
         */
        boolean keptWhole() {
            return this == CODE || this == TABLE || this == MATH;
        }
    }

    Block {
        headings = List.copyOf(headings);
    }
}

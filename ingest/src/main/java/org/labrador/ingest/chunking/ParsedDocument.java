package org.labrador.ingest.chunking;

import java.util.List;

/**
 * What a format parser hands to the packer.
 *
 * @param title the title found in the document, or null when it has none
 * @param text the text the blocks point into
 * @param blocks non-blank blocks in document order, not overlapping
 */
record ParsedDocument(String title, DocumentText text, List<Block> blocks) {
}

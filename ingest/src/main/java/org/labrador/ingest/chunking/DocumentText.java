package org.labrador.ingest.chunking;

/**
 * The text that blocks and passages point into by character offset, and the source line each
 * offset came from. For source formats this is the source itself; for HTML it is the extracted
 * text, whose offsets map back to the lines of the markup.
 */
interface DocumentText {

    String text();

    /** The 1-based source line of the character at {@code offset}. */
    int lineOf(int offset);
}

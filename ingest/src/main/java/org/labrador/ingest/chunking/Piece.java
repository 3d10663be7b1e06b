package org.labrador.ingest.chunking;

/**
 * A block, or part of one, small enough to go into a passage: the unit the packer moves.
 *
 * @param kind the kind of the block it came from
 * @param from first character offset in the document text
 * @param to offset after the last character
 * @param tokens approximate token count
 */
record Piece(Block.Kind kind, int from, int to, int tokens) {
}

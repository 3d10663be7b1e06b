/**
 * Structure-aware chunking: cuts a Markdown, reStructuredText, HTML or plain-text document into
 * {@link org.labrador.ingest.chunking.Passage passages} of about a target size, each carrying its
 * heading path and the source lines it came from, for indexing and citation.
 *
 * <p>The path through the package reads in one direction: a per-format parser
 * ({@code MarkdownBlocks}, {@code RstBlocks}, {@code HtmlBlocks}, {@code PlainTextBlocks}) turns the
 * text into {@code Block}s with heading paths; {@code BlockSplitter} cuts blocks too large for one
 * passage; {@code PassagePacker} packs blocks into passages with overlap. {@link
 * org.labrador.ingest.chunking.DocumentChunker} is the one entry point.
 */
package org.labrador.ingest.chunking;

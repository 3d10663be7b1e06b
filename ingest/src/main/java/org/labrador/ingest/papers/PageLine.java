package org.labrador.ingest.papers;

/**
 * One line of text extracted from a PDF.
 *
 * @param text the line's text, without its line break
 * @param page the page it is on, 1-based
 */
record PageLine(String text, int page) {
}

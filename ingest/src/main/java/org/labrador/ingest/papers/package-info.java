/**
 * Papers as a knowledge source ({@link org.labrador.ingest.papers.PaperFolder}): PDFs read with
 * Apache PDFBox into sections with their page numbers, LaTeX sources read into sections with their
 * equations kept as LaTeX, and BibTeX files that name the papers' titles and authors.
 */
package org.labrador.ingest.papers;

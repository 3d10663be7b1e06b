package org.labrador.ingest.papers;

import java.io.IOException;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;

/**
 * The paper reader for PDFs that are not files of a paper folder: slides and papers fetched by a
 * web source (Indico attachments, arXiv full texts) are cut exactly like {@link PaperFolder} cuts
 * its PDFs, with the pages each passage comes from.
 */
public final class PdfPapers {

    private PdfPapers() {
    }

    /**
     * A PDF cut into passages with their pages, titled as the paper says.
     *
     * @param name  the file name, the title of last resort
     * @param pdf   the PDF's bytes
     * @throws IOException with a reason a person can act on ("encrypted PDF: needs a password",
     *     "no text layer", "corrupt PDF: …") when it cannot be read
     */
    public static ChunkedDocument read(String name, byte[] pdf, DocumentChunker chunker) throws IOException {
        try {
            return PdfPaper.read(name, pdf, chunker).document();
        } catch (UnreadablePaper e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}

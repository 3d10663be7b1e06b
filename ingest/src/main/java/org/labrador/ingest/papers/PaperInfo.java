package org.labrador.ingest.papers;

import java.util.List;

/**
 * What a paper says about itself.
 *
 * @param title    the paper's title, or empty when none was found
 * @param authors  the authors as written, or empty
 * @param arxivId  the arXiv identifier ({@code 0807.3577}, {@code hep-ph/0301001}), or empty
 * @param abstractText the abstract, or empty when the paper has no section headed "Abstract"
 */
public record PaperInfo(String title, List<String> authors, String arxivId, String abstractText) {

    public PaperInfo {
        title = title == null ? "" : title;
        authors = List.copyOf(authors);
        arxivId = arxivId == null ? "" : arxivId;
        abstractText = abstractText == null ? "" : abstractText;
    }
}

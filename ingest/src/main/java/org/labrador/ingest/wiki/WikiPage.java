package org.labrador.ingest.wiki;

import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.sync.SourceFile;

/**
 * The latest revision of one wiki page as read from its source.
 *
 * @param title      the page title as the wiki shows it, with spaces ("Drift chamber/Calibration")
 * @param namespace  the MediaWiki namespace number (0 for articles)
 * @param revisionId the revision's id, or 0 when unknown
 * @param timestamp  when the revision was saved (ISO-8601), or empty when unknown
 * @param wikitext   the revision's source text, or null when {@code skipReason} is set
 * @param skipReason why the page cannot be indexed (too large), or null
 */
public record WikiPage(String title, int namespace, long revisionId, String timestamp, String wikitext,
        String skipReason) {

    /** The page's document path: its title with spaces as underscores, as in MediaWiki URLs. */
    public String path() {
        return pathOf(title);
    }

    static String pathOf(String title) {
        return title.strip().replace(' ', '_');
    }

    /** Whether this revision is later than another of the same page: by timestamp, then revision id. */
    boolean newerThan(WikiPage other) {
        int byTime = timestamp.compareTo(other.timestamp);
        return byTime != 0 ? byTime > 0 : revisionId > other.revisionId;
    }

    /**
     * The page as a source hands it to the sync: skipped with its reason, or cut into sections (the
     * wikitext is converted to Markdown and cut along its headings), dated by this revision.
     */
    SourceFile toSourceFile(String path, DocumentChunker chunker) {
        if (skipReason != null) {
            return SourceFile.skipped(path, skipReason);
        }
        if (MediaWikiDump.isRedirect(wikitext)) {
            return SourceFile.skipped(path, "redirect");
        }
        ChunkedDocument cut = chunker.chunk(path + ".md", WikitextConverter.toMarkdown(wikitext));
        return SourceFile.chunked(path, wikitext, new ChunkedDocument(title, cut.passages()), timestamp);
    }
}

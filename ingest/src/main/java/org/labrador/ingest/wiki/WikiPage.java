package org.labrador.ingest.wiki;

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
}

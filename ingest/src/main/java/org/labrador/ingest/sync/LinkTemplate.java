package org.labrador.ingest.sync;

import org.labrador.retrieval.CitationLink;

/**
 * Builds the link a citation opens from a template with the placeholders {@code {source}},
 * {@code {commit}} (the indexed revision of a versioned source), {@code {path}}, {@code {start}}
 * and {@code {end}} (lines), {@code {page}} (first page of a paged document) and {@code {anchor}}
 * (the passage's section anchor, as {@link DocumentSource#anchor} spells it). Without a configured
 * template, citations open Labrador's own viewer at {@code /source/{source}/{path}?lines={start}-{end}}.
 * Links are web pages or pages of Labrador only: see {@link #isSafe} and {@link CitationLink}.
 */
public record LinkTemplate(String template) {

    public static final LinkTemplate VIEWER = new LinkTemplate("/source/{source}/{path}?lines={start}-{end}");

    public LinkTemplate {
        if (template == null || template.isBlank()) {
            template = VIEWER.template();
        }
    }

    /**
     * Whether a template makes only links that may reach readers: http(s) or relative to
     * Labrador (never {@code javascript:}, {@code data:}, {@code file:} or {@code //host}), for any
     * value of its placeholders. Blank means the viewer, which is safe.
     */
    public static boolean isSafe(String template) {
        if (template == null || template.isBlank()) {
            return true;
        }
        // The placeholders are filled with encoded text, so a sample filling shows what the template itself says.
        String sample = new LinkTemplate(template.strip()).link("source", "0123abcd", "dir/file.md", 1, 2, 1, "anchor");
        return CitationLink.isSafe(sample) && CitationLink.isSafe(template.strip());
    }

    public String link(String source, String revision, String path, int startLine, int endLine) {
        return link(source, revision, path, startLine, endLine, 0, "");
    }

    /**
     * A link that may also name a page and a section anchor (already encoded for a URL fragment).
     * Without an anchor (text before a wiki's first heading, an event page), a fragment that is
     * only {@code #{anchor}} is left out rather than left as a bare {@code #}.
     */
    public String link(String source, String revision, String path, int startLine, int endLine, int page, String anchor) {
        boolean noAnchor = anchor == null || anchor.isEmpty();
        String filled = noAnchor ? template.replaceAll("#\\{anchor}$", "") : template;
        return filled.replace("{source}", CitationLink.encodeSegments(source))
                .replace("{commit}", revision == null ? "" : revision)
                .replace("{path}", CitationLink.encodeSegments(path))
                .replace("{start}", Integer.toString(startLine))
                .replace("{end}", Integer.toString(endLine))
                .replace("{page}", Integer.toString(Math.max(page, 1)))
                .replace("{anchor}", noAnchor ? "" : anchor);
    }
}

/**
 * Wiki knowledge sources: a MediaWiki XML export ({@link org.labrador.ingest.wiki.MediaWikiExport}),
 * a live MediaWiki through its api.php ({@link org.labrador.ingest.wiki.MediaWikiApi}) and a DokuWiki
 * {@code data/pages} folder ({@link org.labrador.ingest.wiki.DokuWikiPages}). Each page is one
 * document; its wiki markup is turned into Markdown with the same line count, so passages cite the
 * page's own source lines, and each passage links to its section through the wiki's anchor.
 */
package org.labrador.ingest.wiki;

package org.labrador.ingest.wiki;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.labrador.ingest.chunking.Passage;

/** The URL fragments wikis give their sections, for links that open a passage's section. */
final class SectionAnchors {

    private SectionAnchors() {
    }

    /**
     * MediaWiki's anchor for a heading, as its default (HTML5) fragment mode makes it: blanks become
     * underscores and the text is otherwise kept; characters a URL fragment cannot hold (non-ASCII,
     * {@code %}, quotes, angle brackets) are percent-encoded as UTF-8, which is what a browser
     * sends for the same link. Empty for a passage before any heading.
     */
    static String mediaWiki(Passage passage) {
        List<String> headings = passage.headings();
        if (headings.isEmpty()) {
            return "";
        }
        String id = headings.getLast().strip().replaceAll("[\\s_]+", "_");
        StringBuilder out = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "%\"<>`#{}|\\^[]".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /**
     * DokuWiki's section id for a heading (its {@code sectionID()}): lower case, accents removed,
     * every run of other characters than letters and digits made one underscore, leading digits,
     * underscores and dashes dropped; "section" plus the heading's digits when nothing is left.
     */
    static String dokuWiki(Passage passage) {
        List<String> headings = passage.headings();
        return headings.isEmpty() ? "" : dokuWikiId(headings.getLast());
    }

    static String dokuWikiId(String heading) {
        String plain = Normalizer.normalize(heading, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        String id = plain.replaceAll("[:.]", "").replaceAll("[^\\p{L}\\p{N}_-]+", "_").replaceAll("_+", "_")
                .replaceAll("^[_-]+|[_-]+$", "");
        String trimmed = id.replaceFirst("^[0-9_-]+", "");
        return trimmed.isEmpty() ? "section" + id.replaceAll("[^0-9]", "") : trimmed;
    }
}

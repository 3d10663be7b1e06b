package org.labrador.ingest.twiki;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.labrador.ingest.chunking.Passage;

/**
 * The anchors TWiki and Foswiki give headings, for links that open a passage's section. Both are
 * read from their renderers (TWiki's {@code TWiki::Render::makeAnchorName}, Foswiki's
 * {@code Foswiki::Render::Anchors::make}); they differ in what becomes of punctuation.
 */
final class TwikiAnchors {

    private static final int TWIKI_MAX = 32;

    private TwikiAnchors() {
    }

    /** The anchor of a passage's innermost heading, or empty before any heading. */
    static String of(Passage passage, boolean foswiki) {
        List<String> headings = passage.headings();
        if (headings.isEmpty()) {
            return "";
        }
        String heading = headings.getLast();
        return foswiki ? foswiki(heading) : twiki(heading);
    }

    /**
     * TWiki: every run of characters other than ASCII letters and digits becomes one underscore
     * (the rule of a site in an ISO-8859 character set, and of the "compatible" anchor TWiki adds
     * beside every heading), no underscore at either end, at most 32 characters.
     */
    static String twiki(String heading) {
        String text = heading.replace("!!", "").replaceAll("<[^>]*>", "").replaceAll("&#?[a-zA-Z0-9]+;", "")
                .replace("&", "");
        String anchor = text.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+", "");
        if (anchor.length() > TWIKI_MAX) {
            anchor = anchor.substring(0, TWIKI_MAX);
        }
        return anchor.replaceAll("_+$", "");
    }

    /**
     * Foswiki: blanks become underscores; every byte that is not a letter, digit, {@code :},
     * {@code .} or {@code _} becomes {@code _} and its code in decimal; doubled underscores are
     * merged, none kept at either end, and an anchor that does not start with a letter gets
     * {@code A_} in front. Characters beyond Latin-1 are left out, as Foswiki does.
     */
    static String foswiki(String heading) {
        String text = heading.strip().replace("!!", "").replaceAll("<[^>]*>", "").replaceAll("&#?[a-zA-Z0-9]+;", "")
                .replaceAll("[^\\x00-\\xFF]", "").replaceAll("\\s+", "_");
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == ':' || c == '.' || c == '_')) {
                out.append((char) c);
            } else {
                out.append('_').append(String.format("%02d", c));
            }
        }
        String anchor = out.toString().replace("__", "_").replaceAll("^_+", "").replaceAll("_+$", "");
        return anchor.matches("^[A-Za-z].*") ? anchor : "A_" + anchor;
    }
}

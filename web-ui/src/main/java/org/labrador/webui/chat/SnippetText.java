package org.labrador.webui.chat;

import java.util.regex.Pattern;

/**
 * A snippet as a reader reads it under a citation: the source's Markdown and reStructuredText marks
 * taken out ({@code ## Heading}, {@code `code`}, {@code [text](url)}, emphasis, list bullets, table
 * rules, {@code .. code-block::}), the text kept. A {@code >} stays: joined into one line, a quote
 * cannot be told from a comparison. The index cuts a snippet from a passage and joins its
 * lines, so the marks are matched anywhere in the line, not at line starts; the {@code **term**} marks
 * of the matched words are kept for {@link CitationList} to highlight.
 */
final class SnippetText {

    private static final Pattern FENCE = Pattern.compile("(```|~~~)[\\w+-]*");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)](?:\\([^)]*\\)|\\[[^\\]]*])");
    private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]+)>");
    /** reStructuredText's directives, a code block's with its language ({@code .. code-block:: python}). */
    private static final Pattern DIRECTIVE = Pattern.compile("(^|\\s)\\.\\.\\s+(?:(?:code-block|code|sourcecode)::\\s+[\\w+-]+|[\\w-]+::)");
    private static final Pattern ROLE = Pattern.compile(":[\\w-]+:(?=`)");
    /** Heading marks ({@code ## Title ##}), Setext and reStructuredText underlines, table rules. */
    private static final Pattern RULE = Pattern.compile("(^|\\s)(?:#{1,6}|[=\\-~^*_+:|]{3,})(?=\\s|$)");
    private static final Pattern BULLET = Pattern.compile("(^|\\s)[*+](?=\\s)");
    private static final Pattern STRONG_UNDERSCORE = Pattern.compile("(?<![\\w_])__([^_\\s](?:[^_]*?[^_\\s])?)__(?![\\w_])");
    private static final Pattern EMPHASIS_STAR = Pattern.compile("(?<![\\w*])\\*([^*\\s](?:[^*]*?[^*\\s])?)\\*(?![\\w*])");
    private static final Pattern EMPHASIS_UNDERSCORE = Pattern.compile("(?<![\\w_])_([^_\\s](?:[^_]*?[^_\\s])?)_(?![\\w_])");
    private static final Pattern PIPES = Pattern.compile("\\s*\\|(?:\\s*\\|)*\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SnippetText() {
    }

    /** The snippet without its markup, on one line; matched terms still marked {@code **term**}. */
    static String plain(String snippet) {
        if (snippet == null) {
            return "";
        }
        String text = FENCE.matcher(snippet).replaceAll(" ");
        text = IMAGE.matcher(text).replaceAll("$1");
        text = LINK.matcher(text).replaceAll("$1");
        text = AUTOLINK.matcher(text).replaceAll("$1");
        text = DIRECTIVE.matcher(text).replaceAll("$1");
        text = ROLE.matcher(text).replaceAll("");
        text = text.replace("`", "");
        text = RULE.matcher(text).replaceAll("$1");
        text = BULLET.matcher(text).replaceAll("$1·");
        text = STRONG_UNDERSCORE.matcher(text).replaceAll("$1");
        text = EMPHASIS_STAR.matcher(text).replaceAll("$1");
        text = EMPHASIS_UNDERSCORE.matcher(text).replaceAll("$1");
        text = PIPES.matcher(text).replaceAll(" | ");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        // A table's outer pipes, and a bullet or pipe left at either end by the cut, say nothing.
        return text.replaceAll("^(?:[|·] )+", "").replaceAll("(?: [|·])+$", "");
    }
}

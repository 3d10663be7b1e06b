package org.labrador.ingest.chunking;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a document into passages of about {@code targetTokens} tokens along its structure.
 *
 * <p>The format follows the file extension: Markdown ({@code .md}, {@code .markdown}),
 * reStructuredText ({@code .rst}), HTML ({@code .html}, {@code .htm}) and plain text
 * ({@code .txt}); see {@link #supports}. A heading always starts a new passage, and every passage
 * carries the path of headings above it. Within a section, consecutive passages share up to
 * {@code overlapTokens} tokens: the last lines or sentences of one open the next. Code blocks,
 * tables and display formulas are never cut unless one alone is over four times the target, and
 * then only between lines. Token counts are approximate (see {@code TokenCount}): about 1.3 per
 * English word.
 *
 * <p>Never throws on malformed text: whatever the parser cannot make sense of is read as prose.
 * Instances are immutable and safe to share between threads.
 */
public final class DocumentChunker {

    private static final Logger log = LoggerFactory.getLogger(DocumentChunker.class);
    private static final List<String> MARKDOWN = List.of(".md", ".markdown");
    private static final List<String> RST = List.of(".rst");
    private static final List<String> HTML = List.of(".html", ".htm");
    private static final List<String> TEXT = List.of(".txt");

    private final PassagePacker packer;

    /**
     * @param targetTokens the size passages are packed to, in approximate tokens (the app uses 350)
     * @param overlapTokens how much of a passage is repeated at the start of the next one in the
     *     same section (the app uses 40), capped at half the target; 0 for none
     */
    public DocumentChunker(int targetTokens, int overlapTokens) {
        if (targetTokens < 1 || overlapTokens < 0) {
            throw new IllegalArgumentException(
                    "need targetTokens >= 1 and overlapTokens >= 0, got " + targetTokens + " and " + overlapTokens);
        }
        this.packer = new PassagePacker(targetTokens, Math.min(overlapTokens, targetTokens / 2));
    }

    /** Whether the file's extension is one this chunker reads (case-insensitive). */
    public static boolean supports(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return endsWithAny(lower, MARKDOWN) || endsWithAny(lower, RST) || endsWithAny(lower, HTML)
                || endsWithAny(lower, TEXT);
    }

    /**
     * Cuts a document into passages.
     *
     * @param path the document's path with forward slashes; its extension picks the format
     *     (unknown extensions are read as plain text) and its file name is the title of last resort
     * @param content the document text
     */
    public ChunkedDocument chunk(String path, String content) {
        ParsedDocument parsed;
        try {
            parsed = parse(path.toLowerCase(Locale.ROOT), content);
        } catch (RuntimeException e) {
            // A document the structure parser trips over is still worth indexing as plain text.
            log.warn("Could not read the structure of {}; chunking it as plain text", path, e);
            parsed = PlainTextBlocks.parse(content);
        }
        String title = parsed.title() == null || parsed.title().isBlank() ? fileTitle(path) : parsed.title();
        return new ChunkedDocument(title, packer.pack(parsed.text(), parsed.blocks()));
    }

    private static ParsedDocument parse(String lowerPath, String content) {
        if (endsWithAny(lowerPath, MARKDOWN)) {
            return MarkdownBlocks.parse(content);
        } else if (endsWithAny(lowerPath, RST)) {
            return RstBlocks.parse(content);
        } else if (endsWithAny(lowerPath, HTML)) {
            return HtmlBlocks.parse(content);
        }
        return PlainTextBlocks.parse(content);
    }

    /** The file name without its extension: "docs/Drift Chamber.md" is titled "Drift Chamber". */
    private static String fileTitle(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static boolean endsWithAny(String lowerPath, List<String> extensions) {
        return extensions.stream().anyMatch(lowerPath::endsWith);
    }
}

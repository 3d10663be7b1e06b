package org.labrador.ingest.sync;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.labrador.ingest.chunking.ChunkedDocument;

/**
 * One document as read from its source: its text, or the reason it was skipped.
 *
 * <p>Most sources hand over text, which {@link SourceSync} cuts by the path's extension. Sources
 * with formats of their own (wiki pages, PDFs) cut the document themselves and hand over the
 * passages in {@code document}; {@code text} is then what identifies the content (the page source,
 * or a digest of the file) so that an unchanged document is not cut again.
 *
 * @param path       path inside the source
 * @param text       the decoded text, or null when skipped
 * @param skipReason why the document cannot be indexed, or null
 * @param document   the document already cut into passages by its source, or null
 * @param modified   when the document last changed at its source (ISO-8601), or empty when unknown
 */
public record SourceFile(String path, String text, String skipReason, ChunkedDocument document, String modified) {

    public SourceFile {
        modified = modified == null ? "" : modified;
    }

    public static SourceFile text(String path, String text) {
        return new SourceFile(path, text, null, null, "");
    }

    public static SourceFile skipped(String path, String reason) {
        return new SourceFile(path, null, reason, null, "");
    }

    /**
     * A document its source has cut itself.
     *
     * @param content  what identifies the content, hashed to tell whether it changed
     * @param modified when it last changed (ISO-8601), or empty
     */
    public static SourceFile chunked(String path, String content, ChunkedDocument document, String modified) {
        return new SourceFile(path, content, null, java.util.Objects.requireNonNull(document, "document"), modified);
    }

    /** How many leading bytes are checked for NUL, the mark of a binary file. */
    private static final int BINARY_PROBE = 8192;

    /** The text of a file's bytes: binary (a NUL byte near the start) and invalid UTF-8 are skipped. */
    public static SourceFile decode(String path, byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE); i++) {
            if (bytes[i] == 0) {
                return skipped(path, "binary content (NUL byte at offset " + i + ")");
            }
        }
        try {
            return text(path, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return skipped(path, "not valid UTF-8 text");
        }
    }

    public boolean isSkipped() {
        return skipReason != null;
    }
}

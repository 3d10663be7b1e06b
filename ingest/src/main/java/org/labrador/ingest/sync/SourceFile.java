package org.labrador.ingest.sync;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One document as read from its source: its text, or the reason it was skipped.
 *
 * @param path       path inside the source
 * @param text       the decoded text, or null when skipped
 * @param skipReason why the document cannot be indexed, or null
 */
public record SourceFile(String path, String text, String skipReason) {

    public static SourceFile text(String path, String text) {
        return new SourceFile(path, text, null);
    }

    public static SourceFile skipped(String path, String reason) {
        return new SourceFile(path, null, reason);
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

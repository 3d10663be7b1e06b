package org.labrador.ingest.sync;

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

    public boolean isSkipped() {
        return skipReason != null;
    }
}

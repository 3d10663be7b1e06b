package org.labrador.ingest.git;

import org.labrador.ingest.sync.SyncReport;

/**
 * A path of the repository left out of the index.
 *
 * @param path   the file's path, or a folder's path ending in {@code /} when the whole folder is skipped
 * @param kind   the kind of reason, for counting
 * @param reason the reason in words, for the status page
 */
public record Exclusion(String path, SkipKind kind, String reason) {

    public SyncReport.Skipped toSkipped() {
        return new SyncReport.Skipped(path, reason);
    }
}

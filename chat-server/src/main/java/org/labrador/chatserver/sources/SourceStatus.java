package org.labrador.chatserver.sources;

import java.time.Instant;
import java.util.List;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.ingest.sync.SyncReport;

/**
 * A source as curators see it, and as {@code GET /api/v1/sources} returns it.
 *
 * @param definition how the source is configured (never a token: only the name of its variable)
 * @param origin     {@code config} (declared in a configuration file: edit it there) or {@code ui}
 * @param location   the folder or repository, with any credentials removed
 * @param state      {@code idle} (synced, or never when {@code lastSync} is null), {@code queued} (waits for
 *                   another source's sync), {@code syncing}, {@code error} (the last sync failed:
 *                   {@code error} says why), or {@code damaged} (the index: {@code error} says how to recover)
 * @param progress   the running sync's progress (0..1), or null
 * @param currentFile the file the running sync is reading, or null
 * @param error      why the last sync failed, or why the index is damaged and how to recover, or null
 * @param documents  documents in the index
 * @param chunks     passages in the index
 * @param revision   the indexed commit of a Git source, or empty
 * @param lastSync   when the last sync finished, or null
 * @param lastReport what the last sync did (files, skipped files with reasons), or null
 */
public record SourceStatus(Source definition, String origin, String location, String state, Double progress,
                           String currentFile, String error, long documents, long chunks, String revision,
                           Instant lastSync, SyncReport lastReport) {

    /**
     * This status without the source's file paths (the file being read, the skipped files), for a
     * curator outside the source's groups: they manage the source but do not read it.
     */
    public SourceStatus withoutPaths() {
        return new SourceStatus(definition, origin, location, state, progress, null, error, documents, chunks, revision,
                lastSync, null);
    }

    /** The files the last sync skipped, with the reason for each. */
    public List<SyncReport.Skipped> skipped() {
        return lastReport == null ? List.of() : lastReport.skipped();
    }

    /** What the last sync asks a curator to act on although it succeeded (a private channel left out of a source without groups). */
    public List<String> warnings() {
        return lastReport == null ? List.of() : lastReport.warnings();
    }
}

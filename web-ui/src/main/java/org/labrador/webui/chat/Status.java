package org.labrador.webui.chat;

import java.time.Instant;
import java.util.List;

/**
 * The status line of the chat page.
 *
 * @param documents     documents in the index
 * @param chunks        chunks in the index
 * @param lastSync      end of the last completed sync, or null if none yet
 * @param syncing       whether a sync is running now
 * @param syncProgress  fraction of files done in the running sync, 0..1
 * @param model         name of the configured chat model
 * @param modelReady    whether the model answered its last health check
 * @param modelNotice   what to do when the model is not ready (empty when it is)
 * @param sourceProblems one line per source whose last sync failed, with the reason
 */
public record Status(long documents, long chunks, Instant lastSync, boolean syncing, double syncProgress,
                     String model, boolean modelReady, String modelNotice, List<String> sourceProblems) {

    public Status {
        sourceProblems = sourceProblems == null ? List.of() : List.copyOf(sourceProblems);
    }

    /** A status with no failed source. */
    public Status(long documents, long chunks, Instant lastSync, boolean syncing, double syncProgress,
                  String model, boolean modelReady, String modelNotice) {
        this(documents, chunks, lastSync, syncing, syncProgress, model, modelReady, modelNotice, List.of());
    }
}

package org.labrador.ingest.sync;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A source with revisions, such as a Git repository: it can tell which documents changed since
 * a revision, so a sync reads only those instead of every document.
 */
public interface VersionedSource extends DocumentSource {

    /** Brings the source up to date (a fetch) and returns its current revision. */
    String update() throws IOException;

    /**
     * Paths added, modified or deleted between {@code revision} and the current revision, or empty
     * when that cannot be told (an unknown revision after a force push): then every document is compared.
     */
    Optional<Set<String>> changedSince(String revision);
}

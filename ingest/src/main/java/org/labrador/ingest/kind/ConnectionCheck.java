package org.labrador.ingest.kind;

/**
 * What "test connection" found: the source could be read, and how many documents it holds.
 *
 * @param documents the documents a sync would read
 * @param message   one line for the curator, such as "reachable: 40 documents at commit 1a2b3c"
 */
public record ConnectionCheck(int documents, String message) {
}

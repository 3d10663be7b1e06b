package org.labrador.retrieval;

/** Size of the index as seen by the current searcher. */
public record IndexStats(long documents, long chunks, long sizeOnDiskBytes) {
}

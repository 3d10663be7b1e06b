package org.labrador.retrieval;

import java.util.Locale;

/** How a search lists the passages it found. */
public enum SearchOrder {
    /**
     * The best passage of each document first, as an answer chooses them, then the documents'
     * further passages: the first six of a hybrid search are the documents an answer gets.
     */
    DOCUMENTS,
    /** By score alone, so that several passages of one document may come in a row. */
    SCORE;

    /** Parses {@code documents} or {@code score}, in any case. */
    public static SearchOrder parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown order '" + name + "': use documents or score");
        }
    }
}

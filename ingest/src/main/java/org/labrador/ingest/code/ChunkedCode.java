package org.labrador.ingest.code;

import java.util.List;

/**
 * A source file cut along its structure.
 *
 * @param title the file name, e.g. {@code peak_basics.py}
 * @param language the language name as answered by {@link CodeChunker#language}, or {@code text}
 *     for files read as plain lines
 * @param passages the passages in file order; empty for a file with no text
 */
public record ChunkedCode(String title, String language, List<CodePassage> passages) {

    public ChunkedCode {
        passages = List.copyOf(passages);
    }
}

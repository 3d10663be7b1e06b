package org.labrador.ingest.code;

import java.util.List;
import org.labrador.ingest.chunking.Passage;

/**
 * A chunk of source code: the passage plus what a code search needs.
 *
 * <p>For source and config files, {@code passage.text()} is exactly the source lines
 * {@code startLine..endLine} (line endings normalised to {@code \n}, a byte-order mark dropped).
 * For notebooks it is the cell source, and the lines are those of the {@code .ipynb} file where
 * the cell's {@code "source"} is written.
 *
 * @param passage the text, its source lines and the path of enclosing names (module first)
 * @param language the language name as answered by {@link CodeChunker#language}
 * @param qualifiedName the headings joined with dots, e.g. {@code peak_basics.PeakBasics.compute};
 *     just the module name for module-level code
 * @param definedSymbols the names this passage defines (functions, classes, methods, top-level
 *     constants, macros, config keys), for exact symbol lookup; no duplicates, in source order
 */
public record CodePassage(Passage passage, String language, String qualifiedName, List<String> definedSymbols) {

    public CodePassage {
        definedSymbols = List.copyOf(definedSymbols);
    }
}

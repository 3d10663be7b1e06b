package org.labrador.ingest.code;

import java.util.List;

/**
 * What a language reader found in a file: its definitions, its other defined names, and for each
 * line the structural depth at which a passage may be cut just before it.
 *
 * @param definitions top-level definitions in order, nested ones as their children
 * @param symbols names defined by statements
 * @param depth per line: {@link #INSIDE} if the line continues a statement, string or comment
 *     (never cut before it), {@link #BLANK} for an empty line outside any string, otherwise the
 *     nesting depth of the statement it starts (indentation for Python, brace depth for C-like code)
 */
record Outline(List<Definition> definitions, List<Symbol> symbols, int[] depth) {

    static final int INSIDE = -1;
    static final int BLANK = Integer.MAX_VALUE;

    Outline {
        definitions = List.copyOf(definitions);
        symbols = List.copyOf(symbols);
    }

    /** An outline with no structure: every line is its own statement at depth 0. */
    static Outline flat(CodeLines lines) {
        int[] depth = new int[lines.count()];
        for (int i = 0; i < depth.length; i++) {
            depth[i] = lines.isBlank(i) ? BLANK : 0;
        }
        return new Outline(List.of(), List.of(), depth);
    }
}

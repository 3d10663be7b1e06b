package org.labrador.ingest.code;

import java.util.List;

/**
 * A named piece of source structure: a function, class, namespace or config section, with the
 * 0-based lines it spans and the definitions nested in it.
 *
 * @param name the name as written, e.g. {@code compute}, {@code Foo::bar}, {@code tool.ruff}
 * @param kind what it is; it decides whether the packer may keep it whole
 * @param start first line, including decorators, annotations and leading doc comments
 * @param nameLine the line where the name is written; a passage holding it defines the name
 * @param bodyStart the first line after the signature (may be past {@code end} for one-liners)
 * @param end last line, inclusive
 * @param children nested definitions, in order, inside {@code bodyStart..end}
 */
record Definition(String name, Kind kind, int start, int nameLine, int bodyStart, int end, List<Definition> children) {

    enum Kind {
        /** A function or method: kept whole unless too large, then cut between statements. */
        FUNCTION,
        /** A class, struct, interface or enum: kept whole unless too large, then cut into members. */
        TYPE,
        /** A namespace or {@code extern "C"} block: never a passage of its own, only a heading. */
        NAMESPACE,
        /** A config key or section: small neighbours are packed together up to the target. */
        SECTION
    }

    Definition {
        children = List.copyOf(children);
    }

    Definition withChildren(List<Definition> newChildren) {
        return new Definition(name, kind, start, nameLine, bodyStart, end, newChildren);
    }
}

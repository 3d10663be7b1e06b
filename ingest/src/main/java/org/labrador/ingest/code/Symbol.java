package org.labrador.ingest.code;

/**
 * A name defined by a statement rather than a block: a module-level constant, a macro, a type
 * alias. The passage holding {@code line} (0-based) lists it among its defined symbols.
 */
record Symbol(String name, int line) {
}

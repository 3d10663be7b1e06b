package org.labrador.ingest.git;

/** Why a file of a repository is left out of the index, by kind, so a status can count them. */
public enum SkipKind {
    /** Matched one of the source's exclude patterns. */
    EXCLUDED_BY_PATTERN,
    /** Third-party or generated: a vendored folder, minified code, or marked so in .gitattributes. */
    VENDORED_OR_GENERATED,
    /** Binary by its file type (images, archives, compiled objects). */
    BINARY,
    /** A text file of a type that is not indexed (data tables, lock files, ...), a link or a submodule. */
    OTHER_TYPE,
    /** Larger than the source's size limit. */
    OVERSIZED
}

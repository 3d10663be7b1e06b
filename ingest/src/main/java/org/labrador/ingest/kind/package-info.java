/**
 * What a kind of source is, so that a new kind is one package and one registration: a
 * {@link org.labrador.ingest.kind.SourceKind} describes its settings (names, types, help text),
 * checks them, opens a reader for them ({@link org.labrador.ingest.sync.DocumentSource}), tests a
 * connection and says how citations link; {@link org.labrador.ingest.kind.SourceKinds} finds the
 * installed kinds. The application builds its configuration, database rows, API and form from
 * the description and never names a kind.
 */
package org.labrador.ingest.kind;

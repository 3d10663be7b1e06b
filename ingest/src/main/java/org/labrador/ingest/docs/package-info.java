/**
 * A folder of documents as a knowledge source: the kind {@code docs} ({@link org.labrador.ingest.docs.DocsKind})
 * and its reader ({@link org.labrador.ingest.docs.DocsFolder}).
 */
package org.labrador.ingest.docs;

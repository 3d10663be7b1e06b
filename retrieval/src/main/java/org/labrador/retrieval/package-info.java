/**
 * The Lucene index of chunks: BM25 over text, title and headings and HNSW vectors in one index,
 * hybrid search by reciprocal rank fusion, snippets with the matched terms.
 * {@link org.labrador.retrieval.ChunkIndex} owns the files; {@link org.labrador.retrieval.Retriever}
 * answers queries as typed.
 */
package org.labrador.retrieval;

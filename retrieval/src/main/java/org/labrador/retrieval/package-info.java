/**
 * The Lucene index of chunks: BM25 over text, title, headings, identifier and path words and HNSW
 * vectors in one index, hybrid search by fusing the two sides' normalised scores, snippets with the
 * matched terms. {@link org.labrador.retrieval.ChunkIndex} owns the files;
 * {@link org.labrador.retrieval.Retriever} answers queries as typed;
 * {@link org.labrador.retrieval.RetrievalPipeline} is what answers, the search API, the IDE and
 * eval go through: it also chooses an answer's passages and decides whether the sources cover a
 * question.
 */
package org.labrador.retrieval;

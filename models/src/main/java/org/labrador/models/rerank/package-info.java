/**
 * Cross-encoder reranking by a model server: {@link org.labrador.models.rerank.RerankServer} speaks the
 * {@code /rerank} protocol of llama.cpp's server, vLLM, Infinity and Jina (a query and its candidate passages
 * in, one relevance score per passage out), as LangChain4j's {@code ScoringModel}.
 */
package org.labrador.models.rerank;

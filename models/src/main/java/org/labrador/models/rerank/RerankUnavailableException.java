package org.labrador.models.rerank;

/**
 * The reranker could not score a question's passages: its server is down, too slow, refused, or answered
 * something that is not a score for each passage. The message names the fix. Unchecked because LangChain4j's
 * {@code ScoringModel} declares none; the retrieval pipeline catches it and keeps the fused order.
 */
public class RerankUnavailableException extends RuntimeException {

    public RerankUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

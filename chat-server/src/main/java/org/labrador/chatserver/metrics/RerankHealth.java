package org.labrador.chatserver.metrics;

import org.labrador.retrieval.Reranking;
import org.labrador.retrieval.RetrievalPipeline;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code reranker} part of {@code /actuator/health}, with {@code labrador.rerank.base-url} set: whether the
 * reranker answered its last call. Like the chat model, apart from readiness: without it questions go on in
 * their search order, so it is {@value ModelHealth#DEGRADED} (503 on {@code /actuator/health/reranker}, the
 * overall status stays UP) after a failure, until a call succeeds again.
 */
@Component("reranker")
@ConditionalOnProperty("labrador.rerank.base-url")
class RerankHealth implements HealthIndicator {

    private final Reranking reranking;

    RerankHealth(RetrievalPipeline pipeline) {
        this.reranking = pipeline.reranking();
    }

    @Override
    public Health health() {
        Health.Builder health = !reranking.enabled() ? Health.unknown()
                : reranking.healthy() ? Health.up() : Health.status(ModelHealth.DEGRADED);
        return health.withDetail("reranker", reranking.toString())
                .withDetail("failedCalls", reranking.failures())
                .withDetail("questionsInSearchOrder", reranking.skipped())
                .build();
    }
}

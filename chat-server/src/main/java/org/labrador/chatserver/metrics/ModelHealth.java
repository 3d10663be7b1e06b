package org.labrador.chatserver.metrics;

import org.labrador.models.ChatModel;
import org.labrador.models.ollama.ModelStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code model} part of {@code /actuator/health}: whether the chat model answers. Reported apart
 * from readiness on purpose: without a model the chat still answers with passages, so a load balancer
 * should keep sending traffic. A model that does not answer is {@value #DEGRADED}, which leaves the
 * server's overall status UP; {@code /actuator/health/model} answers 503 then, for an operator's alert.
 */
@Component("model")
class ModelHealth implements HealthIndicator {

    /** The server answers, but with passages only (ordered after UP in application.properties). */
    static final String DEGRADED = "DEGRADED";

    private final ChatModel chat;

    ModelHealth(ChatModel chat) {
        this.chat = chat;
    }

    @Override
    public Health health() {
        ModelStatus status = chat.status();
        Health.Builder health = status.ready() ? Health.up() : Health.status(DEGRADED);
        health.withDetail("model", status.model()).withDetail("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
        if (!status.version().isEmpty()) {
            health.withDetail("version", status.version());
        }
        return health.build();
    }
}

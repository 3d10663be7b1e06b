package org.labrador.chatserver.sources;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The server's readiness (Spring Boot's {@link ReadinessState}) while the index is damaged: refusing
 * traffic, so that a probe or load balancer sees it. Kept apart from {@link SyncService}, with no
 * dependency, so that listening for readiness never opens the index (the account commands must not).
 * Also the {@code index} part of {@code /actuator/health/readiness}, which says why (details for admins).
 */
@Component("index")
public class IndexReadiness implements HealthIndicator {

    private final ApplicationEventPublisher events;
    private volatile boolean damaged;

    public IndexReadiness(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** The index was found damaged: refuse traffic from now on. */
    void damaged() {
        damaged = true;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    }

    @Override
    public Health health() {
        return damaged
                ? Health.outOfService().withDetail("index", "damaged: see the Sources page; restore data/ from a backup, "
                        + "or stop the server and run 'labrador index rebuild'").build()
                : Health.up().build();
    }

    /** Spring Boot declares the server ready after the start, maybe after the check found damage: not while it lasts. */
    @EventListener
    void keepRefusingWhileDamaged(AvailabilityChangeEvent<ReadinessState> event) {
        if (damaged && event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        }
    }
}

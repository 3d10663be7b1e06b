package org.labrador.chatserver.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The meters of one model in one use ({@code chat} or {@code completion}):
 * <ul>
 *   <li>{@code labrador.model.requests} (timer, by outcome: ok, cancelled, error): the whole call;</li>
 *   <li>{@code labrador.model.first.token} (timer): from the request to the first piece of text;</li>
 *   <li>{@code labrador.model.tokens.per.second} (summary): generation speed after the first token;</li>
 *   <li>{@code labrador.model.prompt.tokens} (summary): the prompt's tokens, as the model reports reading them;</li>
 *   <li>{@code labrador.model.requests.active} (gauge): calls waiting for or streaming from the model now.</li>
 * </ul>
 */
final class ModelMeters {

    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicInteger active = new AtomicInteger();

    /** Made once per use and model by {@link LabradorMeters#model}: the gauge holds this one's counter. */
    ModelMeters(MeterRegistry registry, String use, String model) {
        this.registry = registry;
        this.tags = Tags.of("use", use, "model", model);
        registry.gauge("labrador.model.requests.active", tags, active);
    }

    Call start() {
        active.incrementAndGet();
        return new Call(System.nanoTime());
    }

    /** One call in progress. */
    final class Call {
        private final long started;
        private volatile long firstToken;
        private volatile long pieces;

        private Call(long started) {
            this.started = started;
        }

        /** {@code onToken}, noting when the first piece came and how many came. */
        Consumer<String> counting(Consumer<String> onToken) {
            return piece -> {
                if (firstToken == 0) {
                    firstToken = System.nanoTime();
                    Timer.builder("labrador.model.first.token").description("Time from the request to the model's first text")
                            .tags(tags).publishPercentileHistogram().register(registry)
                            .record(firstToken - started, TimeUnit.NANOSECONDS);
                }
                pieces++;
                onToken.accept(piece);
            };
        }

        /** The model read a prompt of {@code tokens} tokens (nothing is recorded for 0: not reported). */
        void promptRead(long tokens) {
            if (tokens > 0) {
                DistributionSummary.builder("labrador.model.prompt.tokens")
                        .description("Tokens of the prompt, as the model reports reading them").baseUnit("tokens").tags(tags)
                        .register(registry).record(tokens);
            }
        }

        /** @param tokens the tokens the model reported generating; 0 to count the streamed pieces instead */
        void finished(String outcome, long tokens) {
            long now = System.nanoTime();
            active.decrementAndGet();
            Timer.builder("labrador.model.requests").description("Calls of the model, from request to last token")
                    .tags(tags).tag("outcome", outcome).publishPercentileHistogram().register(registry)
                    .record(now - started, TimeUnit.NANOSECONDS);
            long generated = tokens > 0 ? tokens : pieces;
            long streaming = firstToken == 0 ? 0 : now - firstToken;
            if ("ok".equals(outcome) && generated > 1 && streaming > 0) {
                DistributionSummary.builder("labrador.model.tokens.per.second")
                        .description("Generation speed after the first token").baseUnit("tokens").tags(tags)
                        .register(registry).record(generated * 1e9 / streaming);
            }
        }
    }
}

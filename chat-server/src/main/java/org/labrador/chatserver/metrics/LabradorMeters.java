package org.labrador.chatserver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.labrador.models.ChatModel;
import org.labrador.models.TextGenerator;
import org.labrador.retrieval.Reranking;
import org.labrador.retrieval.Retriever;
import org.springframework.stereotype.Component;

/**
 * Labrador's own meters, beside those Spring Boot registers (HTTP requests, JVM, database pool):
 * <ul>
 *   <li>{@code labrador.ask} (timer, by stage: retrieval, generation, total): answering a question;</li>
 *   <li>{@code labrador.search} (timer, by mode: bm25, vector, hybrid): one search, embedding the query included;</li>
 *   <li>{@code labrador.sync} (timer, by source and outcome: ok, failed) and {@code labrador.sync.failures}
 *       (counter, by source);</li>
 *   <li>{@code labrador.rerank.failures} and {@code labrador.rerank.skipped} (counters), with a reranker: its calls
 *       that failed, and the questions left in search order in the pause after a failure;</li>
 *   <li>the model meters of {@link ModelMeters}.</li>
 * </ul>
 * Tags hold only names an administrator configured (sources, models, modes), never user input.
 */
@Component
public class LabradorMeters {

    private final MeterRegistry registry;
    private final Map<String, ModelMeters> models = new ConcurrentHashMap<>();

    public LabradorMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code model}, recording each call in the model meters. */
    public ChatModel metered(ChatModel model) {
        return model instanceof MeteredChatModel ? model : new MeteredChatModel(model, this);
    }

    /** {@code generator}, recording each completion in the model meters. */
    public TextGenerator metered(TextGenerator generator) {
        return generator instanceof MeteredTextGenerator ? generator : new MeteredTextGenerator(generator, this);
    }

    ModelMeters model(String use, String model) {
        return models.computeIfAbsent(use + "\u0000" + model, k -> new ModelMeters(registry, use, model));
    }

    /** Records searches in {@code labrador.search}, for the application's {@link Retriever}. */
    public Retriever.SearchTimings searchTimings() {
        return (mode, nanos) -> timer("labrador.search", "One search, embedding the query included", "mode",
                mode.name().toLowerCase(java.util.Locale.ROOT)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @param stage retrieval, generation or total */
    public void asked(String stage, Duration took) {
        timer("labrador.ask", "Answering a question, by stage", "stage", stage).record(took);
    }

    /** @param failed whether the sync ended with an error (documents that could not be read do not count) */
    public void synced(String source, Duration took, boolean failed) {
        Timer.builder("labrador.sync").description("Syncs of a source").tag("source", source)
                .tag("outcome", failed ? "failed" : "ok").register(registry).record(took);
        if (failed) {
            Counter.builder("labrador.sync.failures").description("Syncs of a source that failed").tag("source", source)
                    .register(registry).increment();
        }
    }

    /** Counts the failures of the pipeline's reranker, if it has one. */
    public void watch(Reranking reranking) {
        if (reranking.enabled()) {
            FunctionCounter.builder("labrador.rerank.failures", reranking, Reranking::failures)
                    .description("Calls to the reranker that failed (the search order stood)").register(registry);
            FunctionCounter.builder("labrador.rerank.skipped", reranking, Reranking::skipped)
                    .description("Questions left in search order in the pause after a reranker failure").register(registry);
        }
    }

    private Timer timer(String name, String description, String tag, String value) {
        return Timer.builder(name).description(description).tag(tag, value).publishPercentileHistogram()
                .register(registry);
    }
}

package org.labrador.models.ollama;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.labrador.models.BoundedHttp;
import org.labrador.models.EmbeddingUnavailableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An embedding model served by Ollama ({@code POST /api/embed}), for sites that run one: passages
 * are sent {@value #BATCH} at a time, and every vector comes back with unit length (Ollama
 * normalises; this class does too, so that the index's dot product stays a cosine).
 *
 * <p>The second call of the package that does not go through ollama4j (with {@link OllamaModelInfo}):
 * ollama4j 1.1.6 sends {@code /api/embed} with a new HTTP client and no time limit, so a server that
 * hangs would hold a question or a sync forever. Here every request has the configured limit, its answer's
 * body included ({@link BoundedHttp}).
 *
 * <p>When the server is unreachable, too slow or lacks the model, the failure is an
 * {@link EmbeddingUnavailableException} whose message is the fix (a search then goes on by
 * keywords, a sync stops and loses nothing); any other refusal (one text it cannot embed) is an
 * {@link IllegalStateException}, so that a sync skips that document and goes on. Unchecked, since
 * LangChain4j's interface allows no checked exception. Thread-safe.
 */
public final class OllamaEmbeddings implements EmbeddingModel {

    /** Passages per request: large enough to keep a GPU busy, small enough to stay under the timeout. */
    static final int BATCH = 32;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** 32 vectors of a few thousand numbers are a few MB of JSON; far more is not an answer. */
    static final int MAX_ANSWER_BYTES = 64_000_000;

    private final String baseUrl;
    private final URI embed;
    private final String model;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param baseUrl Ollama's address, e.g. {@code http://localhost:11434}
     * @param model   the embedding model as Ollama names it, e.g. {@code nomic-embed-text}
     * @param timeout how long one request of {@value #BATCH} passages may take
     */
    public OllamaEmbeddings(String baseUrl, String model, Duration timeout) {
        this.baseUrl = OllamaClients.stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.embed = URI.create(this.baseUrl + "/api/embed");
        this.model = Objects.requireNonNull(model, "model").strip();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        int tokens = 0;
        for (int from = 0; from < segments.size(); from += BATCH) {
            List<String> batch = segments.subList(from, Math.min(segments.size(), from + BATCH)).stream()
                    .map(TextSegment::text).toList();
            JsonNode result = call(batch);
            JsonNode vectors = result.path("embeddings");
            if (!vectors.isArray() || vectors.size() != batch.size()) {
                throw new IllegalStateException("Ollama at " + baseUrl + " returned " + vectors.size()
                        + " embeddings for " + batch.size() + " texts from " + model + ".");
            }
            vectors.forEach(v -> out.add(Embedding.from(unitLength(v))));
            tokens += result.path("prompt_eval_count").asInt(0);
        }
        return Response.from(out, new TokenUsage(tokens));
    }

    @Override
    public String modelName() {
        return model;
    }

    private JsonNode call(List<String> texts) {
        // truncate: a passage longer than the model's window is embedded by its beginning
        String body = JSON.writeValueAsString(Map.of("model", model, "input", texts, "truncate", true));
        HttpRequest request = HttpRequest.newBuilder(embed).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        BoundedHttp.Reply response;
        try {
            response = BoundedHttp.send(client, request, timeout, MAX_ANSWER_BYTES);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new EmbeddingUnavailableException("Ollama at " + baseUrl + " did not embed with " + model + " within "
                    + timeout.toSeconds() + " s. Check the server, or raise labrador.embedding.request-timeout.", e);
        } catch (BoundedHttp.TooLargeException e) {
            throw new IllegalStateException("Ollama at " + baseUrl + " answered /api/embed with more than "
                    + MAX_ANSWER_BYTES / 1_000_000 + " MB for " + BATCH + " texts.", e);
        } catch (IOException e) {
            throw new EmbeddingUnavailableException("No Ollama server answers at " + baseUrl + " for the embedding model "
                    + model + ". Start it with `ollama serve`, or set labrador.embedding.base-url.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingUnavailableException("Embedding with " + model + " was interrupted.", e);
        }
        String error = response.error();
        if (response.status() == 404 && error.contains("not found")) {
            throw new EmbeddingUnavailableException("Ollama at " + baseUrl + " does not have the embedding model "
                    + model + ". Run `ollama pull " + model + "`, or set labrador.embedding.model.", null);
        }
        if (response.status() != 200) {
            throw new IllegalStateException("Ollama at " + baseUrl + " could not embed with " + model + " (HTTP "
                    + response.status() + "): " + error);
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new IllegalStateException("Ollama at " + baseUrl + " answered /api/embed with something that is not"
                    + " JSON.", e);
        }
    }

    private static float[] unitLength(JsonNode values) {
        float[] vector = new float[values.size()];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            double v = values.get(i).asDouble();
            vector[i] = (float) v;
            norm += v * v;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }
}

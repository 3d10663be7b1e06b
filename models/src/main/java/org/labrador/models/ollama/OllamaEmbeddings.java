package org.labrador.models.ollama;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.embed.OllamaEmbedRequest;
import io.github.ollama4j.models.embed.OllamaEmbedResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.labrador.models.EmbeddingUnavailableException;

/**
 * An embedding model served by Ollama ({@code POST /api/embed}), for sites that run one: passages
 * are sent {@value #BATCH} at a time, and every vector comes back with unit length (Ollama
 * normalises; this class does too, so that the index's dot product stays a cosine).
 *
 * <p>A failure (no server, model not pulled, an error answer) is an
 * {@link EmbeddingUnavailableException} whose message is the fix, since LangChain4j's interface
 * allows no checked exception. Thread-safe.
 */
public final class OllamaEmbeddings implements EmbeddingModel {

    /** Passages per request: large enough to keep a GPU busy, small enough to stay under the timeout. */
    static final int BATCH = 32;

    private final String baseUrl;
    private final String model;
    private final Ollama client;

    /**
     * @param baseUrl Ollama's address, e.g. {@code http://localhost:11434}
     * @param model   the embedding model as Ollama names it, e.g. {@code nomic-embed-text}
     * @param timeout how long one request of {@value #BATCH} passages may take
     */
    public OllamaEmbeddings(String baseUrl, String model, Duration timeout) {
        this.baseUrl = OllamaClients.stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.model = Objects.requireNonNull(model, "model").strip();
        this.client = OllamaClients.create(this.baseUrl, timeout);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        int tokens = 0;
        for (int from = 0; from < segments.size(); from += BATCH) {
            List<String> batch = segments.subList(from, Math.min(segments.size(), from + BATCH)).stream()
                    .map(TextSegment::text).toList();
            OllamaEmbedResult result = call(batch);
            List<List<Double>> vectors = result.getEmbeddings();
            if (vectors == null || vectors.size() != batch.size()) {
                throw new EmbeddingUnavailableException("Ollama at " + baseUrl + " returned "
                        + (vectors == null ? 0 : vectors.size()) + " embeddings for " + batch.size() + " texts from "
                        + model + ".", null);
            }
            vectors.forEach(v -> out.add(Embedding.from(unitLength(v))));
            tokens += result.getPromptEvalCount();
        }
        return Response.from(out, new TokenUsage(tokens));
    }

    @Override
    public String modelName() {
        return model;
    }

    private OllamaEmbedResult call(List<String> texts) {
        OllamaEmbedRequest request = new OllamaEmbedRequest(model, texts);
        request.setTruncate(true); // a passage longer than the model's window is embedded by its beginning
        try {
            return client.embed(request);
        } catch (OllamaException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("not found")) {
                throw new EmbeddingUnavailableException("Ollama at " + baseUrl + " does not have the embedding model "
                        + model + ". Run `ollama pull " + model + "`, or set labrador.embedding.model.", e);
            }
            if (OllamaClients.causedBy(e, java.net.ConnectException.class)
                    || OllamaClients.causedBy(e, java.net.http.HttpTimeoutException.class)) {
                throw new EmbeddingUnavailableException("No Ollama server answers at " + baseUrl
                        + " for the embedding model " + model + ". Start it with `ollama serve`, or set "
                        + "labrador.embedding.base-url.", e);
            }
            throw new EmbeddingUnavailableException("Ollama at " + baseUrl + " could not embed with " + model + ": "
                    + OllamaClients.abbreviate(message), e);
        }
    }

    private static float[] unitLength(List<Double> values) {
        float[] vector = new float[values.size()];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            double v = values.get(i);
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

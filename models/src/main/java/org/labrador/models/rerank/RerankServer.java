package org.labrador.models.rerank;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.model.scoring.ScoringModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.labrador.models.BoundedHttp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cross-encoder (bge-reranker-v2-m3, jina-reranker, Qwen3-Reranker, …) served over HTTP with the
 * {@code POST /rerank} protocol that llama.cpp's server ({@code --reranking}), vLLM (a reranking model served),
 * Infinity and Jina's API share: {@code {"model", "query", "documents": [...], "top_n"}} in,
 * {@code {"results": [{"index", "relevance_score"}, ...]}} out, the results ordered by score rather than by
 * index. Scores come back in the order of the passages sent. Servers differ in the scale (llama.cpp gives the
 * model's logit, vLLM a probability), so only their order within one call means anything.
 *
 * <p>A JDK HTTP client with a deadline on every call, the answer's body included, and a cap on its size: a
 * reranker that hangs or floods must not hold a question. Every
 * failure (unreachable, too slow, an error status, an answer that does not score every passage exactly once)
 * is a {@link RerankUnavailableException} whose message names the fix; the caller keeps its own order.
 * Thread-safe.
 */
public final class RerankServer implements ScoringModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Far more than 100 scores need; a larger answer is not a reranker's. */
    static final int MAX_ANSWER_BYTES = 1_000_000;

    private final String baseUrl;
    private final URI rerank;
    private final String model;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param baseUrl the server's API base: {@code http://gpu1:8012/v1} for llama.cpp or vLLM
     *                ({@code /rerank} is appended), {@code http://gpu1:7997} for Infinity
     * @param model   the reranking model as the server names it
     * @param apiKey  sent as a bearer token; null or blank for servers without one
     * @param timeout how long one call (a question and its candidates) may take
     */
    public RerankServer(String baseUrl, String model, String apiKey, Duration timeout) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").strip();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.rerank = URI.create(this.baseUrl + "/rerank");
        this.model = Objects.requireNonNull(model, "model").strip();
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        if (segments.isEmpty()) {
            return Response.from(List.of());
        }
        List<String> documents = segments.stream().map(TextSegment::text).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("query", query);
        body.put("documents", documents);
        body.put("top_n", documents.size()); // llama.cpp returns only top_n; every passage needs its score
        JsonNode answer = call(JSON.writeValueAsString(body));
        return Response.from(scores(answer.path("results"), documents.size()), usage(answer.path("usage")));
    }

    /** The server's address and model, for status lines; never the key. */
    @Override
    public String toString() {
        return model + " at " + baseUrl;
    }

    /** The scores in the order the passages were sent: the results come ordered by score, each with its index. */
    private List<Double> scores(JsonNode results, int expected) {
        if (!results.isArray() || results.size() != expected) {
            throw new RerankUnavailableException("The reranker at " + baseUrl + " scored "
                    + (results.isArray() ? results.size() : 0) + " of " + expected + " passages.", null);
        }
        double[] scores = new double[expected];
        boolean[] seen = new boolean[expected];
        for (JsonNode result : results) {
            JsonNode index = result.path("index");
            JsonNode score = result.path("relevance_score");
            if (!index.canConvertToInt() || !score.isNumber()) {
                throw new RerankUnavailableException("The reranker at " + baseUrl + " answered a result without"
                        + " index or relevance_score: " + BoundedHttp.shortened(result.toString()), null);
            }
            int i = index.asInt();
            if (i < 0 || i >= expected || seen[i] || !Double.isFinite(score.asDouble())) {
                throw new RerankUnavailableException("The reranker at " + baseUrl + " answered an index out of"
                        + " range, twice, or a score that is not a number: " + BoundedHttp.shortened(result.toString()), null);
            }
            seen[i] = true;
            scores[i] = score.asDouble();
        }
        return Arrays.stream(scores).boxed().toList();
    }

    private static TokenUsage usage(JsonNode usage) {
        JsonNode prompt = usage.path("prompt_tokens");
        JsonNode total = usage.path("total_tokens");
        return new TokenUsage(prompt.isNumber() ? prompt.asInt() : null, null,
                total.isNumber() ? total.asInt() : null);
    }

    private JsonNode call(String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(rerank).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        BoundedHttp.Reply response;
        try {
            response = BoundedHttp.send(client, builder.build(), timeout, MAX_ANSWER_BYTES);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new RerankUnavailableException("The reranker at " + baseUrl + " did not answer within "
                    + timeout.toMillis() + " ms. Check the server, or raise labrador.rerank.timeout.", e);
        } catch (BoundedHttp.TooLargeException e) {
            throw new RerankUnavailableException("The reranker at " + baseUrl + " answered with more than "
                    + MAX_ANSWER_BYTES / 1_000_000 + " MB.", e);
        } catch (IOException e) {
            throw new RerankUnavailableException("No reranker answers at " + baseUrl + ". Start it (llama.cpp: "
                    + "llama-server --reranking -m MODEL.gguf; vLLM: vllm serve MODEL), or fix "
                    + "labrador.rerank.base-url.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RerankUnavailableException("Reranking was interrupted.", e);
        }
        if (response.status() != 200) {
            throw new RerankUnavailableException("The reranker at " + baseUrl + " refused (HTTP " + response.status()
                    + "): " + response.error()
                    + (response.status() == 404 ? " Check labrador.rerank.model (the name the server gives the model;"
                            + " vLLM: the one it was served under) and labrador.rerank.base-url (…/v1 for llama.cpp"
                            + " and vLLM)." : ""), null);
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new RerankUnavailableException("The reranker at " + baseUrl + " answered with something that is not"
                    + " JSON.", e);
        }
    }
}

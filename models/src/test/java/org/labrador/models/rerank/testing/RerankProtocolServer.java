package org.labrador.models.rerank.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process HTTP server on 127.0.0.1 that answers {@code POST /v1/rerank} as the model servers do (no
 * reranking model can run here). Two answer shapes, from the servers' sources:
 * <ul>
 *   <li>llama.cpp's server ({@code format_response_rerank}): {@code {"model", "object": "list", "usage":
 *       {"prompt_tokens", "total_tokens"}, "results": [{"index", "relevance_score"}]}}, the results sorted by
 *       score, highest first, and cut to {@code top_n}; the score is the model's logit (may be negative);
 *       errors as {@code {"error": {"code", "message", "type"}}}, 501 when the server was not started for
 *       reranking, 500 when a query and passage together exceed its physical batch ({@code -ub}, 512 tokens
 *       by default; counted here as words);</li>
 *   <li>vLLM: {@code {"id", "model", "usage": {"total_tokens"}, "results": [{"index", "document": {"text"},
 *       "relevance_score"}]}}, sorted by score, a probability between 0 and 1; a model name other than the one
 *       it serves is a 404 {@code {"object": "error", "message", "type", "param", "code"}}.</li>
 * </ul>
 * The "model" scores a passage by the share of the query's words it contains, so that tests can predict the
 * order. Tests may demand an API key, delay the answer, fail with a status, or spoil the answer.
 */
public final class RerankProtocolServer implements AutoCloseable {

    /** Which server's answer to imitate. */
    public enum Shape { LLAMA_CPP, VLLM }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Shape shape = Shape.LLAMA_CPP;
    private volatile String apiKey;
    private volatile Duration delay = Duration.ZERO;
    private volatile int failWithStatus;
    private volatile UnaryOperator<ObjectNode> spoil = UnaryOperator.identity();
    private volatile String servedModel;
    private volatile Duration stallBody = Duration.ZERO;
    private volatile int batchTokens = 512;

    private RerankProtocolServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static RerankProtocolServer start() {
        try {
            return new RerankProtocolServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the rerank test server", e);
        }
    }

    /** The API base as clients are configured with it: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public RerankProtocolServer shape(Shape answerShape) {
        shape = answerShape;
        return this;
    }

    /** Sends the headers and the first bytes of the answer, then waits this long before the rest. */
    public RerankProtocolServer stallBody(Duration pause) {
        stallBody = pause;
        return this;
    }

    /** vLLM: the one model name it answers to. */
    public RerankProtocolServer servedModel(String name) {
        servedModel = name;
        return this;
    }

    /** llama.cpp: the physical batch a query and passage must fit in together ({@code -ub}). */
    public RerankProtocolServer batchTokens(int tokens) {
        batchTokens = tokens;
        return this;
    }

    /** Requests without {@code Authorization: Bearer key} are refused with 401. */
    public RerankProtocolServer apiKey(String key) {
        apiKey = key;
        return this;
    }

    public RerankProtocolServer delay(Duration before) {
        delay = before;
        return this;
    }

    /** Every request fails with this status (llama.cpp's 501 when it was not started with --reranking). */
    public RerankProtocolServer failWith(int status) {
        failWithStatus = status;
        return this;
    }

    /** Changes each answer before it is sent (a missing index, a score that is not a number). */
    public RerankProtocolServer spoil(UnaryOperator<ObjectNode> change) {
        spoil = change;
        return this;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("POST") || !Set.of("/rerank", "/v1/rerank", "/v1/reranking")
                    .contains(path)) {
                send(exchange, 404, error(404, "File Not Found", "not_found_error"));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            requests.add(body);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "" : authorization);
            if (apiKey != null && !("Bearer " + apiKey).equals(authorization)) {
                send(exchange, 401, error(401, "Invalid API Key", "authentication_error"));
                return;
            }
            if (failWithStatus == 501) {
                send(exchange, 501, error(501, "This server does not support reranking. Start it with `--reranking`",
                        "not_supported_error"));
                return;
            }
            if (failWithStatus != 0) {
                send(exchange, failWithStatus, error(failWithStatus, "the model crashed", "server_error"));
                return;
            }
            String model = body.path("model").asString();
            if (shape == Shape.VLLM && servedModel != null && !servedModel.equals(model)) {
                ObjectNode error = JSON.createObjectNode().put("object", "error")
                        .put("message", "The model `" + model + "` does not exist.").put("type", "NotFoundError");
                error.putNull("param");
                send(exchange, 404, error.put("code", 404));
                return;
            }
            if (shape == Shape.LLAMA_CPP) {
                int query = tokens(body.path("query").asString());
                for (JsonNode document : body.path("documents")) {
                    int pair = query + tokens(document.asString());
                    if (pair > batchTokens) {
                        send(exchange, 500, error(500, "input (" + pair + " tokens) is too large to process. increase"
                                + " the physical batch size (current batch size: " + batchTokens + ")", "server_error"));
                        return;
                    }
                }
            }
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            if (!stallBody.isZero()) {
                byte[] bytes = JSON.writeValueAsString(spoil.apply(answer(body))).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                OutputStream out = exchange.getResponseBody();
                out.write(bytes, 0, 10);
                out.flush();
                Thread.sleep(stallBody);
                out.write(bytes, 10, bytes.length - 10);
                out.close();
                return;
            }
            send(exchange, 200, spoil.apply(answer(body)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode answer(JsonNode body) {
        Set<String> queryWords = words(body.path("query").asString());
        List<String> documents = new ArrayList<>();
        body.path("documents").forEach(d -> documents.add(d.asString()));
        int topN = body.path("top_n").isNumber() ? body.path("top_n").asInt() : documents.size();
        record Scored(int index, double share) {}
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Set<String> words = words(documents.get(i));
            long found = queryWords.stream().filter(words::contains).count();
            scored.add(new Scored(i, queryWords.isEmpty() ? 0 : (double) found / queryWords.size()));
        }
        scored.sort(Comparator.comparingDouble(Scored::share).reversed());
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = JSON.createArrayNode();
        int tokens = documents.stream().mapToInt(d -> d.split("\\s+").length).sum();
        if (shape == Shape.LLAMA_CPP) {
            answer.put("model", body.path("model").asString());
            answer.put("object", "list");
            answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
            for (Scored s : scored.subList(0, Math.min(topN, scored.size()))) {
                results.addObject().put("index", s.index()).put("relevance_score", 8 * s.share() - 4); // a logit
            }
        } else {
            answer.put("id", "rerank-" + Long.toHexString(System.nanoTime()));
            answer.put("model", body.path("model").asString());
            answer.putObject("usage").put("total_tokens", tokens);
            for (Scored s : scored.subList(0, Math.min(topN > 0 ? topN : scored.size(), scored.size()))) {
                ObjectNode result = results.addObject().put("index", s.index());
                result.putObject("document").put("text", documents.get(s.index()));
                result.put("relevance_score", 1 / (1 + Math.exp(-(8 * s.share() - 4))));
            }
        }
        answer.set("results", results);
        return answer;
    }

    private static int tokens(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(w -> w.length() > 2)
                .collect(Collectors.toSet());
    }

    private static ObjectNode error(int code, String message, String type) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", code).put("message", message).put("type", type);
        return error;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

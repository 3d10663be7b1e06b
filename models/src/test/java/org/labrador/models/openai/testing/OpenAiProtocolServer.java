package org.labrador.models.openai.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process HTTP server on 127.0.0.1 that speaks the OpenAI API as vLLM, llama.cpp's server and
 * LM Studio serve it (OpenAI's API reference): {@code GET /v1/models} ({@code {"object": "list",
 * "data": [{"id", "object": "model", "created", "owned_by"}]}}), {@code POST /v1/chat/completions}
 * and {@code POST /v1/completions}, streamed as server-sent events ({@code data: {chunk}} lines, the
 * text in {@code choices[0].delta.content} or {@code choices[0].text}, a last chunk with
 * {@code finish_reason}, a usage chunk with empty {@code choices} when {@code stream_options.include_usage}
 * asks, then {@code data: [DONE]}), errors as {@code {"error": {"message", "type", "param", "code"}}}.
 *
 * <p>Tests set the served models, the reply (streamed a word at a time), delays, an API key the
 * server demands, failures before the answer (an HTTP status); they read back the requests, the most
 * requests ever served at once, and how many streams the client abandoned.
 */
public final class OpenAiProtocolServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile List<String> models = List.of("Qwen/Qwen2.5-7B-Instruct");
    private volatile Function<JsonNode, String> reply = body -> "An answer from the model server.";
    private volatile Duration firstTokenDelay = Duration.ZERO;
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile int failWithStatus;
    private volatile String apiKey;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();

    private OpenAiProtocolServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static OpenAiProtocolServer start() {
        try {
            return new OpenAiProtocolServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OpenAI test server", e);
        }
    }

    /** The API base, as clients are configured with it: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public OpenAiProtocolServer models(String... ids) {
        models = List.of(ids);
        return this;
    }

    /** The reply (chat) or completion as a function of the request body; streamed a word at a time. */
    public OpenAiProtocolServer reply(Function<JsonNode, String> replyFunction) {
        reply = replyFunction;
        return this;
    }

    public OpenAiProtocolServer reply(String text) {
        return reply(body -> text);
    }

    /** Waits this long before the first chunk (the server reading the prompt). */
    public OpenAiProtocolServer firstTokenDelay(Duration delay) {
        firstTokenDelay = delay;
        return this;
    }

    public OpenAiProtocolServer tokenDelay(Duration delay) {
        tokenDelay = delay;
        return this;
    }

    /** Answers every chat and completion with this HTTP status and an error body; 0 to stop. */
    public OpenAiProtocolServer failWith(int status) {
        failWithStatus = status;
        return this;
    }

    /** Demands {@code Authorization: Bearer key}; 401 otherwise. */
    public OpenAiProtocolServer apiKey(String key) {
        apiKey = key;
        return this;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** Chats and completions being answered now. */
    public int inFlight() {
        return inFlight.get();
    }

    public int mostInFlight() {
        return mostInFlight.get();
    }

    public int abandonedStreams() {
        return abandoned.get();
    }

    /** Chats and completions answered to the end. */
    public int answered() {
        return answered.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (apiKey != null && !("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
                return;
            }
            switch (exchange.getRequestMethod() + " " + path) {
                case "GET /v1/models" -> modelList(exchange);
                case "POST /v1/chat/completions" -> generate(exchange, true);
                case "POST /v1/completions" -> generate(exchange, false);
                default -> error(exchange, 404, "Not found: " + path, "invalid_request_error", null);
            }
        }
    }

    private void modelList(HttpExchange exchange) throws IOException {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : models) {
            data.addObject().put("id", id).put("object", "model").put("created", 1733000000).put("owned_by", "vllm")
                    .put("max_model_len", 32768);
        }
        send(exchange, 200, list.toString());
    }

    private void generate(HttpExchange exchange, boolean chat) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        requests.add(body);
        if (failWithStatus > 0) {
            error(exchange, failWithStatus, "The server had an error while processing your request.", "server_error", null);
            return;
        }
        String model = body.path("model").asString("");
        if (!models.contains(model)) {
            error(exchange, 404, "The model `" + model + "` does not exist.", "NotFoundError", "model_not_found");
            return;
        }
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try {
            stream(exchange, body, chat, model);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void stream(HttpExchange exchange, JsonNode body, boolean chat, String model) throws IOException {
        sleep(firstTokenDelay);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        List<String> words = words(reply.apply(body));
        int limit = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(Integer.MAX_VALUE));
        int sent = 0;
        try {
            for (String word : words) {
                if (sent == limit) {
                    break;
                }
                sleep(tokenDelay);
                event(out, chunk(chat, model, word, null));
                sent++;
            }
            event(out, chunk(chat, model, "", sent == limit ? "length" : "stop"));
            if (body.path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode usage = base(chat, model);
                usage.putArray("choices");
                usage.putObject("usage").put("prompt_tokens", body.toString().length() / 4)
                        .put("completion_tokens", sent).put("total_tokens", body.toString().length() / 4 + sent);
                event(out, usage.toString());
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            answered.incrementAndGet();
        } catch (IOException e) {
            abandoned.incrementAndGet(); // the client closed the connection
        }
    }

    private static String chunk(boolean chat, String model, String text, String finishReason) {
        ObjectNode chunk = base(chat, model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        if (chat) {
            ObjectNode delta = choice.putObject("delta");
            if (finishReason == null) {
                delta.put("role", "assistant").put("content", text);
            }
        } else {
            choice.put("text", text);
        }
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk.toString();
    }

    private static ObjectNode base(boolean chat, String model) {
        return JSON.createObjectNode().put("id", chat ? "chatcmpl-1" : "cmpl-1")
                .put("object", chat ? "chat.completion.chunk" : "text_completion").put("created", 1733000000)
                .put("model", model);
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void error(HttpExchange exchange, int status, String message, String type, String code)
            throws IOException {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error").put("message", message).put("type", type);
        inner.putNull("param");
        if (code == null) {
            inner.putNull("code");
        } else {
            inner.put("code", code);
        }
        send(exchange, status, error.toString());
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Words with their following space, so that the pieces joined are the text. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static void sleep(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

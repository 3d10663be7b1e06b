package org.labrador.models.ollama.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process HTTP server on 127.0.0.1 that speaks Ollama's REST protocol as documented in
 * Ollama's {@code docs/api.md}: {@code GET /}, {@code GET /api/version}, {@code GET /api/tags},
 * {@code POST /api/chat} and {@code POST /api/generate} (streamed NDJSON by default, one object
 * with {@code "stream": false}), {@code POST /api/show} and {@code POST /api/embed}.
 *
 * <p>Tests set the installed models, the reply (a function of the messages the model read), the
 * completion of a generate request (a function of its body as the model read it, cut at the
 * request's {@code stop} strings), a delay before the answer begins (the model loading and reading
 * the prompt), a delay per token, and a failure in the middle of the stream; they read back every
 * request received, and how many streamed answers the client abandoned (the server notices when its
 * next write fails). Replies and completions are streamed a token at a time, cut at the request's
 * {@code num_predict} tokens and counted in {@code eval_count}, with the tokenizer that counts the
 * prompt ({@link PromptWindow#tokenize}). Configuration may change while the server runs.
 *
 * <p>Like Ollama, a chat runs with the window the request asks for ({@code options.num_ctx},
 * {@value PromptWindow#DEFAULT_NUM_CTX} tokens when absent, never more than the model was trained
 * with), and a prompt that does not fit is cut without an error, as {@link PromptWindow} describes:
 * a chat's oldest messages first, then its beginning; a generate request's prompt loses its
 * beginning after the first {@code num_keep} tokens, as Ollama's runner cuts any prompt.
 * {@code prompt_eval_count} is the token count of what was kept; {@link #promptFits()} and
 * {@link #generateFits()} tell tests what the model read. {@code /api/show} advertises each model's trained context
 * length in {@code model_info} ({@link #contextLengthOf}); {@code /api/tags} lists names with tags.
 */
public final class OllamaProtocolServer implements AutoCloseable {

    public static final String DEFAULT_MODEL = "qwen2.5:3b";
    public static final String DEFAULT_VERSION = "0.12.6";

    /** A request as received; {@code body} is the parsed JSON, or a missing node for none. */
    public record Request(String method, String path, JsonNode body) {}

    /** One message of a received chat request. */
    public record Message(String role, String content) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile List<String> models = List.of(DEFAULT_MODEL);
    private volatile Function<List<Message>, String> reply = OllamaProtocolServer::echo;
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile String embeddingFailsFor;
    private volatile int failAfterTokens = -1;
    private volatile String failure = "";
    private volatile String version = DEFAULT_VERSION;
    private volatile Function<JsonNode, String> completion = body -> "return result\n";
    private final java.util.concurrent.atomic.AtomicInteger abandonedStreams = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Map<String, Integer> contextLengths = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<PromptWindow.Fit> promptFits = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger embeddingsRequested = new java.util.concurrent.atomic.AtomicInteger();
    private final List<PromptWindow.Fit> generateFits = new CopyOnWriteArrayList<>();

    /** A model family's architecture and trained context length, as {@code /api/show} reports them. */
    private record Architecture(String name, int contextLength) {}

    /** The families of Ollama's library that tests use, by name prefix; the longest prefix wins. */
    private static final java.util.Map<String, Architecture> ARCHITECTURES = java.util.Map.ofEntries(
            java.util.Map.entry("qwen2", new Architecture("qwen2", 32_768)),
            java.util.Map.entry("qwen3", new Architecture("qwen3", 40_960)),
            java.util.Map.entry("llama3", new Architecture("llama", 8_192)),
            java.util.Map.entry("llama3.1", new Architecture("llama", 131_072)),
            java.util.Map.entry("llama3.2", new Architecture("llama", 131_072)),
            java.util.Map.entry("llama2", new Architecture("llama", 4_096)),
            java.util.Map.entry("tinyllama", new Architecture("llama", 2_048)),
            java.util.Map.entry("mistral", new Architecture("llama", 32_768)),
            java.util.Map.entry("codellama", new Architecture("llama", 16_384)),
            java.util.Map.entry("deepseek-coder", new Architecture("llama", 16_384)),
            java.util.Map.entry("codestral", new Architecture("llama", 32_768)),
            java.util.Map.entry("starcoder2", new Architecture("starcoder2", 16_384)),
            java.util.Map.entry("gemma2", new Architecture("gemma2", 8_192)),
            java.util.Map.entry("gemma3", new Architecture("gemma3", 131_072)));
    private static final Architecture OTHER = new Architecture("llama", 8_192);

    private OllamaProtocolServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on a free port, with {@value #DEFAULT_MODEL} installed and an echoing reply. */
    public static OllamaProtocolServer start() {
        try {
            return new OllamaProtocolServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Ollama test server", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replaces the installed models, as {@code /api/tags} lists them (e.g. {@code llama3:latest}). */
    public OllamaProtocolServer models(String... names) {
        models = List.of(names);
        return this;
    }

    /** The reply text as a function of the messages the model read; streamed a token at a time. */
    public OllamaProtocolServer reply(Function<List<Message>, String> replyFunction) {
        reply = replyFunction;
        return this;
    }

    /**
     * The context length {@code /api/show} reports for {@code model}, and the most {@code num_ctx}
     * a chat with it gets, instead of its family's.
     */
    public OllamaProtocolServer contextLength(String model, int tokens) {
        contextLengths.put(withTag(model), tokens);
        return this;
    }

    /** The context length of {@code model}: as set, or its family's in Ollama's library. */
    public int contextLengthOf(String model) {
        Integer set = contextLengths.get(withTag(model));
        return set != null ? set : architecture(model).contextLength();
    }

    /** What the model read of each chat request received, in order. */
    public List<PromptWindow.Fit> promptFits() {
        return List.copyOf(promptFits);
    }

    /** What the model read of the last chat request. */
    public PromptWindow.Fit lastPromptFit() {
        if (promptFits.isEmpty()) {
            throw new IllegalStateException("no chat request received");
        }
        return promptFits.getLast();
    }

    /** What the model read of each generate request received, in order. */
    public List<PromptWindow.Fit> generateFits() {
        return List.copyOf(generateFits);
    }

    /** Always the same reply. */
    public OllamaProtocolServer reply(String text) {
        return reply(messages -> text);
    }

    /**
     * Waits this long before the status line of a streamed chat or generate answer, as Ollama does
     * while it loads the model and reads the prompt.
     */
    public OllamaProtocolServer answerDelay(Duration delay) {
        answerDelay = delay;
        return this;
    }

    /**
     * Embedding a text that contains {@code text} fails as Ollama's runner does on one input it cannot
     * embed: {@code 500} with an {@code error}; {@code null} for none.
     */
    public OllamaProtocolServer embeddingFailsFor(String text) {
        embeddingFailsFor = text;
        return this;
    }

    /** Waits this long before each streamed token. */
    public OllamaProtocolServer tokenDelay(Duration delay) {
        tokenDelay = delay;
        return this;
    }

    /**
     * After {@code tokens} streamed tokens, sends {@code {"error": error}} and ends the stream, as
     * Ollama does when the model fails mid-reply. With 0, answers HTTP 500 instead, as Ollama does
     * when the failure comes before anything was written. A negative count turns failing off.
     */
    public OllamaProtocolServer failAfterTokens(int tokens, String error) {
        failure = error;
        failAfterTokens = tokens;
        return this;
    }

    /**
     * The text a generate request produces, as a function of its JSON body with the prompt as the model
     * read it (cut to the window); streamed a token at a time.
     */
    public OllamaProtocolServer completion(Function<JsonNode, String> completionFunction) {
        completion = completionFunction;
        return this;
    }

    /** Always the same completion. */
    public OllamaProtocolServer completion(String text) {
        return completion(body -> text);
    }

    /** The bodies of the {@code POST /api/generate} requests received, in order. */
    public List<JsonNode> generateRequests() {
        return requests.stream().filter(r -> r.path().equals("/api/generate")).map(Request::body).toList();
    }

    /** The prompt of the last generate request, exactly as received. */
    public String lastGeneratePrompt() {
        List<JsonNode> generates = generateRequests();
        if (generates.isEmpty()) {
            throw new IllegalStateException("no generate request received");
        }
        return generates.getLast().path("prompt").asString("");
    }

    /** How many streamed replies the client stopped reading before the end (it closed the connection). */
    public int abandonedStreams() {
        return abandonedStreams.get();
    }

    /**
     * Waits until the client has abandoned {@code count} streamed answers, at most {@code limit};
     * false if it has not by then.
     */
    public boolean awaitAbandonedStreams(int count, Duration limit) {
        return await(() -> abandonedStreams.get() >= count, limit);
    }

    /** Waits until {@code count} requests to {@code path} have arrived, at most {@code limit}; false if not. */
    public boolean awaitRequests(String path, int count, Duration limit) {
        return await(() -> requests.stream().filter(r -> r.path().equals(path)).count() >= count, limit);
    }

    private static boolean await(java.util.function.BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(Duration.ofMillis(5));
        }
        return true;
    }

    /** What {@code GET /api/version} answers. */
    public OllamaProtocolServer version(String serverVersion) {
        version = serverVersion;
        return this;
    }

    /** Every request received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of the {@code POST /api/chat} requests received, in order. */
    public List<JsonNode> chatRequests() {
        return requests.stream().filter(r -> r.path().equals("/api/chat")).map(Request::body).toList();
    }

    /** The messages of the last chat request. */
    public List<Message> lastChatMessages() {
        List<JsonNode> chats = chatRequests();
        if (chats.isEmpty()) {
            throw new IllegalStateException("no chat request received");
        }
        return messages(chats.getLast());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body;
            try {
                body = raw.length == 0 ? JSON.missingNode() : JSON.readTree(raw);
            } catch (JacksonException e) {
                requests.add(new Request(method, path, JSON.missingNode()));
                sendJson(exchange, 400, error(e.getOriginalMessage()));
                return;
            }
            requests.add(new Request(method, path, body));
            switch (method + " " + path) {
                case "GET /", "HEAD /" -> send(exchange, 200, "text/plain; charset=utf-8", "Ollama is running");
                case "GET /api/version" -> sendJson(exchange, 200, JSON.createObjectNode().put("version", version));
                case "GET /api/tags" -> sendJson(exchange, 200, tags());
                case "POST /api/chat" -> chat(exchange, body);
                case "POST /api/generate" -> generate(exchange, body);
                case "POST /api/show" -> show(exchange, body);
                case "POST /api/embed" -> embed(exchange, body);
                default -> send(exchange, 404, "text/plain", "404 page not found");
            }
        } catch (IOException e) { // the client went away mid-stream, as a cancelled chat does
        }
    }

    private ObjectNode tags() {
        ObjectNode root = JSON.createObjectNode();
        var list = root.putArray("models");
        for (String name : models) {
            String tagged = withTag(name);
            String family = tagged.substring(tagged.lastIndexOf('/') + 1, tagged.lastIndexOf(':'));
            ObjectNode m = list.addObject()
                    .put("name", tagged).put("model", tagged)
                    .put("modified_at", "2025-05-10T08:06:48.639712648-07:00")
                    .put("size", 2_019_393_189L)
                    .put("digest", sha256(tagged));
            ObjectNode details = m.putObject("details")
                    .put("parent_model", "").put("format", "gguf").put("family", family);
            details.putArray("families").add(family);
            details.put("parameter_size", "3.1B").put("quantization_level", "Q4_K_M");
        }
        return root;
    }

    private void chat(HttpExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asString("");
        if (model.isBlank()) {
            sendJson(exchange, 400, error("model is required"));
            return;
        }
        if (models.stream().noneMatch(installed -> withTag(installed).equals(withTag(model)))) {
            sendJson(exchange, 404, error("model \"" + model + "\" not found, try pulling it first"));
            return;
        }
        JsonNode options = body.path("options");
        int asked = options.path("num_ctx").asInt(0);
        // Ollama caps the window at the trained length ("requested context size too large for model").
        int numCtx = Math.min(asked > 0 ? asked : PromptWindow.DEFAULT_NUM_CTX, contextLengthOf(model));
        PromptWindow.Fit fit = PromptWindow.fit(messages(body), numCtx,
                options.path("num_keep").asInt(PromptWindow.DEFAULT_NUM_KEEP));
        promptFits.add(fit);
        List<Message> messages = fit.kept();
        String text = reply.apply(messages);
        List<String> tokens = PromptWindow.tokenize(text);
        String doneReason = "stop";
        int limit = options.path("num_predict").asInt(-1);
        if (limit >= 0 && tokens.size() > limit) {
            tokens = tokens.subList(0, limit);
            text = String.join("", tokens);
            doneReason = "length";
        }
        int failAt = failAfterTokens;
        long started = System.nanoTime();
        if (failAt == 0 || (failAt > 0 && !body.path("stream").asBoolean(true))) {
            sendJson(exchange, 500, error(failure));
            return;
        }
        if (!body.path("stream").asBoolean(true)) {
            pause(tokenDelay.multipliedBy(tokens.size()));
            sendJson(exchange, 200, done(model, text, fit.promptTokens(), doneReason, tokens.size(), started));
            return;
        }
        try {
            OutputStream out = startStream(exchange);
            for (int i = 0; i < tokens.size(); i++) {
                if (i == failAt) {
                    writeLine(out, error(failure));
                    return;
                }
                pause(tokenDelay);
                writeLine(out, chunk(model, tokens.get(i)).put("done", false));
            }
            writeLine(out, failAt >= tokens.size() ? error(failure)
                    : done(model, "", fit.promptTokens(), doneReason, tokens.size(), started));
        } catch (IOException e) {
            abandonedStreams.incrementAndGet();
            throw e;
        }
    }

    /** The status line and headers of a streamed answer, after the answer delay. */
    private OutputStream startStream(HttpExchange exchange) throws IOException {
        pause(answerDelay);
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private void generate(HttpExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asString("");
        if (model.isBlank()) {
            sendJson(exchange, 400, error("model is required"));
            return;
        }
        if (!installed(model)) {
            sendJson(exchange, 404, error("model '" + model + "' not found"));
            return;
        }
        JsonNode options = body.path("options");
        int asked = options.path("num_ctx").asInt(0);
        PromptWindow.Fit fit = PromptWindow.fitPrompt(body.path("prompt").asString(""),
                Math.min(asked > 0 ? asked : PromptWindow.DEFAULT_NUM_CTX, contextLengthOf(model)),
                options.path("num_keep").asInt(PromptWindow.DEFAULT_NUM_KEEP));
        generateFits.add(fit);
        ObjectNode read = ((ObjectNode) body).deepCopy().put("prompt", fit.prompt());
        String text = completion.apply(read);
        for (JsonNode stop : options.path("stop")) {
            int at = text.indexOf(stop.asString());
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        List<String> tokens = PromptWindow.tokenize(text);
        String doneReason = "stop";
        int limit = options.path("num_predict").asInt(-1);
        if (limit >= 0 && tokens.size() > limit) {
            tokens = tokens.subList(0, limit);
            doneReason = "length";
        }
        int failAt = failAfterTokens;
        long started = System.nanoTime();
        if (failAt == 0) {
            sendJson(exchange, 500, error(failure));
            return;
        }
        long promptCount = fit.promptTokens();
        if (!body.path("stream").asBoolean(true)) {
            pause(tokenDelay.multipliedBy(tokens.size()));
            sendJson(exchange, 200, generated(model, String.join("", tokens), promptCount, tokens.size(), doneReason, started));
            return;
        }
        try {
            OutputStream out = startStream(exchange);
            for (int i = 0; i < tokens.size(); i++) {
                if (i == failAt) {
                    writeLine(out, error(failure));
                    return;
                }
                pause(tokenDelay);
                writeLine(out, JSON.createObjectNode().put("model", model).put("created_at", Instant.now().toString())
                        .put("response", tokens.get(i)).put("done", false));
            }
            writeLine(out, generated(model, "", promptCount, tokens.size(), doneReason, started));
        } catch (IOException e) {
            abandonedStreams.incrementAndGet();
            throw e;
        }
    }

    private static ObjectNode generated(String model, String response, long promptCount, int evalCount,
                                        String doneReason, long started) {
        long elapsed = Math.max(1, System.nanoTime() - started);
        return JSON.createObjectNode().put("model", model).put("created_at", Instant.now().toString())
                .put("response", response).put("done", true).put("done_reason", doneReason)
                .put("total_duration", elapsed + 1_000_000).put("load_duration", 1_000_000)
                .put("prompt_eval_count", promptCount).put("prompt_eval_duration", 500_000)
                .put("eval_count", evalCount).put("eval_duration", elapsed);
    }

    /** Coder models get a template with {@code .Suffix} and the "insert" capability, as Ollama's library has them. */
    private void show(HttpExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asString(body.path("name").asString(""));
        if (!installed(model)) {
            sendJson(exchange, 404, error("model '" + model + "' not found"));
            return;
        }
        boolean coder = model.matches("(?i).*(coder|codellama|codestral|starcoder).*");
        String family = family(withTag(model));
        ObjectNode root = JSON.createObjectNode();
        root.put("license", "");
        root.put("modelfile", "FROM " + model);
        root.put("parameters", "stop                           \"<|endoftext|>\"");
        root.put("template", coder
                ? "{{- if .Suffix }}<|fim_prefix|>{{ .Prompt }}<|fim_suffix|>{{ .Suffix }}<|fim_middle|>{{- else }}{{ .Prompt }}{{- end }}"
                : "{{ if .System }}<|im_start|>system\n{{ .System }}<|im_end|>\n{{ end }}<|im_start|>user\n{{ .Prompt }}<|im_end|>\n<|im_start|>assistant\n");
        ObjectNode details = root.putObject("details").put("parent_model", "").put("format", "gguf").put("family", family);
        details.putArray("families").add(family);
        details.put("parameter_size", "3.1B").put("quantization_level", "Q4_K_M");
        String architecture = architecture(model).name();
        root.putObject("model_info").put("general.architecture", architecture)
                .put(architecture + ".context_length", contextLengthOf(model));
        var capabilities = root.putArray("capabilities").add("completion");
        if (coder) {
            capabilities.add("insert");
        }
        sendJson(exchange, 200, root);
    }

    /** Embeddings of 8 dimensions derived from the text, so the same text gives the same vector. */
    private void embed(HttpExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asString("");
        if (!installed(model)) {
            sendJson(exchange, 404, error("model \"" + model + "\" not found, try pulling it first")); // the scheduler's words
            return;
        }
        List<String> inputs = new ArrayList<>();
        if (body.path("input").isArray()) {
            body.path("input").forEach(i -> inputs.add(i.asString("")));
        } else {
            inputs.add(body.path("input").asString(""));
        }
        pause(answerDelay); // the model loading
        String failing = embeddingFailsFor;
        if (failing != null && inputs.stream().anyMatch(i -> i.contains(failing))) {
            sendJson(exchange, 500, error("failed to process inputs: input contains invalid tokens"));
            return;
        }
        ObjectNode root = JSON.createObjectNode().put("model", model);
        var embeddings = root.putArray("embeddings");
        int dimension = embeddingDimensionOf(model);
        int tokens = 0;
        for (String input : inputs) {
            embeddingsRequested.incrementAndGet();
            var vector = embeddings.addArray();
            for (double v : bagOfWords(input, dimension)) {
                vector.add(v);
            }
            tokens += PromptWindow.countTokens(input);
        }
        root.put("total_duration", 1_000_000).put("load_duration", 100_000).put("prompt_eval_count", tokens);
        sendJson(exchange, 200, root);
    }

    /**
     * The vector length of an embedding model, as its family has it (nomic-embed-text 768,
     * mxbai-embed-large 1024, all-minilm 384; 768 for others).
     */
    public static int embeddingDimensionOf(String model) {
        String family = family(withTag(model));
        return family.startsWith("mxbai-embed-large") || family.startsWith("bge-m3") ? 1024
                : family.startsWith("all-minilm") ? 384 : 768;
    }

    /** How many texts were embedded since the server started. */
    public int embeddedTexts() {
        return embeddingsRequested.get();
    }

    /**
     * A deterministic stand-in for a model's meaning: each lower-cased word adds ±1 at a position
     * given by its hash, and the vector has unit length, as Ollama's are; texts sharing words are
     * close, so vector search over them behaves like search by meaning.
     */
    private static double[] bagOfWords(String text, int dimension) {
        double[] vector = new double[dimension];
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                int h = word.hashCode();
                vector[Math.floorMod(h, dimension)] += (h & 0x4000_0000) == 0 ? 1 : -1;
            }
        }
        double norm = 0;
        for (double v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            vector[0] = 1;
            return vector;
        }
        for (int i = 0; i < dimension; i++) {
            vector[i] /= Math.sqrt(norm);
        }
        return vector;
    }

    private boolean installed(String model) {
        return !model.isBlank() && models.stream().anyMatch(name -> withTag(name).equals(withTag(model)));
    }

    private static Architecture architecture(String model) {
        String family = family(withTag(model));
        return ARCHITECTURES.entrySet().stream().filter(e -> family.startsWith(e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                .map(java.util.Map.Entry::getValue).orElse(OTHER);
    }

    private static String family(String tagged) {
        return tagged.substring(tagged.lastIndexOf('/') + 1, tagged.lastIndexOf(':'));
    }

    private static ObjectNode chunk(String model, String content) {
        ObjectNode line = JSON.createObjectNode().put("model", model).put("created_at", Instant.now().toString());
        line.putObject("message").put("role", "assistant").put("content", content);
        return line;
    }

    /** The final object: Ollama's statistics, durations in nanoseconds. */
    private static ObjectNode done(String model, String content, int promptCount, String doneReason, int evalCount,
                                   long started) {
        long elapsed = Math.max(1, System.nanoTime() - started);
        return chunk(model, content)
                .put("done", true).put("done_reason", doneReason)
                .put("total_duration", elapsed + 1_000_000).put("load_duration", 1_000_000)
                .put("prompt_eval_count", promptCount).put("prompt_eval_duration", 500_000)
                .put("eval_count", evalCount).put("eval_duration", elapsed);
    }

    private static List<Message> messages(JsonNode chatBody) {
        List<Message> out = new ArrayList<>();
        for (JsonNode m : chatBody.path("messages")) {
            out.add(new Message(m.path("role").asString(""), m.path("content").asString("")));
        }
        return out;
    }

    private static String echo(List<Message> messages) {
        return messages.isEmpty() ? "Hello." : "You said: " + messages.getLast().content();
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void writeLine(OutputStream out, JsonNode line) throws IOException {
        out.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush(); // each line leaves at once, so the client sees a real stream
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Ollama's rule: a name without a tag means {@code :latest}; the tag follows the last '/'. */
    private static String withTag(String name) {
        return name.indexOf(':', name.lastIndexOf('/') + 1) >= 0 ? name : name + ":latest";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay); // returns at once for zero
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

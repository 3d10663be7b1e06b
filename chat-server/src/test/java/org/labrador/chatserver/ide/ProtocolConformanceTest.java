package org.labrador.chatserver.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.conversations.ConversationStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, "protocol conformance and bad input", as SDKs the other tests do not use found it:
 * every refusal is JSON in the protocol's own shape (never a redirect to the sign-in page), curl's
 * default form content type is read as JSON where Ollama would, unknown paths are JSON 404s, and
 * the small promises of docs/ide.md hold ({@code context}, the probe, {@code n_predict: 0}, 404 for
 * an unknown model, 401s that say why).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProtocolConformanceTest extends IdeServerTest {

    private static final String QUESTION = "[{\"role\": \"user\", \"content\": \"Where is the S1 area threshold set?\"}]";

    /** Enough for ids read back with max(id) to collide (they did, 27 of 300, before generated keys). */
    private static final int CONVERSATIONS_AT_ONCE = 300;

    @Autowired
    ConversationStore conversations;

    @BeforeEach
    void setUp() {
        sync();
        OLLAMA.completion("passes_s1(p.area)");
    }

    /** Labrador's and Ollama's shape: {"error": "…"}. */
    private static String plainError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = IdeHttp.json(response).path("error");
        assertThat(error.isString()).as(response.body()).isTrue();
        return error.asString();
    }

    /** OpenAI's shape: {"error": {"message", "type", "param", "code"}}. */
    private static JsonNode openAiError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = IdeHttp.json(response).path("error");
        assertThat(error.isObject()).as(response.body()).isTrue();
        for (String field : List.of("message", "type", "param", "code")) {
            assertThat(error.has(field)).as(field + " in " + response.body()).isTrue();
        }
        return error;
    }

    /** llama.cpp server's shape: {"error": {"code", "message", "type"}}. */
    private static JsonNode llamaCppError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = IdeHttp.json(response).path("error");
        assertThat(error.path("code").asInt()).as(response.body()).isEqualTo(status);
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.path("type").asString()).isNotBlank();
        return error;
    }

    private HttpResponse<String> call(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = http().request(path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http().send(request.build());
    }

    @Test
    void malformedJsonIsA400InEachShape() {
        String broken = "{\"question\": ";
        assertThat(plainError(http().post("/api/v1/ask", broken), 400)).contains("JSON");
        assertThat(plainError(http().post("/api/chat", broken), 400)).contains("JSON");
        assertThat(openAiError(http().post("/v1/chat/completions", broken), 400).path("type").asString())
                .isEqualTo("invalid_request_error");
        assertThat(llamaCppError(http().post("/infill", broken), 400).path("type").asString())
                .isEqualTo("invalid_request_error");
    }

    @Test
    void wrongTypesAndMissingParametersAre400s() {
        assertThat(plainError(http().post("/api/v1/ask", "{\"question\": \"hi\", \"history\": 5}"), 400)).contains("wrong type");
        assertThat(plainError(http().get("/api/v1/search?q=cuts&k=many"), 400)).contains("'k'");
        assertThat(plainError(http().get("/api/v1/search"), 400)).contains("'q'");
    }

    @Test
    void aBadlyEncodedQueryIsA400() throws Exception {
        for (String query : List.of("q=%ZZ", "q=%FF%FE", "q=cuts%")) {
            String[] response = rawGet("/api/v1/search?" + query);
            assertThat(response[0]).as(query).contains(" 400 ");
            assertThat(IdeHttp.JSON.readTree(response[1]).path("error").asString()).as(query).contains("encoded");
        }
    }

    /** A GET sent as written, for a query Java's URI refuses to build; the status line and the body. */
    private String[] rawGet(String pathAndQuery) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + http().bearer() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int bodyAt = response.indexOf("\r\n\r\n");
            String body = response.substring(bodyAt + 4);
            if (response.substring(0, bodyAt).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return new String[] {response.lines().findFirst().orElse(""), body};
        }
    }

    @Test
    void aWrongMethodIsA405InEachShape() {
        HttpResponse<String> ollama = http().get("/api/chat");
        assertThat(plainError(ollama, 405)).contains("POST");
        assertThat(ollama.headers().firstValue("Allow").orElse("")).contains("POST");
        assertThat(plainError(call("DELETE", "/api/v1/ask", null, null), 405)).contains("POST");
        assertThat(openAiError(http().get("/v1/chat/completions"), 405).path("message").asString()).contains("POST");
        assertThat(llamaCppError(http().get("/infill"), 405).path("message").asString()).contains("POST");
    }

    @Test
    void aWrongContentTypeIsA415ForLabradorsApi() {
        assertThat(plainError(call("POST", "/api/v1/ask", "text/plain", "{\"question\": \"hi\"}"), 415))
                .contains("application/json");
    }

    @Test
    void curlsDefaultFormContentTypeIsReadAsJson() {
        String form = "application/x-www-form-urlencoded";
        HttpResponse<String> chat = call("POST", "/api/chat", form,
                "{\"model\": \"" + CHAT_MODEL + "\", \"stream\": false, \"messages\": " + QUESTION + "}");
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(IdeHttp.json(chat).path("message").path("content").asString()).contains("cuts.yaml");

        HttpResponse<String> generate = call("POST", "/api/generate", form, "{\"model\": \"" + CODER
                + "\", \"stream\": false, \"prompt\": \"def select(peaks):\\n    return [p for p in peaks if \", \"suffix\": \"]\\n\"}");
        assertThat(generate.statusCode()).as(generate.body()).isEqualTo(200);
        assertThat(IdeHttp.json(generate).path("response").asString()).isEqualTo("passes_s1(p.area)");

        HttpResponse<String> openAi = call("POST", "/v1/chat/completions", form,
                "{\"model\": \"" + CHAT_MODEL + "\", \"messages\": " + QUESTION + "}");
        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
        assertThat(IdeHttp.json(openAi).path("choices").path(0).path("message").path("content").asString()).contains("cuts.yaml");
    }

    @Test
    void unknownPathsAreJson404sAndOllamasOtherEndpointsAnswer() {
        assertThat(plainError(http().get("/api/foo"), 404)).contains("/api/foo");
        assertThat(plainError(http().post("/api/v1/nothing", "{}"), 404)).isNotBlank();
        assertThat(openAiError(http().get("/v1/foo"), 404).path("message").asString()).contains("/v1/foo");

        JsonNode ps = IdeHttp.json(http().get("/api/ps"));
        assertThat(ps.path("models").isArray()).isTrue();

        JsonNode model = IdeHttp.json(http().get("/v1/models/" + CHAT_MODEL + "@fixtures"));
        assertThat(model.path("id").asString()).isEqualTo(CHAT_MODEL + "@fixtures");
        assertThat(model.path("object").asString()).isEqualTo("model");
        assertThat(model.path("owned_by").asString()).isNotBlank();
        JsonNode unknown = openAiError(http().get("/v1/models/gpt-17"), 404);
        assertThat(unknown.path("code").asString()).isEqualTo("model_not_found");

        HttpResponse<String> pulled = http().post("/api/pull", "{\"model\": \"" + CODER + "\", \"stream\": false}");
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(IdeHttp.json(pulled).path("status").asString()).isEqualTo("success");
        assertThat(plainError(http().post("/api/pull", "{\"model\": \"llama9:70b\"}"), 403)).contains("ollama pull llama9:70b");
    }

    @Test
    void generateRepliesCarryAContextArray() {
        String request = "{\"model\": \"" + CODER + "\", \"prompt\": \"x = \", \"suffix\": \"\\n\"";
        JsonNode once = IdeHttp.json(http().post("/api/generate", request + ", \"stream\": false}"));
        assertThat(once.path("context").isArray()).as(once.toString()).isTrue();
        List<JsonNode> lines = IdeHttp.ndjson(http().post("/api/generate", request + "}").body());
        assertThat(lines.getLast().path("done").asBoolean()).isTrue();
        assertThat(lines.getLast().path("context").isArray()).isTrue();
    }

    @Test
    void llamaVscodesWarmUpGeneratesNothing() {
        int generates = OLLAMA.generateRequests().size();
        HttpResponse<String> warmUp = http().post("/infill", "{\"input_prefix\": \"def f(\", \"input_suffix\": \"):\\n\","
                + " \"n_predict\": 0, \"cache_prompt\": true}");
        assertThat(warmUp.statusCode()).as(warmUp.body()).isEqualTo(200);
        assertThat(IdeHttp.json(warmUp).path("content").asString()).isEmpty();
        assertThat(IdeHttp.json(warmUp).path("stop").asBoolean()).isTrue();
        assertThat(OLLAMA.generateRequests()).as("the model server generated nothing").hasSize(generates);
    }

    @Test
    void anUnknownChatModelIsA404() {
        String body = "{\"model\": \"no-such-model:7b\", \"messages\": " + QUESTION + "}";
        assertThat(plainError(http().post("/api/chat", body), 404)).contains("no-such-model");
        assertThat(openAiError(http().post("/v1/chat/completions", body), 404).path("code").asString())
                .isEqualTo("model_not_found");
        assertThat(http().post("/api/chat", "{\"model\": \"" + CODER + "\", \"stream\": false, \"messages\": " + QUESTION + "}")
                .statusCode()).as("a listed model answers").isEqualTo(200);
    }

    @Test
    void theOllamaProbeAnswersWithAndWithoutATokenAndToHead() {
        for (IdeHttp caller : List.of(http(), anonymous(), new IdeHttp("http://localhost:" + port, "lab_revoked"))) {
            HttpResponse<String> probe = caller.get("/");
            assertThat(probe.statusCode()).isEqualTo(200);
            assertThat(probe.body()).isEqualTo("Ollama is running");
            HttpResponse<String> head = caller.send(caller.request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void refusalsOfTheTokenSayWhyInTheProtocolsShape() {
        String infill = "{\"input_prefix\": \"x = \", \"input_suffix\": \"\\n\"}";
        JsonNode none = llamaCppError(anonymous().post("/infill", infill), 401);
        assertThat(none.path("type").asString()).isEqualTo("authentication_error");
        assertThat(none.path("message").asString()).contains("Bearer");
        IdeHttp revoked = new IdeHttp("http://localhost:" + port, "lab_not_a_real_token");
        assertThat(llamaCppError(revoked.post("/infill", infill), 401).path("message").asString()).contains("revoked");
        assertThat(llamaCppError(revoked.get("/health"), 401).path("type").asString()).isEqualTo("authentication_error");
        assertThat(plainError(revoked.post("/api/chat", "{}"), 401)).contains("revoked");
        assertThat(openAiError(revoked.get("/v1/models"), 401).path("message").asString()).contains("revoked");
    }

    @Test
    void conversationsCreatedAtOnceGetTheirOwnIds() throws Exception {
        http(); // creates the account
        long user = accounts.find("coder").orElseThrow().id();
        Answer answer = new Answer("an answer", List.of(), new Answer.ModelInfo(CHAT_MODEL, "", true, ""), true, null);
        List<Callable<ConversationStore.Recorded>> asks = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS_AT_ONCE; i++) {
            String question = "question number " + i;
            asks.add(() -> conversations.record(user, null, question, answer));
        }
        List<ConversationStore.Recorded> recorded = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<ConversationStore.Recorded> f : pool.invokeAll(asks)) {
                recorded.add(f.get());
            }
        }
        Set<Long> ids = recorded.stream().map(ConversationStore.Recorded::conversationId).collect(Collectors.toSet());
        assertThat(ids).hasSize(CONVERSATIONS_AT_ONCE);
        for (int i = 0; i < CONVERSATIONS_AT_ONCE; i++) {
            ConversationStore.ConversationDetail detail = conversations.get(user, recorded.get(i).conversationId()).orElseThrow();
            assertThat(detail.exchanges()).hasSize(1);
            assertThat(detail.exchanges().getFirst().question()).isEqualTo("question number " + i);
            assertThat(detail.exchanges().getFirst().id()).isEqualTo(recorded.get(i).exchangeId());
        }
    }
}

package org.labrador.chatserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.webui.chat.ChatAssistant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The leak test: alice (group xenon) and bob (group lz) ask, search and stream the same questions;
 * no passage of the other group's source reaches their prompt, answer, citations, search hits or
 * opened files. The model echoes its prompt, so anything that reached it shows in the answer.
 * Also: every endpoint refuses an anonymous call, a revoked token is refused at once, and roles hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessControlTest {

    private static final String SECRET = "lz-secret-cuts.toml";
    private static final OllamaProtocolServer OLLAMA = OllamaProtocolServer.start().models("qwen2.5:3b")
            .reply(messages -> "Echo of my prompt: " + messages.getLast().content());
    private static final Path DATA = temp("labrador-access-data");
    private static final Path LZ_NOTES = lzNotes();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SyncService sync;

    @Autowired
    ChatAssistant chat;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("labrador.data-dir", DATA::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        // Curators add folders made under the system temp folder (the data dir in it stays refused).
        registry.add("labrador.sources.allowed-roots", () -> System.getProperty("java.io.tmpdir"));
        registry.add("labrador.sources-file", () -> DATA.resolve("no-sources.yml").toString());
        registry.add("labrador.sources[0].name", () -> "xenon-docs");
        registry.add("labrador.sources[0].path", () -> fixtureDocs().toString());
        registry.add("labrador.sources[0].groups[0]", () -> "xenon");
        registry.add("labrador.sources[1].name", () -> "lz-notes");
        registry.add("labrador.sources[1].path", LZ_NOTES::toString);
        registry.add("labrador.sources[1].groups[0]", () -> "lz");
        registry.add("labrador.ollama.base-url", OLLAMA::baseUrl);
        registry.add("labrador.ollama.model", () -> "qwen2.5:3b");
    }

    @AfterAll
    static void stopModel() {
        OLLAMA.close();
    }

    @BeforeEach
    void usersAndIndex() throws IOException {
        if (accounts.find("alice").isEmpty()) {
            accounts.create("alice", "alice's long password", Role.READER, List.of("xenon"));
            accounts.create("bob", "bob's long password", Role.READER, List.of("lz"));
            accounts.create("carol", "carol's long password", Role.CURATOR, List.of());
            sync.syncNow(null, p -> { });
        }
    }

    @Test
    void answersUseOnlyTheCallersSources() throws Exception {
        String question = "{\"question\": \"Where is the S1 area threshold set?\"}";
        JsonNode alice = json(post("/api/v1/ask", token("alice"), question));
        assertThat(alice.path("answer").asString()).contains("s1_area_min").doesNotContain(SECRET).doesNotContain("LZ");
        assertThat(OLLAMA.lastChatMessages().toString()).doesNotContain(SECRET);
        assertThat(sources(alice.path("citations"))).containsOnly("xenon-docs");

        JsonNode bob = json(post("/api/v1/ask", token("bob"), question));
        assertThat(bob.path("answer").asString()).contains(SECRET).doesNotContain("s1_area_min");
        assertThat(OLLAMA.lastChatMessages().toString()).doesNotContain("s1_area_min");
        assertThat(sources(bob.path("citations"))).containsOnly("lz-notes");
    }

    @Test
    void streamedAnswersUseOnlyTheCallersSources() throws Exception {
        HttpResponse<String> stream = http.send(HttpRequest.newBuilder(uri("/api/v1/ask"))
                .header("Authorization", "Bearer " + token("alice")).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Where is the S1 area threshold set?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("event:done").contains("s1_area_min").doesNotContain(SECRET).doesNotContain("lz-notes");
    }

    @Test
    void ideChatThroughOllamaAndOpenAiProtocolsUsesOnlyTheCallersSources() throws Exception {
        String chat = "{\"model\": \"qwen2.5:3b\", \"stream\": false, \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"Where is the S1 area threshold set?\"}]}";
        for (String path : List.of("/api/chat", "/v1/chat/completions")) {
            HttpResponse<String> alice = post(path, token("alice"), chat);
            assertThat(alice.statusCode()).as(path + ": " + alice.body()).isEqualTo(200);
            assertThat(alice.body()).as(path).contains("s1_area_min").doesNotContain(SECRET).doesNotContain("lz-notes");
            assertThat(OLLAMA.lastChatMessages().toString()).as(path).doesNotContain(SECRET);
            HttpResponse<String> bob = post(path, token("bob"), chat);
            assertThat(bob.body()).as(path).contains(SECRET).doesNotContain("s1_area_min");
        }
        // Streamed, as plugins ask by default.
        HttpResponse<String> streamed = post("/v1/chat/completions", token("alice"), chat.replace("\"stream\": false", "\"stream\": true"));
        assertThat(streamed.body()).contains("data: [DONE]").doesNotContain(SECRET);
        // The model list offers per-source chat models only for the caller's sources.
        assertThat(get("/api/tags", token("alice")).body()).doesNotContain("lz-notes");
    }

    @Test
    void limitingAQuestionToAnotherGroupsSourceFindsNothing() throws Exception {
        int modelCalls = OLLAMA.chatRequests().size();
        JsonNode alice = json(post("/api/v1/ask", token("alice"),
                "{\"question\": \"Where is the S1 area threshold set?\", \"sources\": [\"lz-notes\"]}"));
        assertThat(alice.path("answer").asString()).startsWith("I don't know").doesNotContain(SECRET);
        assertThat(alice.path("citations").size()).isZero();
        assertThat(OLLAMA.chatRequests()).hasSize(modelCalls);
    }

    @Test
    void searchReturnsOnlyTheCallersSourcesInEveryMode() throws Exception {
        for (String mode : List.of("bm25", "vector", "hybrid")) {
            String query = URLEncoder.encode("S1 area threshold lz secret cuts toml", StandardCharsets.UTF_8);
            JsonNode hits = json(get("/api/v1/search?k=20&mode=" + mode + "&q=" + query, token("alice"))).path("hits");
            assertThat(hits.size()).as(mode).isPositive();
            assertThat(sources(hits)).as(mode).containsOnly("xenon-docs");
            JsonNode limited = json(get("/api/v1/search?k=20&mode=" + mode + "&source=lz-notes&q=" + query, token("alice")));
            assertThat(limited.path("hits").size()).as(mode).isZero();
        }
    }

    @Test
    void citedFilesOpenOnlyForReadersOfTheirSource() {
        try {
            signedIn("alice");
            assertThat(chat.openFile("lz-notes", "cuts.md")).isEmpty();
            assertThat(chat.openFile("xenon-docs", "analysis/event-selection.md")).isPresent();
            assertThat(chat.sources()).containsExactly("xenon-docs");
            signedIn("bob");
            assertThat(chat.openFile("lz-notes", "cuts.md")).get().extracting(f -> f.text()).asString().contains(SECRET);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void everyEndpointRefusesAnAnonymousCall() throws Exception {
        for (String path : List.of("/api/v1/ask", "/api/v1/search?q=x", "/api/v1/sources", "/api/v1/me", "/api/v1/tokens",
                "/api/v1/users", "/api/v1/conversations", "/api/v1/questions", "/api/tags", "/api/version", "/api/chat",
                "/api/generate", "/api/show", "/api/embed", "/v1/models", "/v1/chat/completions", "/v1/completions",
                "/v1/embeddings", "/v1/health", "/infill", "/health")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).contains("error").doesNotContain("s1_area_min");
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"S1\",\"model\":\"qwen2.5:3b\",\"prompt\":\"x\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as("POST " + path).isEqualTo(401);
        }
        // Ollama clients' probe of the root is the one answer without a token (docs/ide.md), as with Ollama;
        // it says nothing but that the server runs.
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(uri("/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(probe.body()).isEqualTo("Ollama is running");
        assertThat(http.send(HttpRequest.newBuilder(uri("/")).header("Authorization", "Bearer lab_made-up").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("Ollama is running");
        assertThat(http.send(HttpRequest.newBuilder(uri("/")).header("Authorization", "Bearer " + token("alice")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("Ollama is running");
        // A made-up token is no better than none.
        assertThat(get("/api/v1/search?q=S1", "lab_not-a-real-token").statusCode()).isEqualTo(401);
        // Web pages and cited files send the browser to the sign-in page.
        for (String page : List.of("/", "/sources", "/tokens", "/source/xenon-docs/analysis/event-selection.md")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(page)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).as(page).endsWith("/login");
        }
    }

    @Test
    void theApiIsDescribedWithOpenApiForSignedInCallers() throws Exception {
        assertThat(get("/v3/api-docs", "none").statusCode()).isEqualTo(401);
        JsonNode spec = json(get("/v3/api-docs", token("carol")));
        assertThat(spec.path("openapi").asString()).startsWith("3.");
        assertThat(spec.path("paths").propertyNames()).contains("/api/v1/ask", "/api/v1/search", "/api/v1/sources",
                "/api/v1/sources/{name}/sync", "/api/v1/tokens", "/api/v1/users", "/api/v1/questions",
                "/api/v1/conversations", "/api/v1/answers/{exchange}/feedback");
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() throws Exception {
        String secret = token("alice");
        assertThat(get("/api/v1/me", secret).statusCode()).isEqualTo(200);
        long id = tokens.list("alice").stream().filter(t -> secret.startsWith(t.prefix()) && !t.revoked())
                .reduce((a, b) -> b).orElseThrow().id();
        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(uri("/api/v1/tokens/" + id))
                .header("Authorization", "Bearer " + secret).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/me", secret).statusCode()).isEqualTo(401);
        assertThat(tokens.list("alice")).filteredOn(t -> t.id() == id).singleElement().matches(ApiToken::revoked);
    }

    @Test
    void rolesDecideWhoManagesSourcesAndUsers() throws Exception {
        assertThat(get("/api/v1/sources", token("alice")).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/questions", token("alice")).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/sources", token("carol")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/users", token("carol")).statusCode()).isEqualTo(403);
    }

    @Test
    void changingASourcesGroupsReTagsItsPassagesAndAReSyncKeepsThem() throws Exception {
        // Its own readers, groups and source, removed at the end: the other tests' callers never see it,
        // whatever order the tests run in.
        if (accounts.find("dora").isEmpty()) {
            accounts.create("dora", "dora's long password", Role.READER, List.of("calib-a"));
            accounts.create("emil", "emil's long password", Role.READER, List.of("calib-b"));
        }
        Path folder = temp("labrador-calibration");
        Files.writeString(folder.resolve("krypton.md"), "# Krypton calibration\n\nThe krypton-83m source is injected "
                + "weekly to calibrate the light yield at 41.5 keV.\n");
        String name = "calib-" + System.nanoTime();
        String definition = "{\"name\": \"" + name + "\", \"kind\": \"docs\", \"path\": \"" + folder
                + "\", \"groups\": [\"calib-b\"]}";
        assertThat(post("/api/v1/sources", token("carol"), definition).statusCode()).isEqualTo(201);
        try {
            sync.syncNow(name, p -> { });
            String query = "/api/v1/search?mode=bm25&q=krypton+light+yield";
            assertThat(json(get(query, token("dora"))).path("hits").size()).isZero();
            assertThat(json(get(query, token("emil"))).path("hits").size()).isPositive();

            HttpResponse<String> opened = http.send(HttpRequest.newBuilder(uri("/api/v1/sources/" + name))
                    .header("Authorization", "Bearer " + token("carol")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(definition.replace("[\"calib-b\"]", "[\"calib-b\", \"calib-a\"]")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
            sync.syncNow(name, p -> { });
            assertThat(json(get(query, token("dora"))).path("hits").size()).isPositive();
            sync.syncNow(name, p -> { }); // nothing changed: the passages keep their groups
            assertThat(json(get(query, token("dora"))).path("hits").size()).isPositive();
            assertThat(json(get(query, token("emil"))).path("hits").size()).isPositive();
            assertThat(json(get(query, token("alice"))).path("hits").size()).as("alice is in neither group").isZero();
        } finally {
            sync.remove(name).get();
        }
    }

    private void signedIn(String username) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                Role.READER.authorities()));
        SecurityContextHolder.setContext(context);
    }

    private String token(String username) {
        return tokens.create(username, "test").secret();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static List<String> sources(JsonNode items) {
        return items.valueStream().map(n -> n.path("source").asString()).distinct().toList();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static Path fixtureDocs() {
        try {
            return Paths.get(AccessControlTest.class.getResource("/fixture-docs").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path lzNotes() {
        Path folder = temp("labrador-lz-notes");
        try {
            Files.writeString(folder.resolve("cuts.md"), """
                    # LZ analysis cuts

                    ## S1 area threshold

                    The S1 area threshold for the LZ analysis is set in `%s` under `s1_min_phd`.
                    It is 3 phd, chosen from the LZ single-electron studies.
                    """.formatted(SECRET));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.labrador.chatserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.index.solr.SolrPassageIndex;
import org.labrador.index.solr.testing.SolrCluster;
import org.labrador.index.solr.testing.SolrClusterExtension;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.retrieval.PassageIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The leak test of {@link AccessControlTest} with the server on the SolrCloud backend
 * ({@code labrador.index.backend: solr}, two nodes, two shards of two replicas): the sources are
 * synced into the collection, and alice (xenon) and bob (lz) ask, search in every mode and chat
 * through the IDE endpoints; no passage of the other's source reaches them or the model.
 */
@ExtendWith(SolrClusterExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SolrBackendAccessControlTest {

    private static final String SECRET = "lz-secret-cuts.toml";
    private static final String QUESTION = "{\"question\": \"Where is the S1 area threshold set?\"}";
    private static final OllamaProtocolServer OLLAMA = OllamaProtocolServer.start().models("qwen2.5:3b")
            .reply(messages -> "Echo of my prompt: " + messages.getLast().content());
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
    PassageIndex index;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("labrador-solr-access-data");
        Path lzNotes = Files.createTempDirectory("labrador-solr-lz-notes");
        Files.writeString(lzNotes.resolve("cuts.md"), """
                # LZ analysis cuts

                ## S1 area threshold

                The S1 area threshold for the LZ analysis is set in `%s` under `s1_min_phd`.
                It is 3 phd, chosen from the LZ single-electron studies.
                """.formatted(SECRET));
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> data.resolve("no-sources.yml").toString());
        registry.add("labrador.sources[0].name", () -> "xenon-docs");
        registry.add("labrador.sources[0].path", () -> AccessControlTest.fixtureDocs().toString());
        registry.add("labrador.sources[0].groups[0]", () -> "xenon");
        registry.add("labrador.sources[1].name", () -> "lz-notes");
        registry.add("labrador.sources[1].path", lzNotes::toString);
        registry.add("labrador.sources[1].groups[0]", () -> "lz");
        registry.add("labrador.ollama.base-url", OLLAMA::baseUrl);
        registry.add("labrador.ollama.model", () -> "qwen2.5:3b");
        registry.add("labrador.index.backend", () -> "solr");
        registry.add("labrador.index.solr.zk-hosts", () -> SolrCluster.shared().zkHost());
        registry.add("labrador.index.solr.collection", () -> "server-access-" + ProcessHandle.current().pid());
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
            sync.syncNow(null, p -> { });
        }
    }

    @Test
    void theServerServesFromTheCollection() throws IOException {
        assertThat(index).isInstanceOf(SolrPassageIndex.class);
        assertThat(index.stats("lz-notes").chunks()).isPositive();
        assertThat(index.stats("xenon-docs").chunks()).isPositive();
    }

    @Test
    void answersUseOnlyTheCallersSources() throws Exception {
        JsonNode alice = json(post("/api/v1/ask", token("alice"), QUESTION));
        assertThat(alice.path("answer").asString()).contains("s1_area_min").doesNotContain(SECRET);
        assertThat(OLLAMA.lastChatMessages().toString()).doesNotContain(SECRET);
        assertThat(sources(alice.path("citations"))).containsOnly("xenon-docs");

        JsonNode bob = json(post("/api/v1/ask", token("bob"), QUESTION));
        assertThat(bob.path("answer").asString()).contains(SECRET).doesNotContain("s1_area_min");
        assertThat(OLLAMA.lastChatMessages().toString()).doesNotContain("s1_area_min");
        assertThat(sources(bob.path("citations"))).containsOnly("lz-notes");
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
            JsonNode bob = json(get("/api/v1/search?k=20&mode=" + mode + "&q=" + query, token("bob"))).path("hits");
            assertThat(sources(bob)).as(mode).containsOnly("lz-notes");
        }
    }

    @Test
    void ideChatUsesOnlyTheCallersSources() throws Exception {
        String chat = "{\"model\": \"qwen2.5:3b\", \"stream\": false, \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"Where is the S1 area threshold set?\"}]}";
        for (String path : List.of("/api/chat", "/v1/chat/completions")) {
            HttpResponse<String> alice = post(path, token("alice"), chat);
            assertThat(alice.statusCode()).as(path + ": " + alice.body()).isEqualTo(200);
            assertThat(alice.body()).as(path).contains("s1_area_min").doesNotContain(SECRET);
            assertThat(OLLAMA.lastChatMessages().toString()).as(path).doesNotContain(SECRET);
        }
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
}

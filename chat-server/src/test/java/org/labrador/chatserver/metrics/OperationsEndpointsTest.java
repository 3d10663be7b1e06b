package org.labrador.chatserver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ApiCalls;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.retrieval.ChunkIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What an operations team wires up: Prometheus scrapes {@code /actuator/prometheus} with an admin's
 * token or the scrape token and finds answer, model and search meters there; {@code /actuator/info}
 * names the version and the index schema; a dead model shows in health without making the server
 * unready; nobody else reads any of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsEndpointsTest {

    private static final String SCRAPE_TOKEN = "scrape-0123456789abcdef";
    private static final OllamaProtocolServer OLLAMA = OllamaProtocolServer.start().models("qwen2.5:3b")
            .reply("The circulation pump runs at 50 slpm [1].");
    private static final Path ROOT = temp();

    @LocalServerPort
    int port;

    private final ApiCalls api = new ApiCalls(() -> port);

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SyncService sync;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createDirectories(ROOT.resolve("data"));
        Path docs = Files.createDirectories(ROOT.resolve("docs"));
        Files.writeString(docs.resolve("pumps.md"), "# Pumps\n\nThe circulation pump runs at 50 slpm.\n");
        Path secrets = ROOT.resolve("secrets.properties");
        Files.writeString(secrets, "LABRADOR_SECRET_SCRAPE=" + SCRAPE_TOKEN + "\n");
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> data.resolve("none.yml").toString());
        registry.add("labrador.secrets-file", secrets::toString);
        registry.add("labrador.metrics.scrape-token-env", () -> "LABRADOR_SECRET_SCRAPE");
        registry.add("labrador.ollama.base-url", OLLAMA::baseUrl);
        registry.add("labrador.ollama.model", () -> "qwen2.5:3b");
        registry.add("labrador.sources[0].name", () -> "docs");
        registry.add("labrador.sources[0].path", docs::toString);
    }

    @AfterAll
    static void stopModel() {
        OLLAMA.close();
    }

    @BeforeEach
    void usersAndIndex() throws IOException {
        if (accounts.find("root").isEmpty()) {
            accounts.create("root", "root's long password", Role.ADMIN, List.of());
            accounts.create("alice", "alice's long password", Role.READER, List.of());
            sync.syncNow(null, p -> { });
        }
    }

    @Test
    void prometheusSeesAnswersModelsSearchesAndSyncs() throws Exception {
        String alice = tokens.create("alice", "chat").secret();
        assertThat(api.call("POST", "/api/v1/ask", alice, "{\"question\": \"How fast does the circulation pump run?\"}")
                .statusCode()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/search?q=pump&mode=bm25", alice, null).statusCode()).isEqualTo(200);

        HttpResponse<String> scraped = api.call("GET", "/actuator/prometheus", tokens.create("root", "prometheus").secret(), null);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(scraped.body())
                .contains("labrador_search_seconds_count{mode=\"bm25\"} 1")
                .contains("labrador_ask_seconds_count{stage=\"retrieval\"} 1")
                .contains("labrador_ask_seconds_count{stage=\"generation\"} 1")
                .contains("labrador_ask_seconds_count{stage=\"total\"} 1")
                .contains("labrador_model_first_token_seconds_count{model=\"qwen2.5:3b\",use=\"chat\"} 1")
                .contains("labrador_model_requests_seconds_count{model=\"qwen2.5:3b\",outcome=\"ok\",use=\"chat\"} 1")
                .contains("labrador_model_requests_active{model=\"qwen2.5:3b\",use=\"chat\"} 0")
                .contains("labrador_model_tokens_per_second")
                .contains("labrador_model_prompt_tokens_count{model=\"qwen2.5:3b\",use=\"chat\"} 1")
                .contains("labrador_sync_seconds_count{outcome=\"ok\",source=\"docs\"}")
                .contains("http_server_requests_seconds")
                // the question itself is never a label
                .doesNotContain("circulation pump");
    }

    @Test
    void theScrapeTokenReadsMetricsAndNothingElse() throws Exception {
        assertThat(api.call("GET", "/actuator/prometheus", SCRAPE_TOKEN, null).statusCode()).isEqualTo(200);
        assertThat(api.call("GET", "/actuator/info", SCRAPE_TOKEN, null).statusCode()).isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/ask", SCRAPE_TOKEN, "{\"question\": \"pump?\"}").statusCode()).isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/search?q=pump", SCRAPE_TOKEN, null).statusCode()).isEqualTo(401);
        assertThat(api.call("GET", "/actuator/prometheus", SCRAPE_TOKEN + "x", null).statusCode()).isEqualTo(401);
    }

    @Test
    void readersAndStrangersGetNoMetrics() throws Exception {
        String alice = tokens.create("alice", "curious").secret();
        for (String path : List.of("/actuator/prometheus", "/actuator/info", "/actuator/%70rometheus", "/actuator/prometheus/")) {
            assertThat(api.call("GET", path, alice, null).statusCode()).as(path).isIn(403, 404);
            assertThat(api.call("GET", path, "none", null).statusCode()).as(path).isEqualTo(401);
        }
        // Everything else of the actuator stays unserved, even for an admin.
        String root = tokens.create("root", "ops").secret();
        for (String path : List.of("/actuator/env", "/actuator/heapdump", "/actuator/metrics", "/actuator/beans")) {
            assertThat(api.call("GET", path, root, null).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void infoNamesTheVersionAndTheIndexSchema() throws Exception {
        JsonNode info = ApiCalls.json(api.call("GET", "/actuator/info", tokens.create("root", "info").secret(), null), 200);
        assertThat(info.path("index").path("schema").asInt()).isEqualTo(ChunkIndex.schemaVersion());
        assertThat(info.path("index").path("embeddingModel").asString()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(info.path("chatModel").path("name").asString()).isEqualTo("qwen2.5:3b");
        assertThat(info.path("build").path("version").asString()).isNotBlank();
    }

    // Last: it stops the model server the other tests ask.
    @Test
    @Order(Integer.MAX_VALUE)
    void aDeadModelShowsInHealthButTheServerStaysReady() throws Exception {
        String root = tokens.create("root", "health").secret();
        JsonNode health = ApiCalls.json(api.call("GET", "/actuator/health", root, null), 200);
        assertThat(health.path("components").path("model").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(api.call("GET", "/actuator/health/model", root, null).statusCode()).isEqualTo(200);

        OLLAMA.close();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (api.call("GET", "/actuator/health/model", root, null).statusCode() != 503) {
            assertThat(System.nanoTime()).as("the model's health turns 503 once the status cache expires").isLessThan(deadline);
            Thread.sleep(200);
        }
        JsonNode after = ApiCalls.json(api.call("GET", "/actuator/health", root, null), 200);
        assertThat(after.path("status").asString()).isEqualTo("UP");
        assertThat(after.path("components").path("model").path("status").asString()).isEqualTo("DEGRADED");
        JsonNode readiness = ApiCalls.json(api.call("GET", "/actuator/health/readiness", root, null), 200);
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").has("db")).isTrue();
        assertThat(readiness.path("components").has("model")).isFalse();
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("labrador-operations");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

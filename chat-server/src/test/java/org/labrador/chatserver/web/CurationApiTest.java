package org.labrador.chatserver.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.chatserver.ApiCalls.json;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.chatserver.ApiCalls;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.chatserver.sources.SyncService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The curators' REST API as a script uses it: add a source, test it, sync it, see its state and
 * documents, exclude and pin documents, remove it with its passages; run gold questions and keep
 * each run; read the questions asked and the feedback on answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CurationApiTest {

    private static Path data;

    @LocalServerPort
    int port;

    private final ApiCalls api = new ApiCalls(() -> port);

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SyncService sync;

    @TempDir
    Path folder;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        data = Files.createTempDirectory("labrador-curation-api");
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        // Curators add folders made under the system temp folder (the data dir in it stays refused).
        registry.add("labrador.sources.allowed-roots", () -> System.getProperty("java.io.tmpdir"));
        registry.add("labrador.sources-file", () -> data.resolve("none.yml").toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9"); // no model: answers are passages
    }

    @BeforeEach
    void accounts() {
        if (accounts.find("carol").isEmpty()) {
            accounts.create("carol", "carol's long password", Role.CURATOR, List.of());
            accounts.create("dave", "dave's long password", Role.READER, List.of());
        }
    }

    @Test
    void aCuratorManagesASourceThroughItsWholeLife() throws Exception {
        Files.writeString(folder.resolve("purity.md"), "# Xenon purity\n\nThe electron lifetime is monitored with purity monitors.\n");
        Files.writeString(folder.resolve("pumps.md"), "# Pumps\n\nThe circulation pump runs at 50 slpm during science runs.\n");
        String carol = token("carol");
        String definition = "{\"name\": \"ops\", \"kind\": \"docs\", \"path\": \"" + folder + "\"}";

        JsonNode test = json(api.call("POST", "/api/v1/sources/test", carol, definition), 200);
        assertThat(test.path("ok").asBoolean()).isTrue();
        assertThat(test.path("documents").asInt()).isEqualTo(2);
        JsonNode bad = json(api.call("POST", "/api/v1/sources/test", carol,
                "{\"name\": \"nope\", \"kind\": \"docs\", \"path\": \"" + folder.resolve("missing") + "\"}"), 200);
        assertThat(bad.path("ok").asBoolean()).isFalse();
        assertThat(bad.path("message").asString()).contains("does not exist");

        // Adding a source starts its sync: no "Sync now" needed before readers are answered from it.
        assertThat(json(api.call("POST", "/api/v1/sources", carol, definition), 201).path("state").asString())
                .isIn("queued", "syncing", "idle");
        assertThat(api.call("POST", "/api/v1/sources", carol, definition).statusCode()).as("twice").isEqualTo(409);
        JsonNode status = waitUntilIdle(carol);
        assertThat(api.call("POST", "/api/v1/sources/ops/sync", carol, "").statusCode()).isEqualTo(202);
        assertThat(status.path("documents").asLong()).isEqualTo(2);
        assertThat(status.path("chunks").asLong()).isPositive();
        assertThat(status.path("lastSync").asString()).isNotBlank();

        JsonNode documents = json(api.call("GET", "/api/v1/sources/ops/documents", carol, null), 200);
        assertThat(documents.valueStream().map(d -> d.path("path").asString())).containsExactly("pumps.md", "purity.md");

        String search = "/api/v1/search?mode=bm25&q=circulation+pump+slpm";
        assertThat(json(api.call("GET", search, token("dave"), null), 200).path("hits").size()).isPositive();
        assertThat(api.call("PUT", "/api/v1/sources/ops/documents/flag", carol, "{\"path\": \"pumps.md\", \"flag\": \"excluded\"}")
                .statusCode()).isEqualTo(204);
        assertThat(json(api.call("GET", search, token("dave"), null), 200).path("hits").size()).as("excluded at once").isZero();
        sync.syncNow("ops", p -> { });
        assertThat(json(api.call("GET", search, token("dave"), null), 200).path("hits").size()).as("and across syncs").isZero();
        assertThat(json(api.call("GET", "/api/v1/sources/ops/documents", carol, null), 200).toString())
                .contains("\"excluded\"");

        assertThat(api.call("PUT", "/api/v1/sources/ops/documents/flag", carol, "{\"path\": \"purity.md\", \"flag\": \"pinned\"}")
                .statusCode()).isEqualTo(204);
        assertThat(json(api.call("GET", "/api/v1/sources/ops/documents", carol, null), 200).toString()).contains("\"pinned\"");

        assertThat(api.call("DELETE", "/api/v1/sources/ops", carol, null).statusCode()).isEqualTo(204);
        // The removal runs after any sync in progress: wait for it.
        for (int i = 0; i < 100 && api.call("GET", "/api/v1/sources/ops", carol, null).statusCode() != 404; i++) {
            Thread.sleep(100);
        }
        assertThat(api.call("GET", "/api/v1/sources/ops", carol, null).statusCode()).isEqualTo(404);
        assertThat(json(api.call("GET", "/api/v1/search?mode=bm25&q=electron+lifetime+purity", token("dave"), null), 200)
                .path("hits").size()).as("its passages went with it").isZero();
    }

    @Test
    void goldQuestionRunsAreKeptForTheTrend() throws Exception {
        Files.writeString(folder.resolve("lifetime.md"), "# Electron lifetime\n\nMeasured daily from alpha events.\n");
        String carol = token("carol");
        json(api.call("POST", "/api/v1/sources", carol, "{\"name\": \"eval-docs\", \"kind\": \"docs\", \"path\": \"" + folder + "\"}"), 201);
        sync.syncNow("eval-docs", p -> { });
        Path gold = folder.resolve("gold.jsonl");
        Files.writeString(gold, "{\"question\": \"how is the electron lifetime measured?\", \"gold\": [\"lifetime.md\"]}\n");
        String request = "{\"questions\": \"" + gold + "\", \"source\": \"eval-docs\", \"k\": 3}";
        JsonNode report = json(api.call("POST", "/api/v1/evaluations", carol, request), 200);
        assertThat(report.path("hitAtK").asDouble()).isEqualTo(1.0);
        json(api.call("POST", "/api/v1/evaluations", carol, request), 200);
        JsonNode runs = json(api.call("GET", "/api/v1/evaluations", carol, null), 200);
        assertThat(runs.valueStream().filter(r -> r.path("source").asString().equals("eval-docs")).count()).isEqualTo(2);
        assertThat(api.call("POST", "/api/v1/evaluations", carol, "{\"questions\": \"/etc/passwd\"}").statusCode()).isEqualTo(400);
        // The server reads gold questions only where sources may be read, never in its data dir, and an
        // unreadable line is reported by its number, not quoted.
        Files.writeString(data.resolve("gold.jsonl"), "{\"question\": \"q\", \"gold\": [\"a.md\"]}\n");
        assertThat(api.call("POST", "/api/v1/evaluations", carol, "{\"questions\": \"" + data.resolve("gold.jsonl") + "\"}")
                .statusCode()).isEqualTo(400);
        Path notJson = folder.resolve("hashes.jsonl");
        Files.writeString(notJson, "root:$6$secret-hash:19000:0:99999:7:::\n");
        HttpResponse<String> refused = api.call("POST", "/api/v1/evaluations", carol, "{\"questions\": \"" + notJson + "\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("line 1").doesNotContain("secret-hash").doesNotContain("root");
        assertThat(api.call("GET", "/api/v1/evaluations", token("dave"), null).statusCode()).isEqualTo(403);
    }

    @Test
    void answersAreKeptPerUserAndTheirFeedbackReachesCurators() throws Exception {
        String dave = token("dave");
        JsonNode answer = json(api.call("POST", "/api/v1/ask", dave, "{\"question\": \"What is the recipe for goulash?\"}"), 200);
        assertThat(answer.path("covered").asBoolean()).isFalse();
        long exchange = answer.path("exchange").asLong();
        long conversation = answer.path("conversation").asLong();
        JsonNode followUp = json(api.call("POST", "/api/v1/ask", dave,
                "{\"question\": \"And for strudel?\", \"conversation\": " + conversation + "}"), 200);
        assertThat(followUp.path("conversation").asLong()).isEqualTo(conversation);

        assertThat(api.call("POST", "/api/v1/answers/" + exchange + "/feedback", dave,
                "{\"rating\": -1, \"comment\": \"the wiki has no cooking page\"}").statusCode()).isEqualTo(204);
        assertThat(api.call("POST", "/api/v1/answers/" + exchange + "/feedback", token("carol"), "{\"rating\": 1}").statusCode())
                .as("not carol's answer").isEqualTo(404);

        JsonNode conversations = json(api.call("GET", "/api/v1/conversations", dave, null), 200);
        assertThat(conversations.valueStream().map(c -> c.path("title").asString())).contains("What is the recipe for goulash?");
        assertThat(json(api.call("GET", "/api/v1/conversations/" + conversation, dave, null), 200).path("exchanges").size()).isEqualTo(2);
        assertThat(api.call("GET", "/api/v1/conversations/" + conversation, token("carol"), null).statusCode()).isEqualTo(404);

        JsonNode gaps = json(api.call("GET", "/api/v1/questions?uncovered=true", token("carol"), null), 200);
        assertThat(gaps.toString()).contains("What is the recipe for goulash?").contains("the wiki has no cooking page")
                .doesNotContain("dave");
        assertThat(api.call("DELETE", "/api/v1/conversations/" + conversation, dave, null).statusCode()).isEqualTo(204);
        assertThat(json(api.call("GET", "/api/v1/conversations", dave, null), 200).toString()).doesNotContain("goulash");
    }

    private JsonNode waitUntilIdle(String token) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode status = json(api.call("GET", "/api/v1/sources/ops", token, null), 200);
            if (status.path("state").asString().equals("idle") && !status.path("lastSync").isNull()) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sync did not finish");
    }

    private String token(String user) {
        return tokens.create(user, "test").secret();
    }


}

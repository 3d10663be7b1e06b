package org.labrador.chatserver.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.chatserver.ApiCalls.json;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * Attack tests: a curator outside a source's groups must not learn its contents through the
 * curation API: not the questions asked about it, not its document titles and paths, not the
 * paths an evaluation retrieves. Admins see everything. Sources {@code alpha} (group a) and
 * {@code beta} (group b); curator cara is in group a.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CuratorIsolationTest {

    private static Path data;
    private static Path alpha;

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
        Path root = Files.createTempDirectory("labrador-curator-isolation");
        data = Files.createDirectories(root.resolve("data"));
        alpha = Files.createDirectories(root.resolve("alpha-docs")); // sources never lie in the data dir
        Path beta = Files.createDirectories(root.resolve("beta-docs"));
        Files.writeString(alpha.resolve("cryostat.md"), "# Cryostat\n\nThe cryostat holds the liquid xenon at 177 kelvin.\n");
        Files.writeString(beta.resolve("secret-merger-plan.md"),
                "# Secret merger plan\n\nThe blinded dark matter signal region opens in March.\n");
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> data.resolve("none.yml").toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9"); // no model: answers are passages
        registry.add("labrador.sources[0].name", () -> "alpha");
        registry.add("labrador.sources[0].kind", () -> "docs");
        registry.add("labrador.sources[0].path", alpha::toString);
        registry.add("labrador.sources[0].groups[0]", () -> "a");
        registry.add("labrador.sources[1].name", () -> "beta");
        registry.add("labrador.sources[1].kind", () -> "docs");
        registry.add("labrador.sources[1].path", beta::toString);
        registry.add("labrador.sources[1].groups[0]", () -> "b");
    }

    @BeforeAll
    static void accountsSourcesAndQuestions(@Autowired UserAccounts accounts, @Autowired ApiTokens tokens,
                                            @Autowired SyncService sync, @LocalServerPort int port) throws Exception {
        sync.syncNow(null, p -> { });
        accounts.create("cara", "cara's long password", Role.CURATOR, List.of("a"));
        accounts.create("ann", "ann's long password", Role.ADMIN, List.of());
        accounts.create("ra", "ra's long password", Role.READER, List.of("a"));
        accounts.create("rb", "rb's long password", Role.READER, List.of("b"));
        CuratorIsolationTest asker = new CuratorIsolationTest();
        asker.port = port;
        String ra = tokens.create("ra", "test").secret();
        String rb = tokens.create("rb", "test").secret();
        ask(asker, ra, "At what temperature does the cryostat hold the liquid xenon?", "alpha");
        ask(asker, rb, "When does the blinded dark matter signal region open?", "beta");
        ask(asker, rb, "Who leaks the secret merger plan for the goulash party?", null);
    }

    private static void ask(CuratorIsolationTest client, String token, String question, String cites) throws Exception {
        JsonNode answer = json(client.api.call("POST", "/api/v1/ask", token, "{\"question\": \"" + question + "\"}"), 200);
        if (cites != null) {
            assertThat(answer.path("citations").toString()).as("the answer cites " + cites).contains(cites);
        }
    }

    @Test
    void aCuratorSeesOnlyTheQuestionsAboutSourcesTheirGroupsRead() throws Exception {
        String questions = json(api.call("GET", "/api/v1/questions", token("cara"), null), 200).toString();
        assertThat(questions).contains("cryostat hold the liquid xenon")
                .doesNotContain("blinded dark matter").doesNotContain("secret merger plan");
        assertThat(json(api.call("GET", "/api/v1/questions?source=beta", token("cara"), null), 200).size()).isZero();

        String all = json(api.call("GET", "/api/v1/questions", token("ann"), null), 200).toString();
        assertThat(all).contains("cryostat").contains("blinded dark matter").contains("secret merger plan");
    }

    @Test
    void aCuratorSeesTheDocumentsOnlyOfSourcesTheirGroupsRead() throws Exception {
        String cara = token("cara");
        assertThat(json(api.call("GET", "/api/v1/sources/alpha/documents", cara, null), 200).toString()).contains("cryostat.md");
        HttpResponse<String> beta = api.call("GET", "/api/v1/sources/beta/documents", cara, null);
        assertThat(beta.statusCode()).isEqualTo(403);
        assertThat(beta.body()).doesNotContain("secret-merger-plan").doesNotContain("Secret merger plan");
        assertThat(api.call("PUT", "/api/v1/sources/beta/documents/flag", cara,
                "{\"path\": \"secret-merger-plan.md\", \"flag\": \"pinned\"}").statusCode()).isEqualTo(403);
        assertThat(json(api.call("GET", "/api/v1/sources", cara, null), 200).toString()).doesNotContain("secret-merger-plan");

        assertThat(json(api.call("GET", "/api/v1/sources/beta/documents", token("ann"), null), 200).toString())
                .contains("secret-merger-plan.md");
    }

    @Test
    void anEvaluationShowsACuratorNoPathOfASourceTheirGroupsDoNotRead() throws Exception {
        Path gold = alpha.resolve("gold-" + System.nanoTime() + ".jsonl"); // where sources may be read
        Files.writeString(gold, "{\"question\": \"When does the blinded signal region open?\", \"gold\": [\"nowhere.md\"]}\n");
        String cara = token("cara");

        JsonNode report = json(api.call("POST", "/api/v1/evaluations", cara, "{\"questions\": \"" + gold + "\", \"k\": 5}"), 200);
        assertThat(report.toString()).doesNotContain("secret-merger-plan");
        assertThat(api.call("POST", "/api/v1/evaluations", cara,
                "{\"questions\": \"" + gold + "\", \"source\": \"beta\", \"k\": 5}").statusCode()).isEqualTo(403);

        JsonNode asAdmin = json(api.call("POST", "/api/v1/evaluations", token("ann"),
                "{\"questions\": \"" + gold + "\", \"source\": \"beta\", \"k\": 5}"), 200);
        assertThat(asAdmin.toString()).contains("secret-merger-plan.md");
        assertThat(json(api.call("GET", "/api/v1/evaluations", cara, null), 200).valueStream()
                .map(r -> r.path("source").asString())).doesNotContain("beta");
        assertThat(json(api.call("GET", "/api/v1/evaluations", token("ann"), null), 200).valueStream()
                .map(r -> r.path("source").asString())).contains("beta");
    }

    private String token(String user) {
        return tokens.create(user, "test").secret();
    }


}

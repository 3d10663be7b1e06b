package org.labrador.chatserver.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.chatserver.ApiCalls.json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ApiCalls;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.ingest.kind.SourceKinds;
import org.labrador.webui.curation.SourceAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A kind registered in a test, and nothing else changed: the API describes it, the Sources page's
 * form offers its fields, its settings are checked from its description and stored without any new
 * column, and a source of it syncs and answers searches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SourceKindPluginTest {

    /** The only registration a new kind needs (here for a test; in ingest, one line in META-INF/services). */
    @TestConfiguration
    static class WithLabNotebooks {
        @Bean
        @Primary
        SourceKinds kindsWithNotebooks() {
            return SourceKinds.installed().with(new LabNotebookKind());
        }
    }

    @LocalServerPort
    int port;

    private final ApiCalls api = new ApiCalls(() -> port);

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SourceAdmin sourcesPage;

    @Autowired
    JdbcClient db;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("labrador-kind-plugin");
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> data.resolve("none.yml").toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9");
    }

    @Test
    void aKindRegisteredInATestIsDescribedCheckedStoredAndSynced() throws Exception {
        accounts.create("cora", "cora's long password", Role.CURATOR, List.of());
        String cora = tokens.create("cora", "test").secret();

        JsonNode kinds = json(api.call("GET", "/api/v1/sources/kinds", cora, null), 200);
        assertThat(kinds.valueStream().map(k -> k.path("name").asString()))
                .containsExactly("docs", "git", "mediawiki", "dokuwiki", "papers", "twiki", "indico", "mattermost", "inspire",
                        "notebook");
        JsonNode notebook = kinds.valueStream().filter(k -> k.path("name").asString().equals("notebook")).findFirst().orElseThrow();
        assertThat(notebook.path("label").asString()).isEqualTo("Lab notebook");
        assertThat(notebook.path("settings").valueStream().map(s -> s.path("name").asString() + ":" + s.path("type").asString()))
                .containsExactly("topic:text", "entries:number", "archived:boolean", "order:choice", "tags:list");
        JsonNode git = kinds.valueStream().filter(k -> k.path("name").asString().equals("git")).findFirst().orElseThrow();
        assertThat(git.path("settings").valueStream().map(s -> s.path("configKey").asString()))
                .contains("url", "branch", "token-env", "excludes");

        // The Sources page builds its form from the same description.
        SourceAdmin.KindForm form = sourcesPage.kinds().stream().filter(k -> k.name().equals("notebook")).findFirst().orElseThrow();
        assertThat(form.fields()).extracting(SourceAdmin.Field::name, SourceAdmin.Field::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("topic", "text"), org.assertj.core.groups.Tuple.tuple("entries", "number"),
                org.assertj.core.groups.Tuple.tuple("archived", "boolean"), org.assertj.core.groups.Tuple.tuple("order", "choice"),
                org.assertj.core.groups.Tuple.tuple("tags", "list"));

        HttpResponse<String> unknown = api.call("POST", "/api/v1/sources", cora,
                "{\"name\": \"nb\", \"kind\": \"notebook\", \"topic\": \"cryostat\", \"colour\": \"blue\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("colour is not a setting of this kind");
        HttpResponse<String> malformed = api.call("POST", "/api/v1/sources", cora,
                "{\"name\": \"nb\", \"kind\": \"notebook\", \"entries\": \"many\", \"order\": \"random\"}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("Topic (topic) is required", "Entries (entries) is a number",
                "Order (order) is one of newest, oldest");

        json(api.call("POST", "/api/v1/sources", cora, "{\"name\": \"nb\", \"kind\": \"notebook\", \"settings\":"
                + " {\"topic\": \"cryostat\", \"entries\": 4, \"archived\": true, \"tags\": [\"shift\", \"cooling\"]}}"), 201);
        assertThat(db.sql("select settings from sources where name = 'nb'").query(String.class).single())
                .isEqualTo("{\"topic\":\"cryostat\",\"entries\":4,\"archived\":true,\"tags\":[\"shift\",\"cooling\"]}");
        JsonNode status = waitUntilSynced(cora);
        assertThat(status.path("documents").asLong()).as("synced on save, no Sync now").isEqualTo(4);
        assertThat(status.path("definition").path("settings").path("topic").asString()).isEqualTo("cryostat");
        assertThat(json(api.call("GET", "/api/v1/search?mode=bm25&q=cryostat+shift+log", cora, null), 200)
                .path("hits").size()).isPositive();
        assertThat(sourcesPage.form("nb").settings()).isEqualTo(Map.of("topic", "cryostat", "entries", 4L,
                "archived", true, "tags", List.of("shift", "cooling")));
    }

    private JsonNode waitUntilSynced(String token) throws Exception {
        for (int i = 0; i < 300; i++) {
            JsonNode status = json(api.call("GET", "/api/v1/sources/nb", token, null), 200);
            if (status.path("state").asString().equals("idle") && !status.path("lastSync").isNull()) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the source did not sync after it was added");
    }
}

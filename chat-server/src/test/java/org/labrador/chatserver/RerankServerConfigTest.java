package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.models.rerank.testing.RerankProtocolServer;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.RetrievalPipeline;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A site that serves a cross-encoder ({@code labrador.rerank.base-url}): each question's candidates are read by
 * it and take its order, in search and answers alike; when it goes away, the search order stands.
 */
@SpringBootTest
class RerankServerConfigTest {

    private static final RerankProtocolServer RERANKER = RerankProtocolServer.start().apiKey("rerank-key-123");

    @Autowired
    SyncService syncService;
    @Autowired
    RetrievalPipeline pipeline;
    @Autowired
    AskService askService;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    org.labrador.chatserver.ide.RepositoryContext repositoryContext;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("reranker")
    org.springframework.boot.health.contributor.HealthIndicator rerankerHealth;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("labrador-test-data").toString();
        registry.add("labrador.data-dir", () -> dataDir);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources[0].name", () -> "fixtures");
        registry.add("labrador.sources[0].path", () -> FixtureServerTest.fixtureDocs().toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9"); // no chat model: answers from passages
        registry.add("labrador.rerank.base-url", RERANKER::baseUrl);
        registry.add("labrador.rerank.model", () -> "bge-reranker-v2-m3");
        registry.add("labrador.rerank.api-key-env", () -> "LABRADOR_TEST_RERANK_KEY");
        java.nio.file.Path secrets = Files.createTempFile("labrador-test-secrets", ".properties");
        Files.writeString(secrets, "LABRADOR_TEST_RERANK_KEY=rerank-key-123\n");
        registry.add("labrador.secrets-file", secrets::toString);
    }

    @AfterAll
    static void stop() {
        RERANKER.close();
    }

    @Test
    void theRerankersOrderWinsAndTheSearchOrderStandsWhenItIsGone() throws IOException {
        syncService.syncNow(null, p -> { });
        String question = "Where is the S1 area threshold set?";
        SearchRequest request = new SearchRequest(question, SearchMode.HYBRID, 10, Set.of(), ReadAccess.everything());
        // The reranker prefers the passage the search ranked last among those it was sent.
        RERANKER.spoil(answer -> {
            int last = -1;
            for (JsonNode result : answer.get("results")) {
                last = Math.max(last, result.get("index").asInt());
            }
            for (JsonNode result : answer.get("results")) {
                ((ObjectNode) result).put("relevance_score", result.get("index").asInt() == last ? 9.0 : -9.0);
            }
            return answer;
        });

        List<Hit> hits = pipeline.search(request);

        JsonNode sent = RERANKER.requests().getLast();
        assertThat(sent.path("query").asString()).isEqualTo(question);
        assertThat(sent.path("model").asString()).isEqualTo("bge-reranker-v2-m3");
        assertThat(RERANKER.authorizations().getLast()).isEqualTo("Bearer rerank-key-123");
        String lastSent = sent.path("documents").get(sent.path("documents").size() - 1).asString();
        assertThat(lastSent).startsWith(hits.getFirst().chunk().path());
        assertThat(hits.getFirst().chunk().text()).isNotBlank();
        assertThat(lastSent).contains(hits.getFirst().chunk().text().strip().lines().findFirst().orElseThrow());

        assertThat(rerankerHealth.health().getStatus().getCode()).isEqualTo("UP");

        // A code completion's context is looked up on every pause in typing: without the reranker.
        int asked = RERANKER.requests().size();
        repositoryContext.find("def s1_area_threshold(peaks):\n    return peaks['area'] > ", "\n", "analysis/cuts.py",
                Set.of(), ReadAccess.everything());
        assertThat(RERANKER.requests()).hasSize(asked);

        RERANKER.close();

        List<Hit> searchOrder = pipeline.search(request);
        assertThat(searchOrder).isNotEmpty();
        assertThat(searchOrder.getFirst().chunk().text()).contains("S1 area threshold");
        Answer answer = askService.ask(question, List.of(), Set.of(), ReadAccess.everything(), text -> { });
        assertThat(answer.citations()).isNotEmpty();
        assertThat(answer.citations().getFirst().path()).isEqualTo("analysis/event-selection.md");
        assertThat(pipeline.reranking().failures()).as("the first question after it went").isEqualTo(1);
        assertThat(pipeline.reranking().skipped()).as("the next ones do not wait for it").isGreaterThanOrEqualTo(1);
        assertThat(meters.get("labrador.rerank.failures").functionCounter().count()).isEqualTo(1.0);
        assertThat(rerankerHealth.health().getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(rerankerHealth.health().getDetails()).containsEntry("failedCalls", 1L)
                .containsEntry("reranker", "bge-reranker-v2-m3 at " + RERANKER.baseUrl() + ", 30 candidates");
        assertThat(meters.get("labrador.rerank.skipped").functionCounter().count()).isGreaterThanOrEqualTo(1.0);
    }
}

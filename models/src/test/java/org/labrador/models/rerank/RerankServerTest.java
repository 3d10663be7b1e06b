package org.labrador.models.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.rerank.testing.RerankProtocolServer;
import org.labrador.models.rerank.testing.RerankProtocolServer.Shape;
import tools.jackson.databind.JsonNode;

/** A cross-encoder served over {@code /v1/rerank}, against a server that answers as llama.cpp's and vLLM's do. */
class RerankServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<TextSegment> PASSAGES = List.of(
            TextSegment.from("straxen/plugins/peaks.py\n\nPeaks are built from peaklets."),
            TextSegment.from("strax/plugins/down_chunking_plugin.py\n\nA plugin whose compute yields several chunks of output."),
            TextSegment.from("docs/recipes.md\n\nBanana bread needs ripe bananas."));
    private static final String QUESTION = "Can a plugin compute yield its output in several chunks?";

    private RerankProtocolServer server;

    @BeforeEach
    void start() {
        server = RerankProtocolServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void scoresComeBackInThePassagesOrderThoughTheServerSortsThemByRelevance() {
        for (Shape shape : Shape.values()) {
            server.shape(shape);
            List<Double> scores = new RerankServer(server.baseUrl(), "bge-reranker-v2-m3", null, TIMEOUT)
                    .scoreAll(PASSAGES, QUESTION).content();

            assertThat(scores).as(shape.name()).hasSize(3);
            assertThat(scores.get(1)).as(shape.name()).isGreaterThan(scores.get(0)).isGreaterThan(scores.get(2));
        }
        JsonNode request = server.requests().getFirst();
        assertThat(request.path("model").asString()).isEqualTo("bge-reranker-v2-m3");
        assertThat(request.path("query").asString()).isEqualTo(QUESTION);
        assertThat(request.path("documents")).hasSize(3);
        assertThat(request.path("documents").get(1).asString()).startsWith("strax/plugins/down_chunking_plugin.py");
        // llama.cpp cuts its answer to top_n: every passage must be asked for.
        assertThat(request.path("top_n").asInt()).isEqualTo(3);
        assertThat(server.authorizations()).allSatisfy(a -> assertThat(a).isEmpty());
    }

    @Test
    void anApiKeyIsSentAsABearerTokenAndARefusalNamesTheStatus() {
        server.apiKey("s3cret-key");
        assertThat(new RerankServer(server.baseUrl(), "m", "s3cret-key", TIMEOUT).scoreAll(PASSAGES, QUESTION).content())
                .hasSize(3);
        assertThat(server.authorizations().getLast()).isEqualTo("Bearer s3cret-key");

        RerankServer without = new RerankServer(server.baseUrl(), "m", null, TIMEOUT);
        assertThatThrownBy(() -> without.scoreAll(PASSAGES, QUESTION))
                .isInstanceOf(RerankUnavailableException.class).hasMessageContaining("HTTP 401").hasMessageContaining("Invalid API Key");
        assertThat(new RerankServer(server.baseUrl(), "m", "s3cret-key", TIMEOUT).toString())
                .contains("m at " + server.baseUrl()).doesNotContain("s3cret");
    }

    @Test
    void aServerNotStartedForRerankingSaysSo() {
        server.failWith(501);
        assertThatThrownBy(() -> new RerankServer(server.baseUrl(), "m", null, TIMEOUT).scoreAll(PASSAGES, QUESTION))
                .isInstanceOf(RerankUnavailableException.class)
                .hasMessageContaining("HTTP 501").hasMessageContaining("--reranking");
        assertThatThrownBy(() -> new RerankServer(server.baseUrl().replace("/v1", "/api"), "m", null, TIMEOUT)
                .scoreAll(PASSAGES, QUESTION))
                .isInstanceOf(RerankUnavailableException.class).hasMessageContaining("HTTP 404").hasMessageContaining("labrador.rerank.base-url");
    }

    @Test
    void aModelNameTheServerDoesNotServeAndAPairTooLongForItsBatchAreExplained() {
        server.shape(Shape.VLLM).servedModel("BAAI/bge-reranker-v2-m3");
        assertThatThrownBy(() -> new RerankServer(server.baseUrl(), "bge-reranker-v2-m3", null, TIMEOUT)
                .scoreAll(PASSAGES, QUESTION))
                .isInstanceOf(RerankUnavailableException.class).hasMessageContaining("HTTP 404")
                .hasMessageContaining("The model `bge-reranker-v2-m3` does not exist.")
                .hasMessageContaining("labrador.rerank.model");
        assertThat(new RerankServer(server.baseUrl(), "BAAI/bge-reranker-v2-m3", null, TIMEOUT).scoreAll(PASSAGES, QUESTION)
                .content()).hasSize(3);

        server.shape(Shape.LLAMA_CPP).batchTokens(12);
        assertThatThrownBy(() -> new RerankServer(server.baseUrl(), "m", null, TIMEOUT).scoreAll(PASSAGES, QUESTION))
                .isInstanceOf(RerankUnavailableException.class).hasMessageContaining("HTTP 500")
                .hasMessageContaining("increase the physical batch size");
    }

    @Test
    void aSlowServerIsGivenUpAfterTheTimeout() {
        server.delay(Duration.ofSeconds(3));
        long started = System.nanoTime();
        assertThatThrownBy(() -> new RerankServer(server.baseUrl(), "m", null, Duration.ofMillis(300))
                .scoreAll(PASSAGES, QUESTION))
                .isInstanceOf(RerankUnavailableException.class).hasMessageContaining("labrador.rerank.timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        // Headers at once, then a body that stalls: the deadline covers the whole answer.
        server.delay(Duration.ZERO).stallBody(Duration.ofSeconds(3));
        long again = System.nanoTime();
        assertThatThrownBy(() -> new RerankServer(server.baseUrl(), "m", null, Duration.ofMillis(300))
                .scoreAll(PASSAGES, QUESTION))
                .isInstanceOf(RerankUnavailableException.class).hasMessageContaining("did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anAnswerLargerThanAnyScoreListIsRefused() {
        server.spoil(answer -> answer.put("padding", "x".repeat(RerankServer.MAX_ANSWER_BYTES)));
        assertThatThrownBy(() -> new RerankServer(server.baseUrl(), "m", null, TIMEOUT).scoreAll(PASSAGES, QUESTION))
                .isInstanceOf(RerankUnavailableException.class).hasMessageContaining("more than 1 MB");
    }

    @Test
    void nothingListeningNamesTheSetting() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> new RerankServer("http://127.0.0.1:" + port + "/v1", "m", null, TIMEOUT)
                .scoreAll(PASSAGES, QUESTION))
                .isInstanceOf(RerankUnavailableException.class).hasMessageContaining("labrador.rerank.base-url");
    }

    @Test
    void anAnswerThatDoesNotScoreEveryPassageExactlyOnceIsRefused() {
        RerankServer reranker = new RerankServer(server.baseUrl(), "m", null, TIMEOUT);
        server.spoil(answer -> {
            ((tools.jackson.databind.node.ArrayNode) answer.get("results")).remove(0);
            return answer;
        });
        assertThatThrownBy(() -> reranker.scoreAll(PASSAGES, QUESTION)).isInstanceOf(RerankUnavailableException.class)
                .hasMessageContaining("scored 2 of 3");
        server.spoil(answer -> {
            ((tools.jackson.databind.node.ObjectNode) answer.get("results").get(1)).put("index", 
                    answer.get("results").get(0).get("index").asInt());
            return answer;
        });
        assertThatThrownBy(() -> reranker.scoreAll(PASSAGES, QUESTION)).isInstanceOf(RerankUnavailableException.class)
                .hasMessageContaining("twice");
        server.spoil(answer -> {
            ((tools.jackson.databind.node.ObjectNode) answer.get("results").get(2)).put("relevance_score", "high");
            return answer;
        });
        assertThatThrownBy(() -> reranker.scoreAll(PASSAGES, QUESTION)).isInstanceOf(RerankUnavailableException.class)
                .hasMessageContaining("relevance_score");
        assertThat(reranker.scoreAll(List.of(), QUESTION).content()).as("nothing to score: no call").isEmpty();
    }
}

package org.labrador.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.EmbeddingUnavailableException;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.models.ollama.testing.OllamaProtocolServer.Request;

/** Embeddings served by Ollama, against a server that speaks {@code /api/embed} as Ollama does. */
class OllamaEmbeddingsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private OllamaProtocolServer ollama;

    @BeforeEach
    void start() {
        ollama = OllamaProtocolServer.start().models("qwen2.5:3b", "nomic-embed-text:latest", "snowflake-arctic-embed:m");
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void passagesGoInBatchesAndComeBackAsUnitVectorsOfTheModelsLength() {
        LocalEmbedding embedding = LocalEmbedding.ollama(ollama.baseUrl(), "nomic-embed-text", TIMEOUT, 0);
        List<String> passages = IntStream.range(0, 70).mapToObj(i -> "passage number " + i + " about drift time").toList();

        List<float[]> vectors = embedding.embedPassages(passages);

        assertThat(vectors).hasSize(70);
        assertThat(vectors).allSatisfy(v -> {
            assertThat(v).hasSize(768);
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        });
        List<Request> embeds = embedRequests();
        assertThat(embeds).hasSize(3); // 32 + 32 + 6
        assertThat(embeds).allSatisfy(r -> {
            assertThat(r.body().path("model").asString()).isEqualTo("nomic-embed-text");
            assertThat(r.body().path("input").size()).isLessThanOrEqualTo(32);
            assertThat(r.body().path("truncate").asBoolean()).isTrue();
        });
    }

    @Test
    void aKnownFamilyGetsTheQueryAndPassagePrefixesOfItsModelCard() {
        LocalEmbedding embedding = LocalEmbedding.ollama(ollama.baseUrl(), "nomic-embed-text:latest", TIMEOUT, 0);

        embedding.embedPassages(List.of("The S1 area threshold is 50 PE."));
        embedding.model().embed(embedding.queryPrefix() + "what is the S1 threshold?");

        List<String> inputs = embedRequests().stream().map(r -> r.body().path("input").get(0).asString()).toList();
        assertThat(inputs).containsExactly("search_document: The S1 area threshold is 50 PE.",
                "search_query: what is the S1 threshold?");
        assertThat(embedding.name()).isEqualTo("ollama:nomic-embed-text:latest");
        assertThat(embedding.dimension()).isEqualTo(768);
    }

    @Test
    void textsSharingWordsAreCloserThanUnrelatedOnes() {
        LocalEmbedding embedding = LocalEmbedding.ollama(ollama.baseUrl(), "nomic-embed-text", TIMEOUT, 0);
        Embedding question = embedding.model().embed("electron drift time in the TPC").content();
        List<float[]> passages = embedding.embedPassages(List.of("The drift time of an electron in the TPC",
                "A recipe for lasagne with spinach"));

        assertThat(cosine(question.vector(), passages.get(0))).isGreaterThan(cosine(question.vector(), passages.get(1)));
    }

    @Test
    void theLengthOfAModelOfUnknownFamilyIsAskedOnceOrGiven() {
        LocalEmbedding asked = LocalEmbedding.ollama(ollama.baseUrl(), "snowflake-arctic-embed:m", TIMEOUT, 0);
        assertThat(asked.dimension()).isEqualTo(768);
        assertThat(asked.queryPrefix()).isEmpty();
        assertThat(embedRequests()).hasSize(1);

        LocalEmbedding given = LocalEmbedding.ollama(ollama.baseUrl(), "snowflake-arctic-embed:m", TIMEOUT, 768);
        assertThat(given.dimension()).isEqualTo(768);
        assertThat(embedRequests()).hasSize(1); // nothing more asked
    }

    @Test
    void aWronglyConfiguredLengthIsFoundBeforeAnythingIsIndexed() {
        LocalEmbedding wrong = LocalEmbedding.ollama(ollama.baseUrl(), "snowflake-arctic-embed:m", TIMEOUT, 1024);

        assertThatThrownBy(wrong::checkDimension).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returns 768-dimensional vectors, not 1024")
                .hasMessageContaining("labrador.embedding.dimension to 768");
    }

    @Test
    void aModelThatIsNotPulledSaysHowToPullIt() {
        LocalEmbedding missing = LocalEmbedding.ollama(ollama.baseUrl(), "mxbai-embed-large", TIMEOUT, 0);

        assertThatThrownBy(() -> missing.embedPassages(List.of("text")))
                .isInstanceOf(EmbeddingUnavailableException.class)
                .hasMessageContaining("does not have the embedding model mxbai-embed-large")
                .hasMessageContaining("ollama pull mxbai-embed-large");
    }

    @Test
    void noServerSaysWhereItWasLookedFor() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LocalEmbedding nowhere = LocalEmbedding.ollama("http://127.0.0.1:" + port, "nomic-embed-text", TIMEOUT, 0);

        assertThatThrownBy(() -> nowhere.embedPassages(List.of("text")))
                .isInstanceOf(EmbeddingUnavailableException.class)
                .hasMessageContaining("No Ollama server answers at http://127.0.0.1:" + port)
                .hasMessageContaining("ollama serve");
        assertThatThrownBy(() -> LocalEmbedding.ollama("http://127.0.0.1:" + port, "some-embedder", TIMEOUT, 0))
                .as("an unknown family's length cannot be asked")
                .isInstanceOf(EmbeddingUnavailableException.class);
    }

    @Test
    void aServerThatHangsIsGivenUpAfterTheTimeout() {
        ollama.answerDelay(Duration.ofSeconds(20));
        LocalEmbedding slow = LocalEmbedding.ollama(ollama.baseUrl(), "nomic-embed-text", Duration.ofSeconds(1), 0);
        long started = System.nanoTime();

        assertThatThrownBy(() -> slow.embedPassages(List.of("text")))
                .isInstanceOf(EmbeddingUnavailableException.class)
                .hasMessageContaining("did not embed with nomic-embed-text within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aTextTheModelCannotEmbedIsThatTextsFailureNotTheServers() {
        ollama.embeddingFailsFor("\u0000");
        LocalEmbedding embedding = LocalEmbedding.ollama(ollama.baseUrl(), "nomic-embed-text", TIMEOUT, 0);

        assertThatThrownBy(() -> embedding.embedPassages(List.of("binary \u0000 junk")))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(EmbeddingUnavailableException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("invalid tokens");
        assertThat(embedding.embedPassages(List.of("ordinary text"))).hasSize(1);
    }

    private List<Request> embedRequests() {
        return ollama.requests().stream().filter(r -> r.path().equals("/api/embed")).toList();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}

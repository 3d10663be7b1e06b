package org.labrador.models.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the real ONNX models: the checks are about meaning, not numbers. */
class LocalEmbeddingTest {

    @ParameterizedTest
    @ValueSource(strings = {LocalEmbedding.BGE_SMALL_EN_V15_Q, LocalEmbedding.ALL_MINILM_L6_V2_Q})
    void aQueryIsCloserToTheRelatedPassageThanToAnUnrelatedOne(String name) {
        LocalEmbedding embedding = LocalEmbedding.named(name);

        Embedding query = embedding.embedQuery("How do neutrinos change flavour while travelling?");
        Embedding related = embedding.embedPassage(
                "Neutrino oscillation: a neutrino created with one lepton flavour can later be measured with another,"
                        + " because the flavour states are mixtures of mass states.");
        Embedding unrelated = embedding.embedPassage(
                "The bakery on the corner sells sourdough bread and croissants every morning.");

        assertThat(embedding.name()).isEqualTo(name);
        assertThat(query.vector()).hasSize(embedding.dimension());
        assertThat(related.vector()).hasSize(384);
        assertThat(CosineSimilarity.between(query, related))
                .isGreaterThan(CosineSimilarity.between(query, unrelated) + 0.1);
    }

    @Test
    void relatedSentencesAreMoreSimilarThanUnrelatedOnes() {
        LocalEmbedding embedding = LocalEmbedding.named(LocalEmbedding.ALL_MINILM_L6_V2_Q);

        Embedding detector = embedding.embedPassage("The calorimeter measures the energy of particle showers.");
        Embedding similar = embedding.embedPassage("Shower energies are recorded by the calorimeter.");
        Embedding different = embedding.embedPassage("Our cat sleeps on the warm windowsill all afternoon.");

        assertThat(CosineSimilarity.between(detector, similar))
                .isGreaterThan(CosineSimilarity.between(detector, different));
    }

    @Test
    void onlyBgeHasAQueryInstruction() {
        // The prefix decides retrieval quality for BGE; a wrong one silently degrades search.
        assertThat(LocalEmbedding.named(LocalEmbedding.BGE_SMALL_EN_V15_Q).queryPrefix())
                .isEqualTo("Represent this sentence for searching relevant passages: ");
        assertThat(LocalEmbedding.named(LocalEmbedding.ALL_MINILM_L6_V2_Q).queryPrefix()).isEmpty();
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> LocalEmbedding.named("text-embedding-3-large"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text-embedding-3-large")
                .hasMessageContaining("bge-small-en-v1.5-q")
                .hasMessageContaining("all-minilm-l6-v2-q");
    }
}

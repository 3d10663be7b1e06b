package org.labrador.models.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;
import java.util.Objects;

/**
 * An embedding model that runs in this JVM (ONNX runtime, no network), with what a caller needs
 * to use it correctly: the query prefix the model was trained with and the vector dimension.
 *
 * <p>Passages are embedded as they are; queries must be embedded with {@link #embedQuery}, which
 * adds {@link #queryPrefix()}. Loading a model takes a second or two and tens of MB: create one
 * instance per application and share it (the model is thread-safe).
 *
 * @param name        the name this model was looked up by, e.g. {@code bge-small-en-v1.5-q}
 * @param model       the LangChain4j embedding model
 * @param queryPrefix text put before a query (never before a passage); empty if none
 * @param dimension   length of every vector this model returns
 * @param relevanceThreshold cosine similarity between a query and a passage below which the
 *                    passage does not answer the query; each model spreads its similarities
 *                    differently (BGE's sit high), so the threshold is the model's own
 */
public record LocalEmbedding(String name, EmbeddingModel model, String queryPrefix, int dimension,
                             double relevanceThreshold) {

    /** BGE is trained with this instruction on the query side only (BAAI's model card). */
    public static final String BGE_QUERY_INSTRUCTION =
            "Represent this sentence for searching relevant passages: ";

    public static final String BGE_SMALL_EN_V15_Q = "bge-small-en-v1.5-q";
    public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q";

    /** The names {@link #named} accepts, best retriever first. */
    public static final List<String> KNOWN_NAMES = List.of(BGE_SMALL_EN_V15_Q, ALL_MINILM_L6_V2_Q);

    public LocalEmbedding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(queryPrefix, "queryPrefix");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
    }

    /**
     * Loads the named model.
     *
     * @throws IllegalArgumentException if the name is not one of {@link #KNOWN_NAMES}
     */
    public static LocalEmbedding named(String name) {
        return switch (name == null ? "" : name.strip()) {
            case BGE_SMALL_EN_V15_Q -> new LocalEmbedding(
                    BGE_SMALL_EN_V15_Q, new BgeSmallEnV15QuantizedEmbeddingModel(), BGE_QUERY_INSTRUCTION, 384, 0.60);
            case ALL_MINILM_L6_V2_Q -> new LocalEmbedding(
                    ALL_MINILM_L6_V2_Q, new AllMiniLmL6V2QuantizedEmbeddingModel(), "", 384, 0.30);
            default -> throw new IllegalArgumentException(
                    "Unknown embedding model '" + name + "'. Known models: " + String.join(", ", KNOWN_NAMES));
        };
    }

    /** Embeds a search query, with the model's query prefix. */
    public Embedding embedQuery(String query) {
        return model.embed(queryPrefix + query).content();
    }

    /** Embeds a passage to be stored and searched (no prefix). */
    public Embedding embedPassage(String passage) {
        return model.embed(passage).content();
    }
}

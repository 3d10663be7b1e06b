package org.labrador.models.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.data.segment.TextSegment;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.labrador.models.EmbeddingUnavailableException;
import org.labrador.models.ollama.OllamaEmbeddings;

/**
 * The embedding model passages and questions are embedded with, and what a caller needs to use it
 * correctly: the prefixes the model was trained with and the vector dimension. By default a model
 * that runs in this JVM (ONNX runtime, no network: {@link #named}); a site that runs Ollama may
 * choose one of its embedding models instead ({@link #ollama}).
 *
 * <p>Passages must be embedded with {@link #embedPassages} and queries with {@link #embedQuery},
 * which add the model's prefixes. Loading an in-process model takes a second or two and tens of
 * MB: create one instance per application and share it (the model is thread-safe).
 *
 * @param name        the name this model was looked up by, e.g. {@code bge-small-en-v1.5-q}, or
 *                    {@code ollama:nomic-embed-text}; stored with every document, so that a change
 *                    of model re-embeds it
 * @param model       the LangChain4j embedding model
 * @param queryPrefix text put before a query (never before a passage); empty if none
 * @param passagePrefix text put before a passage (nomic-embed-text's {@code search_document: }); empty if none
 * @param dimension   length of every vector this model returns
 * @param relevanceThreshold cosine similarity between a query and a passage below which the
 *                    passage does not answer the query; each model spreads its similarities
 *                    differently (BGE's sit high), so the threshold is the model's own
 */
public record LocalEmbedding(String name, EmbeddingModel model, String queryPrefix, String passagePrefix,
                             int dimension, double relevanceThreshold) {

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
        Objects.requireNonNull(passagePrefix, "passagePrefix");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
    }

    /** A model whose passages need no prefix. */
    public LocalEmbedding(String name, EmbeddingModel model, String queryPrefix, int dimension,
                          double relevanceThreshold) {
        this(name, model, queryPrefix, "", dimension, relevanceThreshold);
    }

    /** The prefix {@link #name} gets for a model served by Ollama. */
    public static final String OLLAMA_PREFIX = "ollama:";

    /**
     * What is known of Ollama's embedding models by family (the name before the tag): dimension,
     * query and passage prefixes from their model cards, and a starting relevance threshold
     * (not calibrated here: no weights can be fetched; calibrate with {@code labrador eval
     * --out-of-scope} and set {@code labrador.answer.min-similarity}).
     */
    private record OllamaFamily(int dimension, String queryPrefix, String passagePrefix, double threshold) {}

    private static final java.util.Map<String, OllamaFamily> OLLAMA_FAMILIES = java.util.Map.of(
            "nomic-embed-text", new OllamaFamily(768, "search_query: ", "search_document: ", 0.45),
            "mxbai-embed-large", new OllamaFamily(1024, BGE_QUERY_INSTRUCTION, "", 0.55),
            "bge-m3", new OllamaFamily(1024, "", "", 0.45),
            "bge-large", new OllamaFamily(1024, BGE_QUERY_INSTRUCTION, "", 0.60),
            "all-minilm", new OllamaFamily(384, "", "", 0.30),
            "embeddinggemma", new OllamaFamily(768, "task: search result | query: ", "title: none | text: ", 0.40));

    /** The threshold assumed for an Ollama model of unknown family (see {@link OllamaFamily}). */
    static final double UNKNOWN_THRESHOLD = 0.45;

    /**
     * An embedding model served by Ollama. Known families ({@code nomic-embed-text},
     * {@code mxbai-embed-large}, {@code bge-m3}, {@code bge-large}, {@code all-minilm},
     * {@code embeddinggemma}) get their dimension and prefixes from their model cards; for
     * another, {@code dimension} must be given or is asked of the server once, here.
     *
     * @param dimension the model's vector length, or 0 to use the family's or ask the server
     * @throws EmbeddingUnavailableException if the dimension must be asked and the server cannot say
     */
    public static LocalEmbedding ollama(String baseUrl, String model, Duration timeout, int dimension) {
        String family = model.strip();
        family = family.substring(family.lastIndexOf('/') + 1);
        if (family.contains(":")) {
            family = family.substring(0, family.indexOf(':'));
        }
        OllamaFamily known = OLLAMA_FAMILIES.get(family);
        OllamaEmbeddings embeddings = new OllamaEmbeddings(baseUrl, model, timeout);
        int size = dimension > 0 ? dimension : known != null ? known.dimension()
                : embeddings.embed("dimension").content().dimension();
        return new LocalEmbedding(OLLAMA_PREFIX + model.strip(), embeddings,
                known == null ? "" : known.queryPrefix(), known == null ? "" : known.passagePrefix(), size,
                known == null ? UNKNOWN_THRESHOLD : known.threshold());
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

    /** Embeds a passage to be stored and searched, with the model's passage prefix. */
    public Embedding embedPassage(String passage) {
        return model.embed(passagePrefix + passage).content();
    }

    /**
     * Embeds passages to be stored, with the model's passage prefix; one call, so that a served model
     * gets them in batches.
     *
     * @throws EmbeddingUnavailableException if a served model cannot be reached
     */
    public List<float[]> embedPassages(List<String> passages) {
        List<TextSegment> segments = passages.stream().map(p -> TextSegment.from(passagePrefix + p)).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    /**
     * The vector length the model actually returns, checked against {@link #dimension()} with one
     * short text: a served model whose size was configured or assumed wrongly would otherwise fail
     * at the index, one passage at a time.
     *
     * @throws IllegalStateException if the lengths differ (the message names the setting to fix)
     * @throws EmbeddingUnavailableException if a served model cannot be reached
     */
    public void checkDimension() {
        int actual = model.embed(passagePrefix + "dimension").content().dimension();
        if (actual != dimension) {
            throw new IllegalStateException("The embedding model " + name + " returns " + actual
                    + "-dimensional vectors, not " + dimension + ": set labrador.embedding.dimension to " + actual
                    + ".");
        }
    }
}

package org.labrador.chatserver.ide;

import java.util.List;
import org.labrador.ingest.chunking.TokenCount;
import org.labrador.models.EmbeddingUnavailableException;
import org.labrador.models.embedding.LocalEmbedding;
import org.springframework.stereotype.Service;

/**
 * Embeddings for plugins that index a workspace themselves, computed by Labrador's own embedding
 * model whatever model the request names: the vectors are those Labrador's index uses (in process by
 * default, so no model server is needed). Texts are embedded as passages, in one call.
 */
@Service
public class IdeEmbeddings {

    private final LocalEmbedding embedding;

    public IdeEmbeddings(LocalEmbedding embedding) {
        this.embedding = embedding;
    }

    /** One vector per text, in order. @throws IdeException 400 when there is nothing to embed */
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            throw IdeException.badRequest("input is empty: give a string or an array of strings");
        }
        try {
            return embedding.embedPassages(texts);
        } catch (EmbeddingUnavailableException e) {
            throw new IdeException(503, e.getMessage());
        }
    }

    public String modelName() {
        return embedding.name();
    }

    static long tokens(List<String> texts) {
        return texts.stream().mapToLong(TokenCount::of).sum();
    }
}

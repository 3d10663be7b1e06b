package org.labrador.chatserver.ide;

import java.util.ArrayList;
import java.util.List;
import org.labrador.ingest.chunking.TokenCount;
import org.labrador.models.embedding.LocalEmbedding;
import org.springframework.stereotype.Service;

/**
 * Embeddings for plugins that index a workspace themselves, computed by Labrador's own in-process
 * model whatever model the request names: no model server needed, nothing leaves the JVM, and the
 * vectors are those Labrador's index uses. Texts are embedded as passages (no query prefix).
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
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(embedding.embedPassage(text).vector());
        }
        return out;
    }

    public String modelName() {
        return embedding.name();
    }

    static long tokens(List<String> texts) {
        return texts.stream().mapToLong(TokenCount::of).sum();
    }
}

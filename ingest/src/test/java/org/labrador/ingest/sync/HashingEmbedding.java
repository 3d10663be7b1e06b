package org.labrador.ingest.sync;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.code.CodeChunker;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.ChunkIndex;

/**
 * An embedding that needs no model: a unit vector drawn from each text's hash. For tests of what
 * a sync keeps, deletes and re-reads, where the meaning of the vectors does not matter. Counts the
 * passages it embeds.
 */
public final class HashingEmbedding implements EmbeddingModel {

    public final AtomicInteger embedded = new AtomicInteger();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment segment : segments) {
            java.util.Random random = new java.util.Random(segment.text().hashCode());
            float[] v = new float[384];
            double norm = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
                norm += v[i] * v[i];
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            out.add(Embedding.from(v));
        }
        embedded.addAndGet(segments.size());
        return Response.from(out);
    }

    /** A sync into {@code index} with this embedding and the usual chunkers. */
    public SyncReport sync(ChunkIndex index, DocumentSource source, LinkTemplate links) throws IOException {
        return sync(index, source, links, List.of());
    }

    /** A sync of a source open to {@code groups} (empty: every signed-in user). */
    public SyncReport sync(ChunkIndex index, DocumentSource source, LinkTemplate links, List<String> groups)
            throws IOException {
        LocalEmbedding embedding = new LocalEmbedding("hashing-test", this, "", 384, 0.5);
        return new SourceSync(index, embedding, new DocumentChunker(350, 40), new CodeChunker(350))
                .sync(source, links, groups, progress -> { });
    }
}

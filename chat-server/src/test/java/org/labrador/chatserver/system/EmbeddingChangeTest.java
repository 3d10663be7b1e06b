package org.labrador.chatserver.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.chatserver.LabradorApplication;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.IndexedDocument;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Changing the embedding model to one of another vector length: the index's passages cannot be
 * searched with it, so the start stops with what to do instead of failing query by query.
 */
class EmbeddingChangeTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path docs;

    @Test
    void anIndexOfAnotherVectorLengthStopsTheStartWithTheWayForward() throws IOException {
        try (ChunkIndex index = ChunkIndex.open(dataDir.resolve("index"))) {
            float[] vector = new float[384];
            vector[0] = 1;
            index.replaceDocument(new IndexedDocument("docs", "a.md", "A", "h", "bge-small-en-v1.5-q", 1, Instant.now()),
                    List.of(new Chunk("a#0", "docs", "a.md", "A", List.of(), 1, 1, "Drift time.", "/source/docs/a.md", "h")),
                    List.of(vector));
            index.commit(Map.of());
        }
        Throwable failure;
        try (OllamaProtocolServer ollama = OllamaProtocolServer.start().models("nomic-embed-text")) {
            failure = catchThrowable(() -> new SpringApplicationBuilder(LabradorApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--labrador.data-dir=" + dataDir, "--labrador.sync-on-start=false",
                            "--labrador.embedding.engine=ollama", "--labrador.embedding.model=nomic-embed-text",
                            "--labrador.embedding.base-url=" + ollama.baseUrl(), "--labrador.sources[0].name=docs",
                            "--labrador.sources[0].path=" + docs).close());
        }

        StartFailures.EmbeddingChangedException cause = findCause(failure);
        FailureAnalysis analysis = new StartFailures.EmbeddingChanged().analyze(failure);
        assertThat(analysis.getDescription()).contains("holds 384-dimensional vectors")
                .contains("ollama:nomic-embed-text gives 768");
        assertThat(analysis.getAction()).contains("labrador index rebuild");
        assertThat(cause).isNotNull();
        try (ChunkIndex index = ChunkIndex.open(dataDir.resolve("index"))) {
            assertThat(index.stats().chunks()).as("the index is left as it was").isEqualTo(1);
        }
    }

    private static StartFailures.EmbeddingChangedException findCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StartFailures.EmbeddingChangedException changed) {
                return changed;
            }
        }
        throw new AssertionError("the start did not fail for the embedding change", t);
    }
}

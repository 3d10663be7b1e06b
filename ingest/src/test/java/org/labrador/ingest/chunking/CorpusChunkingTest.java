package org.labrador.ingest.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the chunker over the shared corpora, when they are present, as the app would. */
class CorpusChunkingTest {

    /** Code blocks may fill four targets, plus overlap and a heading; nothing should come near this. */
    private static final int MAX_TOKENS = 4 * 350 + 40 + 100;

    @Test
    void everyDocumentChunksIntoBoundedPassagesWithValidLines() throws IOException {
        Path corpora = org.labrador.ingest.wiki.SharedCorpora.require("wiki"); // skips, naming what is missing
        corpora = corpora.getParent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpora)) {
            files = walk.filter(Files::isRegularFile).filter(p -> DocumentChunker.supports(p.toString())).toList();
        }
        assumeTrue(!files.isEmpty(), "no documents the docs chunker reads (Markdown, text, HTML…) under " + corpora);
        DocumentChunker chunker = new DocumentChunker(350, 40);
        int chunked = 0;
        for (Path file : files) {
            String content;
            try {
                content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                continue; // the docs source skips these too
            }
            String path = corpora.relativize(file).toString().replace('\\', '/');
            ChunkedDocument doc = chunker.chunk(path, content);
            int lineCount = SourceText.lines(content).size();
            assertThat(doc.title()).as(path).isNotBlank();
            for (Passage p : doc.passages()) {
                assertThat(p.text()).as(path).isNotBlank();
                assertThat(TokenCount.of(p.text())).as("tokens in %s:%d", path, p.startLine()).isLessThanOrEqualTo(MAX_TOKENS);
                assertThat(p.startLine()).as(path).isBetween(1, p.endLine());
                assertThat(p.endLine()).as(path).isLessThanOrEqualTo(lineCount);
                if (!path.toLowerCase().matches(".*\\.html?$")) {
                    SourceText.assertWithinLines(content, p);
                }
            }
            chunked++;
        }
        assertThat(chunked).isPositive();
    }
}

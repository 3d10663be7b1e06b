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

    private static final Path CORPORA = Path.of("/work/shared/corpora");
    /** Code blocks may fill four targets, plus overlap and a heading; nothing should come near this. */
    private static final int MAX_TOKENS = 4 * 350 + 40 + 100;

    @Test
    void everyDocumentChunksIntoBoundedPassagesWithValidLines() throws IOException {
        assumeTrue(Files.isDirectory(CORPORA), "no shared corpora on this machine");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPORA)) {
            files = walk.filter(Files::isRegularFile).filter(p -> DocumentChunker.supports(p.toString())).toList();
        }
        assumeTrue(!files.isEmpty(), "no documents in the shared corpora");
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
            String path = CORPORA.relativize(file).toString().replace('\\', '/');
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

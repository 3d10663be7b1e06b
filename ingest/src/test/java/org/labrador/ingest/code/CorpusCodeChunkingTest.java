package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;

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

/** Runs the code chunker over any code in the shared corpora, as the app would. */
class CorpusCodeChunkingTest {

    private static final Path CORPORA = Path.of("/work/shared/corpora");

    @Test
    void everyCodeFileChunksIntoPassagesWithExactLines() throws IOException {
        assumeTrue(Files.isDirectory(CORPORA), "no shared corpora on this machine");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPORA)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> CodeChunker.language(p.toString()).isPresent()).toList();
        }
        assumeTrue(!files.isEmpty(), "no code files in the shared corpora");
        CodeChunker chunker = new CodeChunker(350);
        for (Path file : files) {
            String content;
            try {
                content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                continue;
            }
            String path = CORPORA.relativize(file).toString().replace('\\', '/');
            ChunkedCode code = chunker.chunk(path, content);
            assertThat(code.title()).as(path).isNotBlank();
            if (!path.endsWith(".ipynb")) {
                assertExactLines(content, code.passages());
            }
        }
    }
}

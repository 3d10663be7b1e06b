package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the code chunker, as the app would, over real code: this repository's own sources (always
 * here, so the test always runs) and any code in the shared corpora (today they hold papers and
 * wikis only).
 */
class CorpusCodeChunkingTest {

    /** The module's own Java sources: real code that exists wherever the tests run. */
    private static final Path OWN_SOURCES = Path.of("src/main/java").toAbsolutePath();

    @Test
    void everyCodeFileChunksIntoPassagesWithExactLines() throws IOException {
        List<Path> files = new ArrayList<>(codeFilesUnder(OWN_SOURCES));
        Path corpora = sharedCorpora();
        if (corpora != null) {
            files.addAll(codeFilesUnder(corpora));
        }
        assertThat(files).as("code files under " + OWN_SOURCES).hasSizeGreaterThan(10);
        CodeChunker chunker = new CodeChunker(350);
        int chunked = 0;
        for (Path file : files) {
            String content;
            try {
                content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                continue;
            }
            String path = file.getFileName().toString();
            ChunkedCode code = chunker.chunk(path, content);
            assertThat(code.title()).as(file.toString()).isNotBlank();
            if (!path.endsWith(".ipynb")) {
                assertExactLines(content, code.passages());
            }
            chunked++;
        }
        assertThat(chunked).isPositive();
    }

    private static List<Path> codeFilesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> CodeChunker.language(p.toString()).isPresent()).toList();
        }
    }

    /** {@code shared/corpora} above the module folder, or null when this machine has none. */
    private static Path sharedCorpora() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/corpora"))) {
                return dir.resolve("shared/corpora");
            }
        }
        return null;
    }
}

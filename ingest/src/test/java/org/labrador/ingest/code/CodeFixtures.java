package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Test fixtures under {@code /code/} and the check that a passage is exactly its source lines. */
final class CodeFixtures {

    private CodeFixtures() {
    }

    static String fixture(String name) {
        try (InputStream in = CodeFixtures.class.getResourceAsStream("/code/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String content) {
        return Arrays.asList(content.replace("\uFEFF", "").split("\r\n|\r|\n", -1));
    }

    /** Lines {@code start..end} (1-based, inclusive) joined with \n. */
    static String lines(String content, int start, int end) {
        return String.join("\n", lines(content).subList(start - 1, end));
    }

    /** Every passage is non-blank and its text is exactly its source lines, which lie in the file. */
    static void assertExactLines(String content, List<CodePassage> passages) {
        int count = lines(content).size();
        for (CodePassage p : passages) {
            assertThat(p.passage().startLine()).isBetween(1, p.passage().endLine());
            assertThat(p.passage().endLine()).isLessThanOrEqualTo(count);
            assertThat(p.passage().text()).isNotBlank()
                    .as("text of lines %d-%d", p.passage().startLine(), p.passage().endLine())
                    .isEqualTo(lines(content, p.passage().startLine(), p.passage().endLine()));
        }
    }

    /** The passage whose qualified name is {@code name}; fails if there is not exactly one. */
    static CodePassage named(ChunkedCode code, String name) {
        List<CodePassage> found = code.passages().stream().filter(p -> p.qualifiedName().equals(name)).toList();
        assertThat(found).as("passages named %s in %s", name, code.passages().stream().map(CodePassage::qualifiedName).toList())
                .hasSize(1);
        return found.getFirst();
    }

    /**
     * Each definition, nested ones after their parent and indented, as {@code "name KIND start-end
     * (name line)"} with 1-based lines, for comparing what two readers found.
     */
    static List<String> outlineRows(List<Definition> definitions) {
        List<String> rows = new java.util.ArrayList<>();
        addRows(definitions, "", rows);
        return rows;
    }

    private static void addRows(List<Definition> definitions, String indent, List<String> rows) {
        for (Definition d : definitions) {
            rows.add("%s%s %s %d-%d (%d)".formatted(indent, d.name(), d.kind(), d.start() + 1, d.end() + 1,
                    d.nameLine() + 1));
            addRows(d.children(), indent + "  ", rows);
        }
    }
}

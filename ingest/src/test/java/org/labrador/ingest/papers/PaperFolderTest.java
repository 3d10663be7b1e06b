package org.labrador.ingest.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.wiki.SharedCorpora;

/** The real papers of the shared corpora, read as a user's paper folder would be. */
class PaperFolderTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);

    @TempDir
    Path temp;

    private PaperFolder corpus() {
        return new PaperFolder("papers", SharedCorpora.require("papers"), 50_000_000, CHUNKER);
    }

    @Test
    void listsEveryPdfByItsPathInTheFolder() throws IOException {
        assertThat(corpus().list()).containsExactly("0807.3577.pdf", "1001._0908.0054.pdf", "ApplPhysLett_98_082505.pdf",
                "ZFN-A-054-0304-0272.pdf", "submission_161.pdf", "submission_355.pdf");
    }

    @Test
    void jcapPaperHasItsTitleAuthorsArxivIdAndAbstract() throws IOException {
        PaperInfo info = corpus().info("0807.3577.pdf");

        assertThat(info.title()).isEqualTo("Apparent and average accelerations of the Universe");
        assertThat(info.authors()).containsExactly("Krzysztof Bolejko", "Lars Andersson");
        assertThat(info.arxivId()).isEqualTo("0807.3577");
        assertThat(info.abstractText()).startsWith("In this paper we consider the relation between the volume")
                .contains("care must be exercised in relating the deceleration parameter to observations");
    }

    @Test
    void jcapPaperIsCutAlongItsNumberedSections() {
        SourceFile paper = corpus().read("0807.3577.pdf");

        assertThat(paper.isSkipped()).isFalse();
        assertThat(paper.document().title()).isEqualTo("Apparent and average accelerations of the Universe");
        assertThat(paper.text()).matches("[0-9a-f]{64}");
        List<List<String>> sections = paper.document().passages().stream().map(Passage::headings).distinct().toList();
        assertThat(sections).containsSubsequence(List.of("Abstract"), List.of("1. Introduction"),
                List.of("2. The Buchert scheme"), List.of("4. The apparent and average accelerations"),
                List.of("5. Connection between the deceleration parameter and observations"), List.of("6. Conclusions"),
                List.of("Acknowledgments"), List.of("Appendix. Model specification"), List.of("References"));
        // The table of contents ("1. Introduction 2") is not taken for headings.
        assertThat(sections).noneMatch(h -> !h.isEmpty() && h.getLast().matches(".*\\d$"));
    }

    @Test
    void passagesCarryThePagesTheirTextIsOn() {
        List<Passage> passages = corpus().read("0807.3577.pdf").document().passages();

        // Sentences looked up on the PDF's pages with PDFBox before writing this test.
        assertThat(firstContaining(passages, "Accelerated expansion, modeled by a positive cosmological constant")
                .startPage()).isEqualTo(2);
        // This one follows text of page 8 in the same section: its passage runs across the page break.
        Passage across = firstContaining(passages, "Now let us examine the volume deceleration parameter within models of cosmic voids");
        assertThat(across.startPage()).isEqualTo(8);
        assertThat(across.endPage()).isEqualTo(9);
        assertThat(containing(passages, "However, we conclude that, within this class, the volume deceleration"))
                .isNotEmpty().allMatch(p -> p.startPage() <= 10 && p.endPage() >= 10);
        assertThat(firstContaining(passages, "We would like to thank Henk van Elst and Thomas Buchert").startPage())
                .isEqualTo(11);
        assertThat(containing(passages, "d = 6 and 5 for models 6 and 7 respectively"))
                .isNotEmpty().allMatch(p -> p.startPage() <= 13 && p.endPage() >= 13);
        for (Passage p : passages) {
            assertThat(p.startPage()).isBetween(1, 15);
            assertThat(p.endPage()).isBetween(p.startPage(), 15);
            assertThat(p.startLine()).isBetween(1, p.endLine());
        }
        assertThat(passages).anyMatch(p -> p.startPage() < p.endPage());
    }

    @Test
    void referencesAreTheirOwnPassagesAndNotMixedIntoTheBody() {
        List<Passage> passages = corpus().read("0807.3577.pdf").document().passages();

        assertThat(passages).filteredOn(p -> p.text().contains("Perlmutter S et al"))
                .isNotEmpty().allMatch(p -> p.headings().equals(List.of("References")));
        assertThat(passages).filteredOn(p -> !p.headings().equals(List.of("References")))
                .noneMatch(p -> p.text().contains("[SPIRES]"));
    }

    @Test
    void runningHeadersAreDropped() {
        List<Passage> passages = corpus().read("0807.3577.pdf").document().passages();

        assertThat(passages).noneMatch(p -> p.text().contains("stacks.iop.org/JCAP/2008/i=10/a=003) "));
        assertThat(passages).filteredOn(p -> !p.headings().isEmpty())
                .noneMatch(p -> p.text().contains("Apparent and average accelerations of the Universe"));
    }

    @Test
    void twoColumnRevtexPaperReadsInColumnOrderWithRomanSectionsAndJoinedHyphens() throws IOException {
        PaperFolder papers = corpus();
        SourceFile paper = papers.read("1001._0908.0054.pdf");

        assertThat(paper.document().title()).isEqualTo("Ultra light bosonic dark matter and CMB");
        assertThat(papers.info("1001._0908.0054.pdf").arxivId()).isEqualTo("0908.0054");
        List<Passage> passages = paper.document().passages();
        assertThat(passages.stream().map(Passage::headings).distinct().toList()).containsSubsequence(
                List.of("I. INTRODUCTION"), List.of("II. ULTRA LIGHT BOSONS AS DARK MATTER"),
                List.of("III. TESTING WITH THE CMB"), List.of("IV. CONCLUSIONS"), List.of("References"));
        // "Cosmic Mi-" / "crowave Background" at a line end in the left column.
        String introduction = String.join("\n", passages.stream()
                .filter(p -> p.headings().equals(List.of("I. INTRODUCTION"))).map(Passage::text).toList());
        assertThat(introduction).contains("Cosmic Microwave").doesNotContain("Mi-\ncrowave");
        assertThat(introduction.replace('\n', ' ')).contains("flavour oscillations which strongly suggest a non-zero");
        // Column order: the introduction's first paragraph is followed by its second, not by the right column.
        assertThat(introduction.indexOf("SFDM model has been tested")).isLessThan(introduction.indexOf("There is a fermionic particle"));
    }

    @Test
    void resolveRefusesPathsOutsideTheFolder() {
        PaperFolder papers = new PaperFolder("p", temp, 1000, CHUNKER);

        assertThat(papers.resolve("a/b.pdf")).isEqualTo(temp.toAbsolutePath().normalize().resolve("a/b.pdf"));
        assertThatThrownBy(() -> papers.resolve("../outside.pdf")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Passage> containing(List<Passage> passages, String sentence) {
        return passages.stream().filter(p -> p.text().replace('\n', ' ').contains(sentence)).toList();
    }

    private static Passage firstContaining(List<Passage> passages, String sentence) {
        return passages.stream().filter(p -> p.text().replace('\n', ' ').contains(sentence)).findFirst()
                .orElseThrow(() -> new AssertionError("no passage contains: " + sentence));
    }
}

package org.labrador.ingest.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.chunking.SourceText.assertExactLines;
import static org.labrador.ingest.chunking.SourceText.assertWithinLines;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour common to all formats: sizes, overlap, and odd input. */
class PassagePackingTest {

    private final DocumentChunker chunker = new DocumentChunker(350, 40);

    @Test
    void supportsTheDocumentExtensionsInAnyCase() {
        assertThat(List.of("a.md", "b.MARKDOWN", "c/d.rst", "e.html", "f.HTM", "g.txt"))
                .allMatch(DocumentChunker::supports);
        assertThat(List.of("a.pdf", "b.java", "README", "md")).noneMatch(DocumentChunker::supports);
    }

    @Test
    void anEmptyFileHasATitleAndNoPassages() {
        for (String path : List.of("docs/empty.md", "docs/empty.rst", "docs/empty.html", "docs/empty.txt")) {
            ChunkedDocument doc = chunker.chunk(path, "");
            assertThat(doc.title()).isEqualTo("empty");
            assertThat(doc.passages()).isEmpty();
            assertThat(chunker.chunk(path, " \n\t\n\n").passages()).isEmpty();
        }
    }

    @Test
    void aFileOfHeadingsOnlyKeepsTheInnermostHeadingsAsPassages() {
        String text = "# Manual\n\n## Setup\n\n### Cabling\n\n## Operation\n";
        ChunkedDocument doc = chunker.chunk("manual.md", text);
        assertThat(doc.title()).isEqualTo("Manual");
        assertThat(doc.passages()).extracting(Passage::text).containsExactly("### Cabling", "## Operation");
        assertThat(doc.passages().getFirst().headings()).containsExactly("Manual", "Setup", "Cabling");
    }

    @Test
    void crlfLineEndingsGiveTheSameLinesAndTextWithoutCarriageReturns() {
        String unix = "# Gas system\n\nThe mixture is Ar/CO2.\n\n## Flow\n\nFlow is 5 l/h.\n";
        ChunkedDocument crlf = chunker.chunk("gas.md", unix.replace("\n", "\r\n"));
        assertThat(crlf.passages()).isEqualTo(chunker.chunk("gas.md", unix).passages());
        assertThat(crlf.passages()).noneMatch(p -> p.text().contains("\r"));
        assertThat(crlf.passages().get(1).startLine()).isEqualTo(5);
        String rst = "Gas\r\n===\r\n\r\nMixture.\r\n\r\nFlow\r\n----\r\n\r\nFive.\r\n";
        assertThat(chunker.chunk("gas.rst", rst).passages()).extracting(Passage::headings)
                .containsExactly(List.of("Gas"), List.of("Gas", "Flow"));
    }

    @Test
    void plainTextIsCutIntoParagraphsWithoutHeadings() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("Run ").append(i).append(" was taken at a beam energy of 120 GeV with the\n")
                    .append("trigger threshold at 40 mV and lasted about twenty minutes.\n\n");
        }
        ChunkedDocument doc = chunker.chunk("logbook/2024-05.txt", text.toString());
        assertThat(doc.title()).isEqualTo("2024-05");
        assertThat(doc.passages()).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.headings()).isEmpty();
            assertThat(TokenCount.of(p.text())).isLessThanOrEqualTo(350 + 40);
            assertExactLines(text.toString(), p);
        });
    }

    @Test
    void aCodeBlockOverFourTimesTheTargetIsCutAtBlankLinesOnly() {
        StringBuilder code = new StringBuilder("```c\n");
        for (int f = 0; f < 12; f++) {
            code.append("int step").append(f).append("(int x) {\n    return x * ").append(f).append(" + 1;\n}\n\n");
        }
        String text = "# Kernels\n\n" + code + "```\n";
        ChunkedDocument doc = new DocumentChunker(20, 5).chunk("kernels.md", text);
        assertThat(doc.passages()).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertExactLines(text, p);
            assertThat(p.text().lines().filter(l -> l.startsWith("int step")).count())
                    .as("functions begun").isEqualTo(p.text().lines().filter(l -> l.equals("}")).count());
        });
    }

    @Test
    void aParagraphOnOneVeryLongLineIsCutAtSentencesAndOverlapsBySentences() {
        String sentence = "The calorimeter response is linear within one percent between 10 and 200 GeV. ";
        String text = "## Linearity\n\n" + sentence.repeat(60).strip() + "\n";
        List<Passage> passages = chunker.chunk("calo.md", text).passages();
        assertThat(passages).hasSizeGreaterThan(2).allSatisfy(p -> {
            assertWithinLines(text, p);
            assertThat(TokenCount.of(p.text())).isLessThanOrEqualTo(350 + 40);
        });
        for (int i = 2; i < passages.size(); i++) {
            assertThat(passages.get(i).text()).startsWith("The calorimeter");
            String previous = passages.get(i - 1).text();
            assertThat(previous).endsWith(passages.get(i).text().substring(0, sentence.strip().length()));
        }
    }

    @Test
    void oddInputNeverThrows() {
        List<String> inputs = List.of("\uFEFF# Title\n\ttabbed\n", "```\nunterminated", "$$\nx", "<html><p>unclosed",
                "<<<>>>", "====\n====\n", "..\n::\n\n  x", ".. code-block::\n", "x".repeat(100_000),
                "+--+\n|a|\n", "=== ===\nA B\n", "|a|\n|-|\n", "\r\r\r", "---\ntitle:\n---\n", "\0\u0001");
        for (String input : inputs) {
            for (String ext : List.of(".md", ".rst", ".html", ".txt")) {
                ChunkedDocument doc = chunker.chunk("odd" + ext, input);
                assertThat(doc.title()).isNotBlank();
                if (!ext.equals(".html")) {
                    doc.passages().forEach(p -> assertWithinLines(input, p));
                }
                assertThat(doc.passages()).allSatisfy(p -> assertThat(p.text()).isNotBlank());
            }
        }
    }

    @Test
    void aVeryLongLineIsCutIntoBoundedPassages() {
        List<Passage> passages = chunker.chunk("blob.txt", "x".repeat(100_000)).passages();
        assertThat(passages.size()).isGreaterThan(10);
        assertThat(passages.stream().mapToInt(p -> TokenCount.of(p.text())).max().orElseThrow()).isLessThanOrEqualTo(350);
        assertThat(passages.stream().mapToInt(p -> p.text().length()).sum()).isEqualTo(100_000);
    }
}

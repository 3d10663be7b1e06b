package org.labrador.ingest.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.chunking.SourceText.assertExactLines;
import static org.labrador.ingest.chunking.SourceText.fixture;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownChunkingTest {

    private static final String README = fixture("dimuon-analysis.md");
    private final ChunkedDocument doc = new DocumentChunker(350, 40).chunk("analysis/README.md", README);

    @Test
    void titleIsTheFirstH1AndFrontMatterIsNotAPassage() {
        assertThat(doc.title()).isEqualTo("Dimuon Resonance Search");
        assertThat(doc.passages()).noneMatch(p -> p.text().contains("authors:"));
        assertThat(doc.passages().getFirst().startLine()).isEqualTo(6);
    }

    @Test
    void passagesCarryTheHeadingPathAndH2ReplacesTheH2Before() {
        assertThat(doc.passages()).extracting(Passage::headings).containsSubsequence(
                List.of("Dimuon Resonance Search"),
                List.of("Dimuon Resonance Search", "Overview"),
                List.of("Dimuon Resonance Search", "Installation"),
                List.of("Dimuon Resonance Search", "Running the analysis"),
                List.of("Dimuon Resonance Search", "Calibration"),
                List.of("Dimuon Resonance Search", "Calibration", "Selection cuts"),
                List.of("Dimuon Resonance Search", "Calibration", "Signal model"),
                List.of("Dimuon Resonance Search", "Statistical interpretation"));
    }

    @Test
    void everyPassageIsExactlyItsSourceLines() {
        assertThat(doc.passages()).isNotEmpty();
        doc.passages().forEach(p -> assertExactLines(README, p));
    }

    @Test
    void aNewHeadingStartsANewPassage() {
        for (Passage p : doc.passages()) {
            List<String> headingLines = p.text().lines().filter(l -> l.startsWith("#")).toList();
            assertThat(headingLines).as("headings inside %s", p.headings()).hasSizeLessThanOrEqualTo(1);
            headingLines.forEach(h -> assertThat(p.text()).startsWith(h));
        }
        Passage installation = passageUnder("Installation");
        assertThat(installation.text()).startsWith("## Installation").doesNotContain("## Running");
    }

    @Test
    void theLongCodeBlockStaysWholeInOnePassage() {
        String code = README.substring(README.indexOf("```python"), README.indexOf("```\n\nThe fitted") + 3);
        assertThat(TokenCount.of(code)).as("the fixture's code is longer than the target").isGreaterThan(350);
        assertThat(doc.passages()).filteredOn(p -> p.text().contains("def fit_bin"))
                .singleElement().satisfies(p -> assertThat(p.text()).contains(code));
    }

    @Test
    void consecutivePassagesOfALongSectionOverlap() {
        List<Passage> running = doc.passages().stream()
                .filter(p -> p.headings().getLast().equals("Running the analysis")).toList();
        assertThat(running).hasSizeGreaterThan(1);
        for (int i = 1; i < running.size(); i++) {
            Passage before = running.get(i - 1);
            Passage after = running.get(i);
            assertThat(after.startLine()).as("overlap of lines").isLessThanOrEqualTo(before.endLine());
            assertThat(after.startLine()).isGreaterThan(before.startLine());
            String repeated = SourceText.lines(README, after.startLine(), before.endLine());
            assertThat(TokenCount.of(repeated)).isBetween(1, 40);
        }
    }

    @Test
    void passagesOfDifferentSectionsDoNotOverlap() {
        List<Passage> passages = doc.passages();
        for (int i = 1; i < passages.size(); i++) {
            if (!passages.get(i).headings().equals(passages.get(i - 1).headings())) {
                assertThat(passages.get(i).startLine()).isGreaterThan(passages.get(i - 1).endLine());
            }
        }
    }

    @Test
    void tablesAndFormulasLargerThanTheTargetAreNotCut() {
        int target = 30;
        String table = README.substring(README.indexOf("| Variable"), README.indexOf("### Signal model"));
        String formula = README.substring(README.indexOf("$$\nf(m)"), README.indexOf("\n\nwith power-law"));
        assertThat(TokenCount.of(table)).isGreaterThan(target);
        assertThat(TokenCount.of(formula)).isGreaterThan(target);
        ChunkedDocument small = new DocumentChunker(target, 5).chunk("README.md", README);
        assertThat(small.passages()).filteredOn(p -> p.text().contains("| leading muon pT"))
                .singleElement().satisfies(p -> assertThat(p.text()).contains(table.strip()));
        assertThat(small.passages()).filteredOn(p -> p.text().contains("f(m) = N"))
                .singleElement().satisfies(p -> assertThat(p.text()).contains(formula));
        small.passages().forEach(p -> assertExactLines(README, p));
    }

    @Test
    void setextHeadingsCountAndFrontMatterTitleIsTheFallback() {
        String text = "---\ntitle: 'Run book'\n---\nIntro line.\n\nShift duties\n------------\n\nCheck the gas.\n";
        ChunkedDocument runbook = new DocumentChunker(350, 40).chunk("ops/runbook.md", text);
        assertThat(runbook.title()).isEqualTo("Run book");
        assertThat(runbook.passages()).extracting(Passage::headings)
                .containsExactly(List.of(), List.of("Shift duties"));
        assertThat(runbook.passages().get(1).startLine()).isEqualTo(6);
    }

    @Test
    void withoutH1OrFrontMatterTheTitleIsTheFileName() {
        assertThat(new DocumentChunker(350, 40).chunk("notes/Drift Chamber.md", "## Gas\n\nAr/CO2.\n").title())
                .isEqualTo("Drift Chamber");
    }

    @Test
    void anUnterminatedFenceRunsToTheEndAndIsKeptWhole() {
        String text = "# Log\n\n```\n" + "line of output 12345 abc\n".repeat(60);
        ChunkedDocument log = new DocumentChunker(100, 10).chunk("log.md", text);
        assertThat(log.passages()).hasSize(1);
        assertThat(log.passages().getFirst().endLine()).isEqualTo(63);
    }

    private Passage passageUnder(String heading) {
        return doc.passages().stream().filter(p -> p.headings().getLast().equals(heading)).findFirst().orElseThrow();
    }
}

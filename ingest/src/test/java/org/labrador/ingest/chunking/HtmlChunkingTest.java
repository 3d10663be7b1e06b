package org.labrador.ingest.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.chunking.SourceText.fixture;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlChunkingTest {

    private static final String PAGE = fixture("beamline.html");
    private final ChunkedDocument doc = new DocumentChunker(350, 40).chunk("site/beamline.html", PAGE);

    @Test
    void titleComesFromTheTitleElementElseTheFirstH1() {
        assertThat(doc.title()).isEqualTo("Test Beam Line Manual");
        assertThat(new DocumentChunker(350, 40).chunk("a.htm", "<h1>Cosmic stand</h1><p>Two scintillators.</p>").title())
                .isEqualTo("Cosmic stand");
        assertThat(new DocumentChunker(350, 40).chunk("dir/b.HTML", "<p>No heading.</p>").title()).isEqualTo("b");
    }

    @Test
    void headingsDefineThePathAndScriptsStylesAndNavigationAreDropped() {
        assertThat(doc.passages()).extracting(Passage::headings).containsExactly(
                List.of("Beam Line H4"),
                List.of("Beam Line H4", "Access"),
                List.of("Beam Line H4", "Data taking", "Starting a run"));
        assertThat(doc.passages()).noneMatch(p -> p.text().contains("analytics") || p.text().contains("trackClicks")
                || p.text().contains("font-family") || p.text().contains("Home"));
    }

    @Test
    void textIsExtractedAndLinesAreThoseOfTheElementsInTheSource() {
        Passage access = doc.passages().get(1);
        assertThat(access.text()).startsWith("Access\n\nAccess to the zone requires the radiation protection course and a valid dosimeter.")
                .contains("Take a key from the key distributor.").doesNotContain("<");
        List<String> lines = SourceText.lines(PAGE);
        assertThat(lines.get(access.startLine() - 1)).contains("<h2>Access</h2>");
        assertThat(lines.get(access.endLine() - 1)).contains("key distributor");
    }

    @Test
    void preIsKeptWholeWithItsLineBreaks() {
        ChunkedDocument small = new DocumentChunker(5, 2).chunk("beamline.html", PAGE);
        assertThat(small.passages()).filteredOn(p -> p.text().contains("ssh daq@h4-control"))
                .singleElement().satisfies(p -> {
                    assertThat(p.text()).contains("ssh daq@h4-control\n./start_run.sh --beam electrons --energy 100");
                    assertThat(SourceText.lines(PAGE, p.startLine(), p.endLine())).contains("<pre>");
                });
        assertThat(small.passages()).anySatisfy(p -> assertThat(p.text()).isEqualTo("Setting | Value\nCollimator | 2 mm"));
    }
}

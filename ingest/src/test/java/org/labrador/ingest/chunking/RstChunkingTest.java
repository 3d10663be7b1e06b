package org.labrador.ingest.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.chunking.SourceText.assertExactLines;
import static org.labrador.ingest.chunking.SourceText.fixture;

import java.util.List;
import org.junit.jupiter.api.Test;

class RstChunkingTest {

    private static final String GUIDE = fixture("detector-guide.rst");
    private final ChunkedDocument doc = new DocumentChunker(350, 40).chunk("docs/detector-guide.rst", GUIDE);

    @Test
    void titleIsTheFirstSectionTitleAndLevelsFollowFirstAppearance() {
        assertThat(doc.title()).isEqualTo("Drift Chamber User Guide");
        // Styles in order of appearance: '=' overlined, '=' underlined, '-', '~'.
        assertThat(doc.passages()).extracting(Passage::headings).containsExactly(
                List.of("Drift Chamber User Guide"),
                List.of("Drift Chamber User Guide", "Overview"),
                List.of("Drift Chamber User Guide", "Overview", "Hit reconstruction"),
                List.of("Drift Chamber User Guide", "Overview", "Hit reconstruction", "Drift velocity"),
                List.of("Drift Chamber User Guide", "Calibration"),
                List.of("Drift Chamber User Guide", "Calibration", "Troubleshooting"));
    }

    @Test
    void overlineAndUnderlineIsADifferentLevelFromUnderlineAlone() {
        String text = "Part\n====\n\nText a.\n\n=======\nChapter\n=======\n\nText b.\n\nOther part\n==========\n\nText c.\n";
        assertThat(new DocumentChunker(350, 40).chunk("x.rst", text).passages()).extracting(Passage::headings)
                .containsExactly(List.of("Part"), List.of("Part", "Chapter"), List.of("Other part"));
    }

    @Test
    void everyPassageIsExactlyItsSourceLinesAndMetadataIsLeftOut() {
        doc.passages().forEach(p -> assertExactLines(GUIDE, p));
        assertThat(doc.passages()).noneMatch(p -> p.text().contains(":orphan:"));
    }

    @Test
    void literalBlocksCodeAndMathDirectivesAreNeverCut() {
        int target = 25;
        List<List<String>> atomics = List.of(List.of("    t0 = calibration", "Times below"),
                List.of(".. code-block::", "Drift velocity"), List.of(".. math::", "where D"),
                List.of("=============  ====", "Troubleshooting"));
        for (List<String> atomic : atomics) {
            String block = GUIDE.substring(GUIDE.indexOf(atomic.get(0)), GUIDE.indexOf(atomic.get(1)));
            assertThat(TokenCount.of(block)).as("tokens in %s", atomic.get(0)).isGreaterThan(target);
        }
        ChunkedDocument small = new DocumentChunker(target, 4).chunk("guide.rst", GUIDE);
        assertThat(small.passages()).filteredOn(p -> p.text().contains("t0 = calibration.t0(wire)"))
                .singleElement().satisfies(p -> assertThat(p.text()).contains("radius = drift_velocity * drift_time"));
        assertThat(small.passages()).filteredOn(p -> p.text().contains("from chamber import Calibration"))
                .singleElement().satisfies(p -> assertThat(p.text()).contains("hit.radius = calibration.radius"));
        assertThat(small.passages()).filteredOn(p -> p.text().contains("v_d = \\frac"))
                .singleElement().satisfies(p -> assertThat(p.text()).contains("\\sigma_v = v_d"));
        assertThat(small.passages()).filteredOn(p -> p.text().contains("cell width     21.0"))
                .singleElement().satisfies(p -> assertThat(p.text()).contains("HV             1850"));
        small.passages().forEach(p -> assertExactLines(GUIDE, p));
    }

    @Test
    void anUnderlineShorterThanTheTitleIsNotATitle() {
        ChunkedDocument notes = new DocumentChunker(350, 40).chunk("notes.rst", "A long line of text\n---\n\nMore.\n");
        assertThat(notes.title()).isEqualTo("notes");
        assertThat(notes.passages()).allSatisfy(p -> assertThat(p.headings()).isEmpty());
    }
}

package org.labrador.ingest.wiki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;

class WikitextConverterTest {

    private static final String PAGE = """
            {{Infobox detector
            | name = Outer tracker
            | channels = 12,000<ref>TDR, p. 4</ref>
            }}
            The '''outer tracker''' uses [[Silicon strip detector|silicon strips]] and [[Scintillator]]s.<ref name="tdr"/>
            <!-- hidden
            remark -->
            == Readout ==
            {| class="wikitable"
            |+ Boards
            ! Board !! Channels
            |-
            | FEB || 128
            |-
            | style="color:red" | ROD || 4096
            |}
            === Timing ===
            The hit time is
            :<math>t = t_0 + \\frac{d}{v_d}</math>
            with [http://example.org/tdc the TDC] offset.
            * first item
            ** nested item
            # numbered
            [[File:Tracker.png|thumb|A [[tracker]] photo]]
            [[Category:Detectors]]
            """;

    @Test
    void keepsTheLineCountOfTheWikitext() {
        String markdown = WikitextConverter.toMarkdown(PAGE);

        assertThat(markdown.split("\n", -1)).hasSameSizeAs(PAGE.split("\n", -1));
    }

    @Test
    void markupBecomesReadableMarkdown() {
        String markdown = WikitextConverter.toMarkdown(PAGE);

        assertThat(markdown).contains("name: Outer tracker", "channels: 12,000")
                .contains("The outer tracker uses silicon strips and Scintillators.")
                .contains("## Readout", "### Timing")
                .contains("Boards\nBoard | Channels\nFEB | 128\nROD | 4096")
                .contains("$$t = t_0 + \\frac{d}{v_d}$$")
                .contains("with the TDC offset.")
                .contains("- first item", "  - nested item", "1. numbered")
                .doesNotContain("hidden", "TDR, p. 4", "Tracker.png", "photo", "Category", "'''", "wikitable");
    }

    @Test
    void theChunkerSeesSectionsAndKeepsTheFormulaWhole() {
        ChunkedDocument doc = new DocumentChunker(350, 40).chunk("Tracker.md", WikitextConverter.toMarkdown(PAGE));

        Passage timing = doc.passages().stream().filter(p -> p.headings().equals(List.of("Readout", "Timing")))
                .findFirst().orElseThrow();
        assertThat(timing.text()).contains("$$t = t_0 + \\frac{d}{v_d}$$");
        assertThat(timing.startLine()).isEqualTo(17);
    }

    @Test
    void unbalancedMarkupStaysAsText() {
        String markdown = WikitextConverter.toMarkdown("Broken {{template and [[link\nnext line {{ok}} [[fine]]");

        assertThat(markdown).isEqualTo("Broken {{template and [[link\nnext line  fine");
    }
}

package org.labrador.webui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetTextTest {

    @Test
    void aMarkdownHeadingAndInlineCodeReadAsText() {
        // As the index cuts it from docs/analysis/event-selection.md: the heading and the text joined in one line.
        assertThat(SnippetText.plain("## **S1** **area** **threshold** The **S1** **area** **threshold** is **set** in"
                + " `config/cuts.yaml` under the key `s1_area_min`. The default"))
                .isEqualTo("**S1** **area** **threshold** The **S1** **area** **threshold** is **set** in"
                        + " config/cuts.yaml under the key s1_area_min. The default");
        assertThat(SnippetText.plain("… value. ### Fiducial volume ### The fiducial ```yaml cuts: s1_area_min: 3.0 ``` …"))
                .isEqualTo("… value. Fiducial volume The fiducial cuts: s1_area_min: 3.0 …");
    }

    @Test
    void linksImagesEmphasisAndBulletsKeepTheirText() {
        assertThat(SnippetText.plain("See [the run plan](https://wiki.example.org/Run_Plan) and ![a plot](plot.png),"
                + " <https://example.org/x> or [ref][1]."))
                .isEqualTo("See the run plan and a plot, https://example.org/x or ref.");
        assertThat(SnippetText.plain("It is *not* __final__ and _only_ for snake_case_names * first + second"))
                .isEqualTo("It is not final and only for snake_case_names · first · second");
        // A comparison, a dash and the term marks are not markup.
        assertThat(SnippetText.plain("peaks with **area** > 3 PE - the rest 2*3*4"))
                .isEqualTo("peaks with **area** > 3 PE - the rest 2*3*4");
    }

    @Test
    void reStructuredTextUnderlinesDirectivesAndRolesGo() {
        assertThat(SnippetText.plain("**PMT** calibration =============== The PMTs are calibrated weekly. LED gain"
                + " -------------------- .. code-block:: python gains = fit() .. note:: see :ref:`gains`"))
                .isEqualTo("**PMT** calibration The PMTs are calibrated weekly. LED gain gains = fit() see gains");
    }

    @Test
    void aTableReadsAsCellsBetweenBars() {
        assertThat(SnippetText.plain("| Cut | **Value** | |---|:---:| | S1 | 3 PE |"))
                .isEqualTo("Cut | **Value** | S1 | 3 PE");
        assertThat(SnippetText.plain("| a | b | | --- | --- | | 1 | 2 |")).isEqualTo("a | b | 1 | 2");
    }

    @Test
    void theCardShowsTheSnippetWithoutMarkupAndTheTermsHighlighted() {
        Span snippet = CitationList.snippet("## **S1** **area** threshold in `config/cuts.yaml`");
        List<Span> parts = snippet.getChildren().map(Span.class::cast).toList();
        assertThat(parts).extracting(Span::getText).containsExactly("S1", " ", "area", " threshold in config/cuts.yaml");
        assertThat(parts).extracting(p -> p.hasClassName("term")).containsExactly(true, false, true, false);
    }

    @Test
    void nothingLeftIsEmpty() {
        assertThat(SnippetText.plain(null)).isEmpty();
        assertThat(SnippetText.plain("## ---")).isEmpty();
    }
}

package org.labrador.chatserver.ask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationMarkersTest {

    @Test
    void findsSingleGroupedAndAdjacentMarkersInOrderOfFirstMention() {
        assertThat(CitationMarkers.cited("Set in cuts.yaml [2]. The default is 3 PE [1, 3][2].", 5))
                .containsExactly(2, 1, 3);
    }

    @Test
    void ignoresNumbersThatNameNoSourceAndTextThatIsNotAMarker() {
        assertThat(CitationMarkers.cited("See [7] and array[0] and [x] and [ 2 ]", 3)).isEmpty();
    }

    @Test
    void aCitationOfASourceThatDoesNotExistIsTakenOutAndCounted() {
        CitationMarkers.Checked checked = CitationMarkers.check(
                "The S1 threshold is 3 PE [1][7]. It is set in cuts.yaml [7]. The S2 one is 200 PE [2, 7, 9].", 3);

        assertThat(checked.text()).isEqualTo("The S1 threshold is 3 PE [1]. It is set in cuts.yaml. The S2 one is 200 PE [2].");
        assertThat(checked.removed()).isEqualTo(4);
        assertThat(checked.cited()).containsExactly(1, 2);
    }

    @Test
    void anAnswerWhoseCitationsAllNameSourcesIsLeftAsWritten() {
        String answer = "Set in cuts.yaml [2]. The default is 3 PE [1,3].";
        CitationMarkers.Checked checked = CitationMarkers.check(answer, 3);
        assertThat(checked.text()).isSameAs(answer);
        assertThat(checked.removed()).isZero();
    }

    @Test
    void codeIsNotTouched() {
        String answer = """
                Use `peaks[7]` or this [1]:

                ```python
                area = waveform[12]
                ```
                Then [8] done.""";
        CitationMarkers.Checked checked = CitationMarkers.check(answer, 2);

        assertThat(checked.text()).contains("`peaks[7]`", "waveform[12]", "this [1]:").endsWith("Then done.");
        assertThat(checked.removed()).isEqualTo(1);
        assertThat(CitationMarkers.cited("Index `a[1]` only.", 2)).as("an index in code cites nothing").isEmpty();
    }
}

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
}

package org.labrador.chatserver.ask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a model's rewrite is searched: one line of question, not an answer or a label. */
class FollowUpsTest {

    @Test
    void theRewriteIsItsFirstLineWithoutLabelOrQuotes() {
        assertThat(FollowUps.usable("\"Where is the S1 area threshold set?\"\n")).contains("Where is the S1 area threshold set?");
        assertThat(FollowUps.usable("Rewritten question: Where is s1_area_min set?\n\nIt refers to the S1 cut."))
                .contains("Where is s1_area_min set?");
        assertThat(FollowUps.usable("  \n  Wo wird die S1-Schwelle gesetzt?  ")).contains("Wo wird die S1-Schwelle gesetzt?");
    }

    @Test
    void nothingOrAnAnswerIsNotARewrite() {
        assertThat(FollowUps.usable("")).isEmpty();
        assertThat(FollowUps.usable(null)).isEmpty();
        assertThat(FollowUps.usable("ok")).isEmpty();
        assertThat(FollowUps.usable("The threshold is set in config/cuts.yaml. ".repeat(10))).isEmpty();
    }

    @Test
    void aRewriteMustStayOnTheConversationsTopic() {
        java.util.List<String> earlier = java.util.List.of("How are the PMTs calibrated?");
        assertThat(FollowUps.keepsATopicWord("How often are the PMTs calibrated?", "And how often?", earlier)).isTrue();
        assertThat(FollowUps.keepsATopicWord("I don't know: the indexed sources do not cover this.", "And how often?",
                earlier)).isFalse();
        assertThat(FollowUps.keepsATopicWord("Wie oft werden die PMTs kalibriert?", "Und wie oft?", earlier)).isTrue();
    }
}

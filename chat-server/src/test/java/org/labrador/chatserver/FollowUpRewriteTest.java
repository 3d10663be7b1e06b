package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.ask.Exchange;
import org.labrador.retrieval.ReadAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * With a model, a follow-up is rewritten into a question that names its topic before the search, so
 * the earlier topic's words do not pull its passages back; a question that stands alone costs no
 * model call, and a rewrite that fails leaves the follow-up joined with the question before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FollowUpRewriteTest extends FixtureServerTest {

    private static final String REWRITE_INSTRUCTION = "You rewrite the user's last question";
    private static final List<Exchange> ABOUT_PMTS = List.of(
            new Exchange("How are the PMTs calibrated?", "With a blue LED, weekly [1]."));

    @Autowired
    AskService askService;

    private volatile String rewrite;

    @BeforeEach
    void sync() {
        syncFixtures();
        OLLAMA.reply(messages -> messages.getFirst().content().startsWith(REWRITE_INSTRUCTION)
                ? rewrite : citingReply(messages));
    }

    @AfterEach
    void wellBehavedModelAgain() {
        OLLAMA.reply(FixtureServerTest::citingReply);
    }

    @Test
    void aFollowUpIsSearchedAsTheModelRewroteIt() {
        rewrite = "Where is the S1 area threshold for the smallest peaks set?";
        int before = OLLAMA.chatRequests().size();

        Answer answer = askService.ask("And where is the threshold for the smallest peaks set?", ABOUT_PMTS, Set.of(),
                ReadAccess.everything(), text -> { });

        List<JsonNode> chats = OLLAMA.chatRequests().subList(before, OLLAMA.chatRequests().size());
        assertThat(chats).hasSize(2);
        JsonNode rewriteRequest = chats.getFirst();
        assertThat(rewriteRequest.path("messages").get(0).path("content").asString()).startsWith(REWRITE_INSTRUCTION);
        assertThat(rewriteRequest.path("messages").get(1).path("content").asString())
                .contains("- How are the PMTs calibrated?")
                .contains("Last question: And where is the threshold for the smallest peaks set?");
        assertThat(rewriteRequest.path("options").path("num_predict").asInt()).isEqualTo(64);
        assertThat(rewriteRequest.path("options").path("num_ctx").asInt()).as("the answers' window: no reload")
                .isEqualTo(chats.getLast().path("options").path("num_ctx").asInt()).isPositive();
        assertThat(answer.citations()).isNotEmpty();
        assertThat(answer.citations().getFirst().path()).as("searched as rewritten, not pulled back to the PMTs")
                .isEqualTo("analysis/event-selection.md");
        assertThat(answer.citations()).noneMatch(c -> c.path().equals("detector/pmt-calibration.rst"));
        // The answer itself is to the user's own words.
        assertThat(OLLAMA.lastChatMessages().getLast().content())
                .contains("And where is the threshold for the smallest peaks set?");
    }

    @Test
    void aQuestionThatNamesItsTopicCostsNoModelCall() {
        rewrite = "should not be asked";
        int before = OLLAMA.chatRequests().size();

        Answer answer = askService.ask("Where is the S1 area threshold set in the configuration?", ABOUT_PMTS, Set.of(),
                ReadAccess.everything(), text -> { });

        assertThat(OLLAMA.chatRequests().subList(before, OLLAMA.chatRequests().size()))
                .as("the answer only").hasSize(1)
                .noneMatch(r -> r.path("messages").get(0).path("content").asString().startsWith(REWRITE_INSTRUCTION));
        assertThat(answer.citations().getFirst().path()).isEqualTo("analysis/event-selection.md");
    }

    @Test
    void anUnusableRewriteLeavesTheFollowUpJoinedWithTheQuestionBefore() {
        rewrite = "";

        Answer answer = askService.ask("And how often?", ABOUT_PMTS, Set.of(), ReadAccess.everything(), text -> { });

        assertThat(answer.covered()).isTrue();
        assertThat(answer.citations().getFirst().path()).as("joined with the PMT question, as without a model")
                .isEqualTo("detector/pmt-calibration.rst");
    }
}

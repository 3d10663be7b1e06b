package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.api.InputLimits;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AnswerSink;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.ask.ContextBudget;
import org.labrador.chatserver.ask.Exchange;
import org.labrador.chatserver.conversations.ConversationStore;
import org.labrador.chatserver.sources.SourceStore;
import org.labrador.models.ChatModel;
import org.labrador.models.ContextWindow;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.models.ollama.testing.PromptWindow;
import org.labrador.retrieval.Citation;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.RetrievalPipeline;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 end to end, against a model server that cuts prompts as Ollama does: a long conversation
 * never makes it cut the prompt, the answer keeps its reservation, a source that does not fit is
 * left out and said so, a citation of a source that does not exist is taken out, an answer that
 * cites nothing is marked as not grounded, in the API, for curators and in the kept conversation,
 * and a German question's prompt asks for a German answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GroundedAnswersTest extends FixtureServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String QUESTION = "Where is the S1 area threshold set?";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    RetrievalPipeline pipeline;

    @Autowired
    ChatModel chat;

    @Autowired
    SourceStore sourceStore;

    @Autowired
    InputLimits limits;

    @Autowired
    ContextBudget budget;

    @Autowired
    ConversationStore conversations;

    @Autowired
    AskService askService;

    @BeforeEach
    void sync() {
        syncFixtures();
    }

    @AfterEach
    void wellBehavedModelAgain() {
        OLLAMA.reply(FixtureServerTest::citingReply);
    }

    @Test
    void aLongConversationNeverMakesTheModelServerCutThePrompt() throws Exception {
        List<Exchange> history = new ArrayList<>();
        for (int turn = 0; turn < 28; turn++) {
            history.add(new Exchange("What about run " + turn + "?",
                    ("Run " + turn + " had a trigger rate of 12.5 Hz and 3,141 events after the cuts [1]. ").repeat(24)));
        }
        String body = JSON.writeValueAsString(java.util.Map.of("question", QUESTION, "history", history));

        JsonNode answer = postAsk(body, "application/json");

        assertThat(answer.path("model").path("available").asBoolean()).isTrue();
        assertThat(answer.path("answer").asString()).contains("config/cuts.yaml");
        JsonNode options = OLLAMA.chatRequests().getLast().path("options");
        int numCtx = options.path("num_ctx").asInt();
        int answerTokens = options.path("num_predict").asInt();
        PromptWindow.Fit fit = OLLAMA.lastPromptFit();
        assertThat(numCtx).as("the model's length (32768), at most the ceiling").isEqualTo(budget.contextTokens());
        assertThat(fit.numCtx()).isEqualTo(numCtx);
        assertThat(fit.truncated()).as("nothing sent was cut by the model server").isFalse();
        assertThat(fit.promptTokens()).as("the server's own count, with room for the answer")
                .isEqualTo(fit.receivedTokens()).isLessThanOrEqualTo(numCtx - answerTokens);
        assertThat(answerTokens).isEqualTo(budget.answerTokens());
        // The history was shortened (oldest turns first) rather than the sources.
        assertThat(fit.kept().getFirst().content()).contains("earlier turns of this conversation left out");
        assertThat(fit.kept().getLast().content()).contains("s1_area_min").endsWith("Answer in English.");
    }

    @Test
    void aGermanQuestionsPromptAsksForAnAnswerInGerman() throws Exception {
        String question = "Wo wird der Schwellenwert für die S1 area gesetzt, s1_area_min in config/cuts.yaml?";

        JsonNode answer = postAsk(JSON.writeValueAsString(java.util.Map.of("question", question)), "application/json");

        assertThat(answer.path("model").path("available").asBoolean()).as(answer.toString()).isTrue();
        List<OllamaProtocolServer.Message> received = OLLAMA.lastChatMessages();
        assertThat(received.getLast().content()).contains("Question: " + question).endsWith("\n\nAnswer in German.");
        assertThat(received.getFirst().content()).contains("Answer in the language of the question",
                "keep code, commands, formulas and quotations exactly as in the sources");
    }

    @Test
    void aCitationOfASourceThatDoesNotExistIsTakenOutOfTheAnswer() throws Exception {
        OLLAMA.reply(messages -> citingReply(messages) + " The S2 threshold is in the same file [99].");

        JsonNode answer = postAsk("{\"question\": \"" + QUESTION + "\"}", "application/json");

        assertThat(answer.path("answer").asString()).doesNotContain("[99]").contains("s1_area_min")
                .endsWith("in the same file.");
        assertThat(answer.path("removedCitations").asInt()).isEqualTo(1);
        assertThat(answer.path("grounded").asBoolean()).isTrue();

        // Streamed: the tokens already sent had it; the final answer object does not.
        HttpResponse<String> streamed = http.send(request("application/json", "text/event-stream",
                "{\"question\": \"" + QUESTION + "\"}"), HttpResponse.BodyHandlers.ofString());
        StringBuilder tokens = new StringBuilder();
        JsonNode done = null;
        String event = null;
        for (String line : streamed.body().split("\n")) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                JsonNode data = JSON.readTree(line.substring(5));
                if ("token".equals(event)) {
                    tokens.append(data.path("text").asString());
                } else if ("done".equals(event)) {
                    done = data;
                }
            }
        }
        assertThat(tokens.toString()).contains("[99]");
        assertThat(done).isNotNull();
        assertThat(done.path("answer").asString()).doesNotContain("[99]");
        assertThat(done.path("removedCitations").asInt()).isEqualTo(1);
    }

    @Test
    void anAnswerThatCitesNothingIsUngroundedInTheApiAndInTheQuestionLog() throws Exception {
        OLLAMA.reply("The S1 area threshold is set in the cuts file.");

        JsonNode answer = postAsk("{\"question\": \"" + QUESTION + "\"}", "application/json");

        assertThat(answer.path("grounded").isBoolean()).isTrue();
        assertThat(answer.path("grounded").asBoolean()).isFalse();
        assertThat(answer.path("citations").size()).as("every source given, for the reader to check").isPositive();
        long exchange = answer.path("exchange").asLong();
        assertThat(conversations.questions(null, false, false, 50))
                .filteredOn(q -> q.exchangeId() == exchange).singleElement()
                .satisfies(q -> assertThat(q.grounded()).isFalse());
        // Reopened, the conversation still says so.
        HttpResponse<String> kept = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/conversations/" + answer.path("conversation").asLong())).header("Authorization", bearer()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(JSON.readTree(kept.body()).path("exchanges").get(0).path("grounded").asBoolean(true)).isFalse();

        OLLAMA.reply(FixtureServerTest::citingReply);
        JsonNode cited = postAsk("{\"question\": \"" + QUESTION + "\"}", "application/json");
        assertThat(cited.path("grounded").asBoolean()).isTrue();
    }

    @Test
    void aSourceThatDoesNotFitIsLeftOutAndTheAnswerSaysSo() {
        OLLAMA.reply("Nothing cited."); // an answer citing nothing lists every source it was given
        // Every fixture document counts as relevant, so that there are several sources to give.
        RetrievalPipeline everyDocument = new RetrievalPipeline(pipeline.retriever(), new RetrievalPipeline.Settings(6, 1, -1));
        Answer whole = new AskService(everyDocument, chat, sourceStore, limits, new ContextBudget(8192, 256))
                .ask(QUESTION, List.of(), Set.of(), ReadAccess.everything(), AnswerSink.NONE);
        assertThat(whole.citations()).as("a passage of each document").hasSizeGreaterThan(1);
        assertThat(whole.droppedSources()).isEmpty();

        // A window one token short of that prompt and its answer: the last source must go.
        ContextWindow counter = chat.contextWindow();
        int prompt = 32 + OLLAMA.lastChatMessages().stream().mapToInt(m -> counter.count(m.content()) + 8).sum();
        List<String> notices = new ArrayList<>();
        Answer tight = new AskService(everyDocument, chat, sourceStore, limits, new ContextBudget(prompt - 1 + 256, 256))
                .ask(QUESTION, List.of(), Set.of(), ReadAccess.everything(), new AnswerSink() {
                    @Override
                    public void token(String text) {
                    }

                    @Override
                    public void notice(String notice) {
                        notices.add(notice);
                    }
                });

        Citation last = whole.citations().getLast();
        assertThat(tight.citations()).hasSize(whole.citations().size() - 1);
        assertThat(tight.droppedSources()).singleElement().satisfies(dropped -> {
            assertThat(dropped.path()).isEqualTo(last.path());
            assertThat(dropped.n()).isEqualTo(last.n());
        });
        assertThat(notices).singleElement().asString().contains("left out", last.path());
        assertThat(OLLAMA.lastPromptFit().truncated()).isFalse();
        assertThat(JSON.readTree(JSON.writeValueAsString(tight)).path("droppedSources").get(0).path("path").asString())
                .as("the API's JSON carries it").isEqualTo(last.path());
    }

    @Test
    void theWebChatSendsOnlyTheNewestTurnsThatStayUnderThePromptLimit() {
        List<Exchange> history = new ArrayList<>();
        for (int turn = 0; turn < 40; turn++) {
            history.add(new Exchange("What about run " + turn + "?", "It had 3 PE. ".repeat(160)));
        }
        assertThatThrownBy(() -> askService.check(QUESTION, history)).hasMessageContaining("prompt-chars");

        List<Exchange> recent = askService.recentHistory(QUESTION, history);

        assertThat(recent).isNotEmpty().isEqualTo(history.subList(history.size() - recent.size(), history.size()));
        askService.check(QUESTION, recent); // a long conversation in the web chat goes on
    }

    private JsonNode postAsk(String body, String accept) throws Exception {
        HttpResponse<String> response = http.send(request("application/json", accept, body), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String contentType, String accept, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ask"))
                .header("Authorization", bearer()).header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}

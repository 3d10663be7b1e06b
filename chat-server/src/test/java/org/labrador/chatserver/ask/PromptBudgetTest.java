package org.labrador.chatserver.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.Hit;

/**
 * Issue 17: the prompt fits the model's window with room for the answer; the history gives way
 * first (oldest turns first), then the least relevant sources, then the end of a single long one.
 */
class PromptBudgetTest {

    /** Counts a token per 3 characters, as a tokenizer-free estimate might. */
    private static ContextWindow window(int tokens) {
        return new ContextWindow(tokens, text -> (text.length() + 2) / 3, false);
    }

    private static final ContextBudget BUDGET = new ContextBudget(8192, 1024);
    private static final String QUESTION = "Where is the S1 area threshold set?";

    @Test
    void aPromptThatFitsIsSentWholeWithTheWindowAndAnswerLength() {
        List<Hit> hits = hits(6, 1000);
        List<Exchange> history = List.of(new Exchange("What is S1?", "The prompt scintillation signal [1]."));

        PromptBudget.Fitted fitted = PromptBudget.fit(QUESTION, Optional.of("English"), history, hits, window(32_768), BUDGET);

        assertThat(fitted.options()).isEqualTo(new ChatOptions(8192, 1024));
        assertThat(fitted.sources()).isEqualTo(hits);
        assertThat(fitted.dropped()).isEmpty();
        assertThat(fitted.turnsLeftOut()).isZero();
        assertThat(fitted.messages()).extracting(ChatMessage::role).containsExactly(ChatMessage.Role.SYSTEM,
                ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT, ChatMessage.Role.USER);
        assertThat(fitted.messages().getFirst().content()).isEqualTo(Prompt.SYSTEM);
        assertThat(fitted.messages().getLast().content()).contains("[6] Title 6").endsWith("Question: " + QUESTION
                + "\n\nAnswer in English.");
    }

    @Test
    void theWindowIsTheModelsWhenSmallerThanTheCeilingAndHalfOfASmallOneIsForTheAnswer() {
        assertThat(PromptBudget.fit(QUESTION, Optional.empty(), List.of(), hits(1, 100), window(4096), BUDGET).options())
                .isEqualTo(new ChatOptions(4096, 1024));
        assertThat(PromptBudget.fit(QUESTION, Optional.empty(), List.of(), hits(1, 100), window(1024), BUDGET).options())
                .isEqualTo(new ChatOptions(1024, 512));
    }

    @Test
    void aLongHistoryLosesItsOldestTurnsFirstAndSaysHowMany() {
        List<Exchange> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(new Exchange("Question " + i + " " + "why? ".repeat(100), "Answer " + i + " " + "because. ".repeat(100)));
        }

        PromptBudget.Fitted fitted = PromptBudget.fit(QUESTION, Optional.empty(), history, hits(6, 1000), window(4096), BUDGET);

        assertThat(fitted.turnsLeftOut()).isBetween(1, 29);
        assertThat(fitted.sources()).as("the sources stay while turns can go").hasSize(6);
        int left = fitted.turnsLeftOut();
        // The latest questions left out are named by their first words, so that "it" in the question may be understood.
        assertThat(fitted.messages().getFirst().content()).startsWith(Prompt.SYSTEM)
                .contains("(" + left + " earlier turns of this conversation left out; ")
                .contains("\"Question " + (left - 1) + " why? why? why? why? why? why? ...\"")
                .endsWith("\".)");
        if (left > Prompt.TOPICS_NAMED) {
            assertThat(fitted.messages().getFirst().content()).contains("the last 5 asked: \"Question " + (left - 5) + " ")
                    .doesNotContain("\"Question " + (left - 6) + " ");
        }
        assertThat(fitted.messages().get(1).content()).startsWith("Question " + fitted.turnsLeftOut() + " ");
        assertThat(fitted.messages().get(fitted.messages().size() - 2).content()).startsWith("Answer 29 ");
        assertFits(fitted, 4096);
    }

    @Test
    void withoutHistoryLeftTheLeastRelevantSourcesGoFirst() {
        List<Hit> hits = hits(6, 3000);
        List<Exchange> history = List.of(new Exchange("Earlier?", "Yes."));

        PromptBudget.Fitted fitted = PromptBudget.fit(QUESTION, Optional.empty(), history, hits, window(4096), BUDGET);

        assertThat(fitted.turnsLeftOut()).isEqualTo(1);
        assertThat(fitted.sources()).isEqualTo(hits.subList(0, fitted.sources().size()));
        assertThat(fitted.dropped()).isEqualTo(hits.subList(fitted.sources().size(), 6)).isNotEmpty();
        assertThat(fitted.trimmed()).isFalse();
        assertThat(fitted.messages().getLast().content()).contains("[1] Title 1").doesNotContain("[6] Title 6");
        assertFits(fitted, 4096);
    }

    @Test
    void aSingleSourceTooLongForTheWindowIsCutShortNotDropped() {
        List<Hit> hits = new ArrayList<>(hits(3, 500));
        hits.set(0, hit(1, "| run | rate |\n".repeat(2000))); // a table far larger than the window

        PromptBudget.Fitted fitted = PromptBudget.fit(QUESTION, Optional.empty(), List.of(), hits, window(4096), BUDGET);

        assertThat(fitted.sources()).containsExactly(hits.getFirst());
        assertThat(fitted.trimmed()).isTrue();
        assertThat(fitted.messages().getLast().content()).contains("[1] Title 1", "| run | rate |", Prompt.TRIMMED)
                .endsWith("Question: " + QUESTION);
        assertFits(fitted, 4096);
    }

    @Test
    void aQuestionThatLeavesNoRoomForASourceIsRefused() {
        String question = "Why? ".repeat(2000);
        assertThatThrownBy(() -> PromptBudget.fit(question, Optional.empty(), List.of(), hits(2, 500), window(2048), BUDGET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labrador.model.context-tokens");
    }

    @Test
    void theLastMessageAsksForTheQuestionsLanguage() {
        String german = "Wo wird die Schwelle für die S1-Fläche gesetzt?";
        List<ChatMessage> germanPrompt = PromptBudget.fit(german, QuestionLanguage.of(german, List.of()), List.of(),
                hits(2, 300), window(8192), BUDGET).messages();
        List<ChatMessage> englishPrompt = PromptBudget.fit(QUESTION, QuestionLanguage.of(QUESTION, List.of()), List.of(),
                hits(2, 300), window(8192), BUDGET).messages();

        assertThat(germanPrompt.getLast().content()).endsWith("Answer in German.");
        assertThat(englishPrompt.getLast().content()).endsWith("Answer in English.");
        assertThat(germanPrompt.getFirst().content()).contains("keep code, commands, formulas and quotations exactly");
    }

    /** The prompt, counted as the budget counts it, leaves the answer its reservation. */
    private static void assertFits(PromptBudget.Fitted fitted, int window) {
        ContextWindow counter = window(window);
        int tokens = PromptBudget.TOKENS_PER_PROMPT + fitted.messages().stream()
                .mapToInt(m -> counter.count(m.content()) + PromptBudget.TOKENS_PER_MESSAGE).sum();
        assertThat(tokens).isEqualTo(fitted.promptTokens())
                .isLessThanOrEqualTo(fitted.options().contextTokens() - fitted.options().maxTokens());
    }

    private static List<Hit> hits(int count, int chars) {
        List<Hit> hits = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            hits.add(hit(n, ("Passage " + n + " on the S1 threshold. ").repeat(chars / 30 + 1).substring(0, chars)));
        }
        return hits;
    }

    private static Hit hit(int n, String text) {
        return new Hit(new Chunk("id" + n, "docs", "p" + n + ".md", "Title " + n, List.of(), 1, 10, text, null, null),
                1.0 / n, 0.8, "");
    }
}

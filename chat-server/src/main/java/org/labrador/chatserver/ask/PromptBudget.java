package org.labrador.chatserver.ask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.retrieval.Hit;

/**
 * Fits an answer's prompt into the model's window, so that the model reads all of it: a model
 * server cuts what does not fit without an error (Ollama drops the oldest messages, then the
 * beginning of the last one, which holds the first and best sources).
 *
 * <p>The request's window is the model's, at most {@code labrador.model.context-tokens}; the
 * answer's reservation is taken off it ({@link ContextBudget}), and the prompt must fit in the rest.
 * It is counted with the model's counter plus {@value #TOKENS_PER_MESSAGE} tokens per message and
 * {@value #TOKENS_PER_PROMPT} per prompt for the chat template's markers, enough for the templates
 * of the models Ollama serves, whose role names are single tokens. Where the model renders its
 * template here (the embedded engine, {@link ContextWindow#countPrompt}), the fitted prompt is then
 * counted exactly, and fitted again into less room while it does not fit: a small vocabulary may
 * spell the template's role names byte by byte. The rules and the question are always sent. What
 * gives way, in this order:
 * <ol>
 *   <li>the earlier turns, oldest first; one line in the rules says how many were left out and
 *       names the latest of them by their questions' first words;
 *   <li>the sources, least relevant (last) first, down to the most relevant one;
 *   <li>the end of that one source, when it alone is too long (a large table or code block).
 * </ol>
 * A question so long that not even the beginning of one source fits beside it is refused.
 */
final class PromptBudget {

    /** The chat template's markers around one message ({@code <|im_start|>user\n … <|im_end|>\n}, and alike). */
    static final int TOKENS_PER_MESSAGE = 8;
    /** The template's tokens around the whole prompt: a BOS token, the start of the answer, a date line. */
    static final int TOKENS_PER_PROMPT = 32;
    /** Below this much text, a trimmed source says too little to answer from. */
    static final int MIN_TRIMMED_CHARS = 200;
    /** How often a prompt counted exactly is fitted again into less room; then it is sent as it is. */
    static final int EXACT_ROUNDS = 6;

    /**
     * A prompt that fits.
     *
     * @param messages     the messages to send
     * @param options      the window to run them with and the longest answer
     * @param sources      the passages given to the model, numbered from 1 in this order
     * @param dropped      the passages left out for want of room, most relevant first
     * @param trimmed      whether the last passage given was cut short to fit
     * @param turnsLeftOut how many earlier turns (question and answer) were left out
     * @param promptTokens the prompt's size: exact where the model's window counts whole prompts, otherwise
     *                     an estimate, and an over-estimate unless the window's counter is exact
     */
    record Fitted(List<ChatMessage> messages, ChatOptions options, List<Hit> sources, List<Hit> dropped,
                  boolean trimmed, int turnsLeftOut, int promptTokens) {

        Fitted counted(int tokens) {
            return new Fitted(messages, options, sources, dropped, trimmed, turnsLeftOut, tokens);
        }
    }

    private PromptBudget() {
    }

    /**
     * @param language the language to ask for, when known
     * @param history  earlier turns, oldest first
     * @param hits     the passages to answer from, most relevant first
     * @throws IllegalArgumentException (a 400) when the question leaves no room for a source
     */
    static Fitted fit(String question, Optional<String> language, List<Exchange> history, List<Hit> hits,
                      ContextWindow window, ContextBudget budget) {
        int numCtx = budget.window(window);
        int room = numCtx - budget.answer(numCtx);
        Parts parts = new Parts(question, language, history, hits, window,
                new ChatOptions(numCtx, budget.answer(numCtx)));
        Fitted fitted = parts.fitInto(room);
        int estimatedRoom = room;
        for (int round = 0; ; round++) {
            OptionalInt exact = window.countPrompt(fitted.messages());
            if (exact.isEmpty()) {
                return fitted;
            }
            fitted = fitted.counted(exact.getAsInt());
            if (exact.getAsInt() <= room || round == EXACT_ROUNDS) {
                return fitted;
            }
            // The estimate fell short by this much: fit again as if the window were that much smaller.
            estimatedRoom -= exact.getAsInt() - room;
            fitted = parts.fitInto(estimatedRoom);
        }
    }

    /** What a prompt may hold, with the costs that do not change from one fitting to the next. */
    private static final class Parts {
        private final String question;
        private final Optional<String> language;
        private final List<Exchange> history;
        private final List<Hit> hits;
        private final ContextWindow window;
        private final ChatOptions options;
        private final int[] turnCosts;
        private final List<String> sources = new ArrayList<>();

        Parts(String question, Optional<String> language, List<Exchange> history, List<Hit> hits, ContextWindow window,
              ChatOptions options) {
            this.question = question;
            this.language = language;
            this.history = history;
            this.hits = hits;
            this.window = window;
            this.options = options;
            this.turnCosts = history.stream().mapToInt(t -> cost(t.question()) + cost(t.answer())).toArray();
            for (int i = 0; i < hits.size(); i++) {
                sources.add(Prompt.source(i + 1, hits.get(i)));
            }
        }

        /** The prompt that fits in {@code room} tokens as estimated. */
        Fitted fitInto(int room) {
            List<String> given = new ArrayList<>(sources);
            int historyTokens = Arrays.stream(turnCosts).sum();
            int left = 0;
            int lastMessage = cost(Prompt.question(given, question, language));
            int total = TOKENS_PER_PROMPT + cost(Prompt.system()) + historyTokens + lastMessage;
            while (total > room && left < history.size()) {
                historyTokens -= turnCosts[left++];
                total = TOKENS_PER_PROMPT + cost(Prompt.system(leftOut(left))) + historyTokens + lastMessage;
            }
            int others = total - lastMessage; // the rules and the turns kept
            while (total > room && given.size() > 1) {
                given.removeLast();
                lastMessage = cost(Prompt.question(given, question, language));
                total = others + lastMessage;
            }
            boolean trimmed = false;
            if (total > room && !given.isEmpty()) {
                String longest = trimToFit(hits.getFirst(), room - others);
                if (longest == null) {
                    throw new IllegalArgumentException("the question leaves no room for the sources in the model's window of "
                            + options.contextTokens() + " tokens: shorten it, or raise labrador.model.context-tokens if the"
                            + " model allows");
                }
                given.set(0, longest);
                trimmed = true;
                lastMessage = cost(Prompt.question(given, question, language));
                total = others + lastMessage;
            }

            List<ChatMessage> messages = new ArrayList<>();
            messages.add(ChatMessage.system(Prompt.system(leftOut(left))));
            for (Exchange turn : history.subList(left, history.size())) {
                messages.add(ChatMessage.user(orEmpty(turn.question())));
                messages.add(ChatMessage.assistant(orEmpty(turn.answer())));
            }
            messages.add(ChatMessage.user(Prompt.question(given, question, language)));
            return new Fitted(messages, options, List.copyOf(hits.subList(0, given.size())),
                    List.copyOf(hits.subList(given.size(), hits.size())), trimmed, left, total);
        }

        /** The questions of the first {@code turns} turns. */
        private List<String> leftOut(int turns) {
            return history.subList(0, turns).stream().map(Exchange::question).toList();
        }

        /** Source 1 with as much of its text as fits in {@code tokens} beside the question, or null if too little does. */
        private String trimToFit(Hit hit, int tokens) {
            int low = 0;
            int high = hit.chunk().text().strip().length();
            while (low < high) { // the longest beginning that fits
                int chars = (low + high + 1) / 2;
                String source = Prompt.trimmedSource(1, hit, chars);
                if (cost(Prompt.question(List.of(source), question, language)) <= tokens) {
                    low = chars;
                } else {
                    high = chars - 1;
                }
            }
            String source = Prompt.trimmedSource(1, hit, low);
            boolean fits = cost(Prompt.question(List.of(source), question, language)) <= tokens;
            return fits && low >= Math.min(MIN_TRIMMED_CHARS, hit.chunk().text().strip().length()) ? source : null;
        }

        private int cost(String text) {
            return window.count(orEmpty(text)) + TOKENS_PER_MESSAGE;
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

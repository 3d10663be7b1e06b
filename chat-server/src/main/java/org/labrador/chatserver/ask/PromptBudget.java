package org.labrador.chatserver.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * answer's reservation is taken off it ({@link ContextBudget}), and the prompt, counted with the
 * model's counter plus {@value #TOKENS_PER_MESSAGE} tokens per message and
 * {@value #TOKENS_PER_PROMPT} per prompt for the chat template's markers, must fit in the rest.
 * The rules and the question are always sent. What gives way, in this order:
 * <ol>
 *   <li>the earlier turns, oldest first; one line in the rules says how many were left out;
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

    /**
     * A prompt that fits.
     *
     * @param messages     the messages to send
     * @param options      the window to run them with and the longest answer
     * @param sources      the passages given to the model, numbered from 1 in this order
     * @param dropped      the passages left out for want of room, most relevant first
     * @param trimmed      whether the last passage given was cut short to fit
     * @param turnsLeftOut how many earlier turns (question and answer) were left out
     * @param promptTokens the prompt's size as counted: an over-estimate unless the window's counter is exact
     */
    record Fitted(List<ChatMessage> messages, ChatOptions options, List<Hit> sources, List<Hit> dropped,
                  boolean trimmed, int turnsLeftOut, int promptTokens) {
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
        int[] turnCosts = history.stream()
                .mapToInt(t -> cost(window, t.question()) + cost(window, t.answer())).toArray();
        int historyTokens = java.util.Arrays.stream(turnCosts).sum();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            sources.add(Prompt.source(i + 1, hits.get(i)));
        }

        int left = 0;
        int lastMessage = cost(window, Prompt.question(sources, question, language));
        int total = TOKENS_PER_PROMPT + cost(window, Prompt.system(0)) + historyTokens + lastMessage;
        while (total > room && left < history.size()) {
            historyTokens -= turnCosts[left++];
            total = TOKENS_PER_PROMPT + cost(window, Prompt.system(left)) + historyTokens + lastMessage;
        }
        int others = total - lastMessage; // the rules and the turns kept
        while (total > room && sources.size() > 1) {
            sources.removeLast();
            lastMessage = cost(window, Prompt.question(sources, question, language));
            total = others + lastMessage;
        }
        boolean trimmed = false;
        if (total > room && !sources.isEmpty()) {
            String longest = trimToFit(hits.getFirst(), question, language, window, room - others);
            if (longest == null) {
                throw new IllegalArgumentException("the question leaves no room for the sources in the model's window of "
                        + numCtx + " tokens: shorten it, or raise labrador.model.context-tokens if the model allows");
            }
            sources.set(0, longest);
            trimmed = true;
            lastMessage = cost(window, Prompt.question(sources, question, language));
            total = others + lastMessage;
        }

        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(Prompt.system(left)));
        for (Exchange turn : history.subList(left, history.size())) {
            messages.add(ChatMessage.user(orEmpty(turn.question())));
            messages.add(ChatMessage.assistant(orEmpty(turn.answer())));
        }
        messages.add(ChatMessage.user(Prompt.question(sources, question, language)));
        return new Fitted(messages, new ChatOptions(numCtx, budget.answer(numCtx)), List.copyOf(hits.subList(0, sources.size())),
                List.copyOf(hits.subList(sources.size(), hits.size())), trimmed, left, total);
    }

    /** Source 1 with as much of its text as fits in {@code tokens} beside the question, or null if too little does. */
    private static String trimToFit(Hit hit, String question, Optional<String> language, ContextWindow window,
                                    int tokens) {
        int low = 0;
        int high = hit.chunk().text().strip().length();
        while (low < high) { // the longest beginning that fits
            int chars = (low + high + 1) / 2;
            String source = Prompt.trimmedSource(1, hit, chars);
            if (cost(window, Prompt.question(List.of(source), question, language)) <= tokens) {
                low = chars;
            } else {
                high = chars - 1;
            }
        }
        String source = Prompt.trimmedSource(1, hit, low);
        boolean fits = cost(window, Prompt.question(List.of(source), question, language)) <= tokens;
        return fits && low >= Math.min(MIN_TRIMMED_CHARS, hit.chunk().text().strip().length()) ? source : null;
    }

    private static int cost(ContextWindow window, String text) {
        return window.count(orEmpty(text)) + TOKENS_PER_MESSAGE;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

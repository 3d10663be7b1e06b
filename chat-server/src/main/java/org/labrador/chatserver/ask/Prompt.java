package org.labrador.chatserver.ask;

import java.util.List;
import java.util.Optional;
import org.labrador.retrieval.Hit;

/**
 * The texts of the messages sent to the chat model: the rules, the numbered sources and the
 * question. {@link PromptBudget} decides how much of them, and of the earlier turns, is sent.
 */
final class Prompt {

    static final String SYSTEM = """
            You are Labrador, the research assistant of a physics collaboration. Answer the question \
            using only the numbered sources given with it. Cite every statement with the number of its \
            source in square brackets, like [1] or [2][3]. If the sources do not contain the answer, \
            say "I don't know: the indexed sources do not cover this." and do not guess. Be concise; \
            use Markdown. Answer in the language of the question, but keep code, commands, formulas \
            and quotations exactly as in the sources, untranslated.""";

    /** Ends a passage that was cut to fit the model's window. */
    static final String TRIMMED = " […]";

    private Prompt() {
    }

    /** How many of the left-out questions the rules name, the latest ones. */
    static final int TOPICS_NAMED = 5;
    /** The words of a left-out question that name it. */
    static final int TOPIC_WORDS = 8;

    /** The rules alone. */
    static String system() {
        return SYSTEM;
    }

    /**
     * The rules, saying how many earlier turns were left out, if any, and what the latest of them
     * asked (their first words), so that the model knows what "it" in the question may refer to.
     *
     * @param leftOut the questions of the turns left out, oldest first
     */
    static String system(List<String> leftOut) {
        if (leftOut.isEmpty()) {
            return SYSTEM;
        }
        int n = leftOut.size();
        StringBuilder out = new StringBuilder(SYSTEM).append("\n\n(").append(n).append(" earlier ")
                .append(n == 1 ? "turn" : "turns").append(" of this conversation left out");
        List<String> topics = leftOut.subList(Math.max(0, n - TOPICS_NAMED), n).stream()
                .map(Prompt::topic).filter(t -> !t.isEmpty()).map(t -> '"' + t + '"').toList();
        if (!topics.isEmpty()) {
            out.append(n == 1 ? "; it asked: " : topics.size() < n ? "; the last " + topics.size() + " asked: " : "; they asked: ")
                    .append(String.join(", ", topics));
        }
        return out.append(".)").toString();
    }

    /** The first words of a question, on one line. */
    private static String topic(String question) {
        String[] words = question == null || question.isBlank() ? new String[0] : question.strip().split("\\s+");
        String first = String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(TOPIC_WORDS, words.length)));
        return words.length > TOPIC_WORDS ? first + " ..." : first;
    }

    /** The last message: the sources, the question, and the language to answer in when it is known. */
    static String question(List<String> sources, String question, Optional<String> language) {
        StringBuilder out = new StringBuilder("Sources:\n\n");
        sources.forEach(out::append);
        out.append("\nQuestion: ").append(question);
        language.ifPresent(l -> out.append("\n\nAnswer in ").append(l).append('.'));
        return out.toString();
    }

    /** Source {@code n}: a line naming it, and its text. */
    static String source(int n, Hit hit) {
        return sourceHeader(n, hit) + hit.chunk().text().strip() + "\n\n";
    }

    /** Source {@code n} with only the first {@code chars} characters of its text. */
    static String trimmedSource(int n, Hit hit, int chars) {
        String text = hit.chunk().text().strip();
        return sourceHeader(n, hit) + text.substring(0, Math.min(chars, text.length())).stripTrailing() + TRIMMED + "\n\n";
    }

    private static String sourceHeader(int n, Hit hit) {
        var chunk = hit.chunk();
        StringBuilder out = new StringBuilder().append('[').append(n).append("] ").append(chunk.title());
        if (!chunk.headings().isEmpty()) {
            out.append(" › ").append(String.join(" › ", chunk.headings()));
        }
        return out.append(" (").append(chunk.path()).append(", lines ").append(chunk.lines()).append(")\n").toString();
    }
}

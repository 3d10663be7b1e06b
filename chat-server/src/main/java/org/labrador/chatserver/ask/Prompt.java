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

    /** The rules, saying how many earlier turns were left out, if any. */
    static String system(int turnsLeftOut) {
        return turnsLeftOut == 0 ? SYSTEM : SYSTEM + "\n\n(" + turnsLeftOut + " earlier "
                + (turnsLeftOut == 1 ? "turn" : "turns") + " of this conversation left out.)";
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

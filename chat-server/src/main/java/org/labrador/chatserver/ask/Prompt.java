package org.labrador.chatserver.ask;

import java.util.ArrayList;
import java.util.List;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.retrieval.Hit;

/** The messages sent to the chat model: rules, earlier turns, numbered sources and the question. */
final class Prompt {

    static final String SYSTEM = """
            You are Labrador, the research assistant of a physics collaboration. Answer the question \
            using only the numbered sources given with it. Cite every statement with the number of its \
            source in square brackets, like [1] or [2][3]. If the sources do not contain the answer, \
            say "I don't know: the indexed sources do not cover this." and do not guess. Be concise; \
            use Markdown; keep code, commands and formulas exactly as in the sources.""";

    private Prompt() {
    }

    static List<ChatMessage> messages(String question, List<Exchange> history, List<Hit> sources) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage(ChatMessage.Role.SYSTEM, SYSTEM));
        for (Exchange turn : history) {
            messages.add(new ChatMessage(ChatMessage.Role.USER, turn.question()));
            messages.add(new ChatMessage(ChatMessage.Role.ASSISTANT, turn.answer()));
        }
        messages.add(new ChatMessage(ChatMessage.Role.USER, sourcesBlock(sources) + "\nQuestion: " + question));
        return messages;
    }

    static String sourcesBlock(List<Hit> sources) {
        StringBuilder out = new StringBuilder("Sources:\n\n");
        for (int i = 0; i < sources.size(); i++) {
            var chunk = sources.get(i).chunk();
            out.append('[').append(i + 1).append("] ").append(chunk.title());
            if (!chunk.headings().isEmpty()) {
                out.append(" › ").append(String.join(" › ", chunk.headings()));
            }
            out.append(" (").append(chunk.path()).append(", lines ").append(chunk.lines()).append(")\n")
                    .append(chunk.text().strip()).append("\n\n");
        }
        return out.toString();
    }
}

package org.labrador.chatserver.ask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.labrador.models.ChatModel;
import org.labrador.models.ChatOptions;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.retrieval.RetrievalPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a follow-up ("and where do I change it?") into a question that names its topic, with the
 * chat model, before the search: the retrieval pipeline's own rule (join it with the question
 * before) drags the earlier topic's words along. Only questions that do not stand alone by their
 * wording are rewritten, so a new topic costs no model call; a model that is absent, slow or
 * answers something unusable leaves the pipeline's rule in place.
 */
public final class FollowUps {

    /** The earlier questions the model reads: enough to resolve "it", few enough to stay quick. */
    static final int EARLIER_READ = 3;
    /** The rewrite's length limit in tokens; a search query is one line. */
    static final int MAX_TOKENS = 64;
    /** A rewrite longer than this is an answer, not a query. */
    static final int MAX_CHARS = 300;

    static final String INSTRUCTION = """
            You rewrite the user's last question so that it can be searched on its own. Replace words that \
            refer to the earlier questions (it, that, there, this one, and what about …) with what they \
            refer to. Keep names of code, commands, units and numbers exactly as written, and keep the \
            question's language. Reply with the rewritten question only, on one line, without answering it.""";

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

    private final ChatModel chat;
    private final Duration budget;
    private final ContextBudget window;

    /**
     * @param budget how long the rewrite may take before the question is searched by the pipeline's rule
     * @param window the answers' context budget: the rewrite asks for the same window, since Ollama reloads a
     *               model whose {@code num_ctx} changes between requests
     */
    public FollowUps(ChatModel chat, Duration budget, ContextBudget window) {
        this.chat = chat;
        this.budget = budget;
        this.window = window;
    }

    /**
     * The question as it should be searched, when the model rewrote it; empty when it stands alone, is
     * the first of its conversation, or the model could not help.
     */
    public Optional<String> standalone(String question, List<String> earlier, String asker) {
        if (earlier.isEmpty() || budget.isZero() || RetrievalPipeline.standsAlone(question)
                || chat.status().state() != ModelStatus.State.READY) {
            return Optional.empty();
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(INSTRUCTION));
        StringBuilder conversation = new StringBuilder("Earlier questions:\n");
        for (String q : earlier.subList(Math.max(0, earlier.size() - EARLIER_READ), earlier.size())) {
            conversation.append("- ").append(q.strip().replace('\n', ' ')).append('\n');
        }
        conversation.append("\nLast question: ").append(question.strip().replace('\n', ' '));
        messages.add(ChatMessage.user(conversation.toString()));
        Cancellation cancellation = new Cancellation().cancelAfter(budget);
        try {
            ChatReply reply = chat.chat(messages,
                    new ChatOptions(window.window(chat.contextWindow()), MAX_TOKENS).by(asker, position -> { }),
                    cancellation, token -> { });
            if (cancellation.isCancelled()) {
                log.info("Follow-up not rewritten: the model took longer than {}", budget);
                return Optional.empty();
            }
            Optional<String> query = usable(reply.text()).filter(q -> keepsATopicWord(q, question, earlier));
            if (query.isEmpty()) {
                log.info("Follow-up not rewritten: the model's reply was no question on the topic");
            }
            return query;
        } catch (ModelUnavailableException | RuntimeException e) {
            log.info("Follow-up not rewritten: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Words too common to show that a rewrite stayed on the conversation's topic. */
    private static final java.util.Set<String> COMMON = java.util.Set.of("what", "where", "which", "when", "does",
            "with", "that", "this", "there", "their", "they", "them", "about", "have", "from", "into", "your", "should",
            "would", "could", "also", "then", "than", "some", "much", "many", "often", "still", "else", "same", "other");

    /**
     * Whether the rewrite keeps a word of four or more letters that the user wrote (in the follow-up or the
     * questions before): a reply that shares none ("I don't know.") is about something else.
     */
    static boolean keepsATopicWord(String rewrite, String question, List<String> earlier) {
        java.util.Set<String> asked = words(question + "\n" + String.join("\n", earlier));
        return words(rewrite).stream().anyMatch(asked::contains);
    }

    private static java.util.Set<String> words(String text) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
            if (w.length() >= 4 && !COMMON.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** The reply as a query: its first non-empty line without quotes or a label; empty if it is not one. */
    static Optional<String> usable(String reply) {
        String line = reply == null ? "" : reply.strip().lines().map(String::strip).filter(l -> !l.isEmpty())
                .findFirst().orElse("");
        line = line.replaceFirst("(?i)^(rewritten question|question|query)\\s*:\\s*", "");
        if (line.length() >= 2 && "\"'“`".indexOf(line.charAt(0)) >= 0) {
            line = line.substring(1, line.length() - ("\"'”`".indexOf(line.charAt(line.length() - 1)) >= 0 ? 1 : 0));
        }
        line = line.strip();
        return line.length() < 3 || line.length() > MAX_CHARS ? Optional.empty() : Optional.of(line);
    }
}

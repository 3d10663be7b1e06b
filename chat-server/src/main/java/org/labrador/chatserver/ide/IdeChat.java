package org.labrador.chatserver.ide;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.labrador.chatserver.api.InputLimits;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AnswerSink;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.ask.Exchange;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.ingest.chunking.TokenCount;
import org.labrador.retrieval.Citation;
import org.labrador.retrieval.ReadAccess;
import org.springframework.stereotype.Service;

/**
 * A plugin's chat, answered like the web chat: from the indexed sources, with {@code [n]} markers,
 * and ending with a {@value #SOURCES_HEADING} list of the cited passages with links. The last user
 * message is the question and earlier user/assistant pairs are the history; system messages are
 * left out, because Labrador's own instructions decide how to answer. The checked answer (citations
 * of sources that do not exist taken out) is the reply's text; a streamed reply, already sent,
 * gets a line saying what was taken out instead. An answer citing none of its sources ends with
 * {@value #UNVERIFIED}.
 */
@Service
public class IdeChat {

    static final String SOURCES_HEADING = "**Sources**";
    private static final String SOURCES_BLOCK = "\n\n" + SOURCES_HEADING + "\n";
    static final String UNVERIFIED = "> Unverified: this answer cites none of the sources.";

    /** One message of the plugin's conversation. */
    public record Turn(String role, String content) {
    }

    /** The whole reply and its size in (approximate) tokens. */
    public record Reply(String text, long promptTokens, long completionTokens) {
    }

    private final AskService askService;
    private final SourceCatalog catalog;
    private final InputLimits limits;

    public IdeChat(AskService askService, SourceCatalog catalog, InputLimits limits) {
        this.askService = askService;
        this.catalog = catalog;
        this.limits = limits;
    }

    /**
     * Answers the conversation, streaming the text to {@code onToken}, the sources list included.
     *
     * @param sources  sources to answer from; empty for all the caller may read
     * @param linkBase prefix making Labrador's own links absolute ({@code https://labrador.example.org})
     * @throws IdeException 400 when the conversation does not end with a user message, 404 for a
     *     source that does not exist or that the caller may not read
     * @throws IllegalArgumentException (400) when the messages together, or the question, are longer
     *     than {@code labrador.limits} allow
     */
    public Reply answer(List<Turn> messages, Set<String> sources, ReadAccess access, String linkBase,
                        Consumer<String> onToken) {
        limits.checkPrompt(messages.stream().mapToLong(t -> t.content() == null ? 0 : t.content().length()).sum(),
                "the conversation");
        List<Turn> talk = messages.stream().filter(t -> !"system".equals(t.role())).toList();
        if (talk.isEmpty() || !"user".equals(talk.getLast().role()) || talk.getLast().content().isBlank()) {
            throw IdeException.badRequest("the conversation must end with a user message that asks something");
        }
        List<String> readable = catalog.readableNames(access);
        for (String source : sources) {
            if (!readable.contains(source)) {
                throw new IdeException(404, "no source named '" + source + "'; the sources are: "
                        + String.join(", ", readable));
            }
        }
        List<Exchange> history = new ArrayList<>();
        for (int i = 0; i + 1 < talk.size() - 1; i++) {
            if ("user".equals(talk.get(i).role()) && "assistant".equals(talk.get(i + 1).role())) {
                history.add(new Exchange(talk.get(i).content(), withoutSources(talk.get(i + 1).content())));
                i++;
            }
        }
        String question = talk.getLast().content();
        StringBuilder text = new StringBuilder();
        Consumer<String> out = piece -> {
            text.append(piece);
            onToken.accept(piece);
        };
        int[] answerStart = {-1};
        Answer answer = askService.ask(question, history, sources, access, new AnswerSink() {
            @Override
            public void token(String piece) {
                if (answerStart[0] < 0) {
                    answerStart[0] = text.length();
                }
                out.accept(piece);
            }

            @Override
            public void checked(String checkedText, boolean grounded) {
                if (answerStart[0] >= 0) {
                    text.replace(answerStart[0], text.length(), checkedText); // what a plugin gets unstreamed
                }
            }

            @Override
            public void notice(String notice) {
                if (!notice.isBlank()) {
                    out.accept("> " + notice + "\n\n");
                }
            }
        });
        if (answer.removedCitations() > 0) { // the streamed text still has them
            onToken.accept("\n\n> " + answer.removedCitations() + (answer.removedCitations() == 1 ? " citation" : " citations")
                    + " of sources that do not exist taken out of this answer.");
        }
        if (!answer.grounded()) {
            out.accept("\n\n" + UNVERIFIED);
        }
        if (!answer.citations().isEmpty()) {
            out.accept(sourcesList(answer.citations(), linkBase));
        }
        long prompt = messages.stream().mapToLong(t -> TokenCount.of(t.content())).sum();
        return new Reply(text.toString(), prompt, TokenCount.of(text));
    }

    static String sourcesList(List<Citation> citations, String linkBase) {
        StringBuilder out = new StringBuilder(SOURCES_BLOCK);
        for (Citation c : citations) {
            String link = c.uri().startsWith("/") ? linkBase + c.uri() : c.uri();
            String title = c.title().isBlank() ? c.path() : c.title();
            out.append("\n[").append(c.n()).append("] [").append(title).append("](").append(link).append(") — `")
                    .append(c.source()).append(':').append(c.path()).append("`, lines ").append(c.lines());
            if (!c.pages().isEmpty()) {
                out.append(", pages ").append(c.pages());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** An earlier reply without the sources list this class appended to it. */
    static String withoutSources(String reply) {
        int at = reply.lastIndexOf(SOURCES_BLOCK);
        return at >= 0 ? reply.substring(0, at) : reply;
    }
}

package org.labrador.chatserver.ask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.labrador.chatserver.api.InputLimits;
import org.labrador.chatserver.sources.SourceStore;
import org.labrador.ingest.sync.SourceSync;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.chatserver.metrics.LabradorMeters;
import org.labrador.models.ChatModel;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatReply;
import org.labrador.retrieval.AnswerContext;
import org.labrador.retrieval.Citation;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.RetrievalPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Answers a question from the index: retrieve, keep the passages that really cover the question,
 * prompt the model with them numbered (as many as fit in its window, see {@link PromptBudget}, in
 * the question's language), stream its answer, and cite the numbers it used: a number that names
 * no source is taken out, and an answer that cites none is marked as not grounded. Without a
 * model, the answer is the first few passages themselves, with a notice saying how to start one;
 * without relevant passages, the answer says the sources do not cover the question and shows the
 * nearest ones.
 */
@Service
public class AskService {

    private static final Logger log = LoggerFactory.getLogger(AskService.class);
    static final String NOT_COVERED = "I don't know: the indexed sources do not cover this question.";
    /** What a reader is told when no model answers: in their words, not an administrator's (that is the notice). */
    static final String WITHOUT_MODEL = "No language model is running here; these are the passages that answer it.";
    /** What a reader is told when the model is there but could not answer this question. */
    static final String MODEL_FAILED = "The language model could not answer this time; these are the passages that answer it.";
    /** Passages shown in place of an answer: a reader reads two or three, not every one the model would get. */
    static final int PASSAGES_SHOWN = 3;
    private static final int PASSAGE_PREVIEW_CHARS = 700;

    private final Retriever retriever;
    private final RetrievalPipeline pipeline;
    private final ChatModel chat;

    private final SourceStore sources;
    private final InputLimits limits;
    private final ContextBudget budget;
    private final LabradorMeters meters;
    private final FollowUps followUps;

    public AskService(RetrievalPipeline pipeline, ChatModel chat, SourceStore sources, InputLimits limits,
                      ContextBudget budget) {
        this(pipeline, chat, sources, limits, budget, null, new FollowUps(chat, java.time.Duration.ZERO, budget));
    }

    /** As above, timing each answer's stages in {@code labrador.ask} ({@code meters} may be null: not measured). */
    @org.springframework.beans.factory.annotation.Autowired
    public AskService(RetrievalPipeline pipeline, ChatModel chat, SourceStore sources, InputLimits limits,
                      ContextBudget budget, LabradorMeters meters, FollowUps followUps) {
        this.meters = meters;
        this.followUps = followUps;
        this.sources = sources;
        this.limits = limits;
        this.budget = budget;
        this.pipeline = pipeline;
        this.retriever = pipeline.retriever();
        this.chat = chat;
    }

    /**
     * Answers a question for a caller who may read what {@code access} allows: no other passage
     * reaches the prompt, the answer or the citations.
     *
     * @param sources names of the sources to answer from; empty means all the caller may read
     */
    public Answer ask(String question, List<Exchange> history, Set<String> sources, ReadAccess access, AnswerSink sink) {
        check(question, history);
        long started = System.nanoTime();
        try {
            return answer(question, history, sources, access, sink, started);
        } finally {
            timed("total", started);
        }
    }

    private Answer answer(String question, List<Exchange> history, Set<String> sources, ReadAccess access,
                          AnswerSink sink, long started) {
        AnswerContext context = retrieve(question, history, sources, access, sink);
        timed("retrieval", started);
        sink.checkWanted();
        List<Hit> relevant = context.passages();
        Double best = context.bestSimilarity();
        boolean covered = context.covered();
        ModelStatus status = chat.status();

        if (!covered) {
            List<Hit> nearest = firstShown(context.nearest());
            if (nearest.isEmpty()) {
                sink.token(NOT_COVERED);
                return new Answer(NOT_COVERED, List.of(), modelInfo(status, false), false, best);
            }
            String lead = NOT_COVERED + " The nearest passages are:";
            String text = lead + "\n\n" + passageList(nearest);
            sink.passages(lead, text);
            return new Answer(text, citations(nearest, Set.of()), modelInfo(status, false), false, best);
        }
        if (status.state() == ModelStatus.State.READY) {
            try {
                return answerWithModel(question, history, relevant, status, best, sink);
            } catch (ModelUnavailableException e) {
                log.warn("Model unavailable, answering with passages: {}", e.getMessage());
                status = e.status().orElse(new ModelStatus(status.baseUrl(), status.model(), ModelStatus.State.READY,
                        status.version(), "The model stopped with an error: " + e.getMessage()));
            }
        }
        sink.modelNotice(status.notice());
        List<Hit> shown = firstShown(relevant);
        String lead = status.state() == ModelStatus.State.READY ? MODEL_FAILED : WITHOUT_MODEL;
        String text = lead + "\n\n" + passageList(shown);
        sink.passages(lead, text);
        return new Answer(text, citations(shown, Set.of()), modelInfo(status, false), covered, best);
    }

    private static List<Hit> firstShown(List<Hit> hits) {
        return hits.subList(0, Math.min(PASSAGES_SHOWN, hits.size()));
    }

    private Answer answerWithModel(String question, List<Exchange> history, List<Hit> relevant, ModelStatus status,
                                   Double best, AnswerSink sink) throws ModelUnavailableException {
        PromptBudget.Fitted prompt = PromptBudget.fit(question,
                QuestionLanguage.of(question, history.stream().map(Exchange::question).toList()),
                history, relevant, chat.contextWindow(), budget);
        List<Hit> given = prompt.sources();
        if (prompt.turnsLeftOut() > 0) {
            log.debug("{} earlier turns left out of the prompt to fit the model's window", prompt.turnsLeftOut());
        }
        if (prompt.trimmed()) {
            log.info("Source [{}] ({}) cut short to fit the model's window of {} tokens", given.size(),
                    given.getLast().chunk().path(), prompt.options().contextTokens());
            sink.notice("The passage of `" + given.getLast().chunk().path()
                    + "` was too long for the model's context window; only its beginning was given to the model.");
        }
        if (!prompt.dropped().isEmpty()) {
            log.info("{} of {} sources left out to fit the model's window of {} tokens: {}", prompt.dropped().size(),
                    relevant.size(), prompt.options().contextTokens(),
                    prompt.dropped().stream().map(h -> h.chunk().path()).toList());
            sink.notice(droppedNotice(prompt.dropped()));
        }
        StringBuilder text = new StringBuilder();
        long generating = System.nanoTime();
        ChatReply reply;
        try {
            reply = chat.chat(prompt.messages(), prompt.options().by(sink.asker(), sink::queued), new Cancellation(), token -> {
                text.append(token);
                sink.token(token);
            });
        } finally {
            timed("generation", generating);
        }
        if (reply.promptTokens() >= prompt.options().contextTokens()) {
            // The prompt filled the window: the model server may have cut it. The estimate fell short.
            log.warn("The prompt filled the model's window ({} of {} tokens, estimated {}); the model may not have read all of it",
                    reply.promptTokens(), prompt.options().contextTokens(), prompt.promptTokens());
        }
        CitationMarkers.Checked checked = CitationMarkers.check(text.toString(), given.size());
        if (checked.removed() > 0) {
            log.info("Took {} citation(s) of sources that do not exist out of the answer (it had {} sources)",
                    checked.removed(), given.size());
        }
        boolean grounded = given.isEmpty() || !checked.cited().isEmpty();
        if (!grounded) {
            log.info("The answer cites none of its {} sources: unverified", given.size());
        }
        sink.checked(checked.text(), grounded);
        return new Answer(checked.text(), citations(given, checked.cited()), modelInfo(status, true), true, best,
                grounded, checked.removed(), dropped(prompt.dropped(), given.size()), null, null);
    }

    /** One short sentence for the reader, naming the sources left out. */
    private static String droppedNotice(List<Hit> dropped) {
        List<String> names = dropped.stream().map(h -> "`" + h.chunk().path() + "`").distinct().toList();
        return (dropped.size() == 1 ? "1 relevant source did" : dropped.size() + " relevant sources did")
                + " not fit in the model's context window and " + (dropped.size() == 1 ? "was" : "were")
                + " left out: " + String.join(", ", names) + ".";
    }

    private void timed(String stage, long since) {
        if (meters != null) {
            meters.asked(stage, java.time.Duration.ofNanos(System.nanoTime() - since));
        }
    }

    /**
     * Refuses a question before any work is done for it: an empty one, one longer than
     * {@code labrador.limits.question-chars}, or one whose history makes the prompt longer than
     * {@code labrador.limits.prompt-chars}.
     *
     * @throws IllegalArgumentException (a 400 in every API) naming what is wrong
     */
    public void check(String question, List<Exchange> history) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question is empty");
        }
        limits.checkQuestion(question);
        long chars = question.length();
        for (Exchange turn : history) {
            chars += length(turn.question()) + length(turn.answer());
        }
        limits.checkPrompt(chars, "the question with its history");
    }

    /**
     * The newest turns of {@code history} that pass {@link #check} with {@code question}: for a
     * conversation the server keeps itself (the web chat), whose length grows with every question
     * and should not end it. The model would not read older turns anyway: the prompt budget leaves
     * them out first.
     */
    public List<Exchange> recentHistory(String question, List<Exchange> history) {
        long chars = length(question);
        int from = history.size();
        while (from > 0) {
            Exchange turn = history.get(from - 1);
            chars += length(turn.question()) + length(turn.answer());
            if (chars > limits.promptChars()) {
                break;
            }
            from--;
        }
        return history.subList(from, history.size());
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /**
     * The answer's passages, chosen by the retrieval pipeline as eval measures them; a follow-up the model
     * rewrote into a question of its own is searched as rewritten.
     */
    private AnswerContext retrieve(String question, List<Exchange> history, Set<String> sources, ReadAccess access,
                                   AnswerSink sink) {
        List<String> earlier = history.stream().map(Exchange::question).toList();
        Optional<String> rewritten = followUps.standalone(question, earlier, sink.asker());
        try {
            if (rewritten.isPresent()) {
                log.debug("Follow-up searched as: {}", rewritten.get());
                return pipeline.answerContext(rewritten.get(), List.of(), sources, access, this.sources.pinned());
            }
            return pipeline.answerContext(question, earlier, sources, access, this.sources.pinned());
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** The passages left out, as citations numbered after the {@code given} ones. */
    private List<Citation> dropped(List<Hit> hits, int given) {
        List<Citation> all = citations(hits, Set.of());
        List<Citation> out = new ArrayList<>();
        for (Citation c : all) {
            out.add(new Citation(c.n() + given, c.title(), c.path(), c.headings(), c.lines(), c.uri(), c.snippet(),
                    c.source(), c.commit(), c.text(), c.pages(), c.modified()));
        }
        return out;
    }

    /** Citations for the cited numbers, or for every passage when the answer cites none. */
    private List<Citation> citations(List<Hit> hits, Set<Integer> cited) {
        Map<String, String> indexState = retriever.index().commitData();
        List<Citation> out = new ArrayList<>();
        for (int n = 1; n <= hits.size(); n++) {
            if (cited.isEmpty() || cited.contains(n)) {
                Hit hit = hits.get(n - 1);
                String revision = indexState.getOrDefault(SourceSync.revisionKey(hit.chunk().source()), "");
                // Only a Git commit is cited as such; a live wiki's revision is the time of its last sync.
                String commit = revision.matches("[0-9a-f]{7,64}") ? revision : "";
                out.add(Citation.of(n, hit, commit));
            }
        }
        return out;
    }

    private static String passageList(List<Hit> hits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            var chunk = hits.get(i).chunk();
            out.append("**[").append(i + 1).append("] ").append(chunk.title());
            for (String heading : chunk.headings()) {
                if (!heading.equals(chunk.title())) {
                    out.append(" › ").append(heading);
                }
            }
            out.append("** (`").append(chunk.path()).append("`, lines ").append(chunk.lines()).append(")\n\n");
            String text = chunk.text().strip();
            if (text.length() > PASSAGE_PREVIEW_CHARS) {
                text = text.substring(0, PASSAGE_PREVIEW_CHARS) + " …";
            }
            for (String line : text.split("\n")) {
                out.append("> ").append(line).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static Answer.ModelInfo modelInfo(ModelStatus status, boolean answered) {
        return new Answer.ModelInfo(status.model(), status.baseUrl(), answered, status.notice());
    }
}

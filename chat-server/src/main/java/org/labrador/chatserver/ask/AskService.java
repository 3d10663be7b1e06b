package org.labrador.chatserver.ask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labrador.chatserver.api.InputLimits;
import org.labrador.chatserver.sources.SourceStore;
import org.labrador.ingest.sync.SourceSync;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.ChatModel;
import org.labrador.models.ChatOptions;
import org.labrador.models.ollama.Cancellation;
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
 * prompt the model with them numbered, stream its answer, and cite the numbers it used. Without a
 * model, the answer is the first few passages themselves, with a notice saying how to start one; without
 * relevant passages, the answer says the sources do not cover the question and shows the nearest ones.
 */
@Service
public class AskService {

    private static final Logger log = LoggerFactory.getLogger(AskService.class);
    static final String NOT_COVERED = "I don't know: the indexed sources do not cover this question.";
    /** What a reader is told when no model answers: in their words, not an administrator's (that is the notice). */
    static final String WITHOUT_MODEL = "No language model is running here; these are the passages that answer it.";
    /** Passages shown in place of an answer: a reader reads two or three, not every one the model would get. */
    static final int PASSAGES_SHOWN = 3;
    private static final int PASSAGE_PREVIEW_CHARS = 700;

    private final Retriever retriever;
    private final RetrievalPipeline pipeline;
    private final ChatModel chat;

    private final SourceStore sources;
    private final InputLimits limits;

    public AskService(RetrievalPipeline pipeline, ChatModel chat, SourceStore sources, InputLimits limits) {
        this.sources = sources;
        this.limits = limits;
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
        AnswerContext context = retrieve(question, history, sources, access);
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
                StringBuilder text = new StringBuilder();
                chat.chat(Prompt.messages(question, history, relevant), ChatOptions.DEFAULTS, new Cancellation(), token -> {
                    text.append(token);
                    sink.token(token);
                });
                String answer = text.toString();
                return new Answer(answer, citations(relevant, CitationMarkers.cited(answer, relevant.size())),
                        modelInfo(status, true), covered, best);
            } catch (ModelUnavailableException e) {
                log.warn("Model unavailable, answering with passages: {}", e.getMessage());
                status = e.status().orElse(new ModelStatus(status.baseUrl(), status.model(), ModelStatus.State.READY,
                        status.version(), "The model stopped with an error: " + e.getMessage()));
            }
        }
        sink.notice(status.notice());
        List<Hit> shown = firstShown(relevant);
        String text = WITHOUT_MODEL + "\n\n" + passageList(shown);
        sink.passages(WITHOUT_MODEL, text);
        return new Answer(text, citations(shown, Set.of()), modelInfo(status, false), covered, best);
    }

    private static List<Hit> firstShown(List<Hit> hits) {
        return hits.subList(0, Math.min(PASSAGES_SHOWN, hits.size()));
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

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /** The answer's passages, chosen by the retrieval pipeline as eval measures them. */
    private AnswerContext retrieve(String question, List<Exchange> history, Set<String> sources, ReadAccess access) {
        try {
            return pipeline.answerContext(question, history.stream().map(Exchange::question).toList(), sources, access,
                    this.sources.pinned());
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
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

package org.labrador.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's optional rerank by a cross-encoder: the first {@link #candidates} fused passages are
 * scored together with the question by a model that reads both at once (a reranker served by llama.cpp or
 * vLLM, or any LangChain4j {@link ScoringModel}), and take the order it gives. A cross-encoder bridges
 * wording that neither BM25 nor a small embedding model connects ("hand back its result in several
 * smaller blocks" for a down-chunking plugin), at the price of one model call per question.
 *
 * <p>Reranked passages score 0.5 to 1 (the model's relevance, min-max over the candidates: servers differ
 * in scale), the passages beyond the candidates keep their fused order below 0.4. When the model fails,
 * the fused order stands and the failure is logged (at most once a minute) and counted; for
 * {@link #PAUSE_AFTER_FAILURE} after a failure the model is not asked at all, then one question at a time asks
 * it until it answers again, so that a reranker that hangs holds only the questions asked while the first
 * failing call waited, not every question after it.
 */
public final class Reranking {

    /** As deep as each side of the hybrid search looks: a reranker cannot read what neither side found. */
    public static final int MAX_CANDIDATES = 100;

    /**
     * The characters of a passage sent to the model, about 400 tokens of prose (more of code): with the question,
     * within the 512 tokens many cross-encoders read (bge-reranker-base/large; v2-m3 reads 8k) and within the
     * batch llama.cpp's server must be started with to score a pair in one piece (docs/configuration.md).
     */
    static final int MAX_PASSAGE_CHARS = 1_500;
    /** The characters of the question sent with each passage (a pasted traceback can be long). */
    static final int MAX_QUESTION_CHARS = 1_000;

    /** How long the model is left alone after a failure. */
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(Reranking.class);

    /** No reranker: the fused order stands. */
    public static final Reranking NONE = new Reranking(null, 0);

    private final ScoringModel model;
    private final int candidates;
    private final long pauseNanos;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime() - 1);
    private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean healthy = true;
    private final AtomicLong lastFailureLogged = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(2));

    /**
     * @param model      the cross-encoder
     * @param candidates how many of the first fused passages it scores (more: better recall, a slower call)
     */
    public Reranking(ScoringModel model, int candidates) {
        this(model, candidates, PAUSE_AFTER_FAILURE);
    }

    Reranking(ScoringModel model, int candidates, Duration pauseAfterFailure) {
        if (model != null && (candidates < 2 || candidates > MAX_CANDIDATES)) {
            throw new IllegalArgumentException("a reranker reads 2 to " + MAX_CANDIDATES + " candidates, not " + candidates);
        }
        this.model = model;
        this.candidates = candidates;
        this.pauseNanos = pauseAfterFailure.toNanos();
    }

    public boolean enabled() {
        return model != null;
    }

    /** The passages a question's rerank scores. */
    public int candidates() {
        return candidates;
    }

    /** Calls that failed since start (the fused order stood for them). */
    public long failures() {
        return failures.get();
    }

    /** Whether the model answered its last call (true before the first). */
    public boolean healthy() {
        return healthy;
    }

    /** Questions that kept the fused order without asking, in the pause after a failure. */
    public long skipped() {
        return skipped.get();
    }

    /** {@code ranked} in the model's order for {@code question}, or as it is when there is no model or it fails. */
    List<Hit> apply(String question, List<Hit> ranked) {
        if (model == null || ranked.size() < 2) {
            return ranked;
        }
        // After a failure: nobody asks during the pause, then one question probes while the others go on.
        boolean probe = !healthy;
        if (probe && (System.nanoTime() - pausedUntil.get() < 0 || !probing.compareAndSet(false, true))) {
            skipped.incrementAndGet();
            return ranked;
        }
        try {
            List<Hit> scored = ranked.subList(0, Math.min(candidates, ranked.size()));
            double[] relevance = scores(question, scored);
            healthy = true;
            return inModelOrder(ranked, scored, relevance);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return ranked; // the question was abandoned; the reranker did nothing wrong
            }
            healthy = false;
            failures.incrementAndGet();
            long now = System.nanoTime();
            pausedUntil.set(now + pauseNanos);
            long last = lastFailureLogged.get();
            if (now - last > TimeUnit.MINUTES.toNanos(1) && lastFailureLogged.compareAndSet(last, now)) {
                log.warn("Passages stay in their search order: the reranker failed (asked again in {} s): {}",
                        pauseNanos / 1_000_000_000L, e.getMessage());
            }
            return ranked;
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }

    /** The model's score of each passage, in their order; every one a finite number. */
    private double[] scores(String question, List<Hit> scored) {
        String asked = question.length() <= MAX_QUESTION_CHARS ? question : question.substring(0, MAX_QUESTION_CHARS);
        List<Double> relevance = model.scoreAll(scored.stream().map(Reranking::passage).toList(), asked).content();
        if (relevance == null || relevance.size() != scored.size()) {
            throw new IllegalStateException("the reranker scored " + (relevance == null ? 0 : relevance.size())
                    + " of " + scored.size() + " passages");
        }
        double[] scores = new double[relevance.size()];
        for (int i = 0; i < scores.length; i++) {
            Double score = relevance.get(i);
            if (score == null || !Double.isFinite(score)) {
                throw new IllegalStateException("the reranker gave passage " + i + " the score " + score);
            }
            scores[i] = score;
        }
        return scores;
    }

    /**
     * The scored passages by the model's relevance, min-max normalised into 0.5–1, then the rest in their
     * fused order below 0.4: a test or change log the pipeline weighs down afterwards (× 0.8) stays above them.
     */
    private static List<Hit> inModelOrder(List<Hit> ranked, List<Hit> scored, double[] relevance) {
        double max = java.util.Arrays.stream(relevance).max().orElse(0);
        double min = java.util.Arrays.stream(relevance).min().orElse(0);
        List<Hit> out = new ArrayList<>(ranked.size());
        for (int i = 0; i < scored.size(); i++) {
            double normalised = max > min ? (relevance[i] - min) / (max - min) : 1.0;
            Hit hit = scored.get(i);
            out.add(new Hit(hit.chunk(), 0.5 + 0.5 * normalised, hit.similarity(), hit.snippet()));
        }
        out.sort(Comparator.comparingDouble(Hit::score).reversed()); // stable: ties keep the fused order
        double top = ranked.getFirst().score() > 0 ? ranked.getFirst().score() : 1.0;
        for (Hit hit : ranked.subList(scored.size(), ranked.size())) {
            out.add(new Hit(hit.chunk(), 0.399 * Math.max(0, hit.score()) / top, hit.similarity(), hit.snippet()));
        }
        return out;
    }

    /** What the model reads of a passage: where it is (a file's name often says what it is about), then its text. */
    static TextSegment passage(Hit hit) {
        Chunk chunk = hit.chunk();
        StringBuilder text = new StringBuilder(chunk.path());
        String title = chunk.title() == null ? "" : chunk.title().strip();
        if (!title.isEmpty() && !chunk.path().equals(title) && !chunk.path().endsWith("/" + title)) { // not the file name again
            text.append(" — ").append(title);
        }
        if (!chunk.headings().isEmpty()) {
            text.append(" — ").append(String.join(" › ", chunk.headings()));
        }
        text.append("\n\n").append(chunk.text());
        return TextSegment.from(text.length() <= MAX_PASSAGE_CHARS ? text.toString() : text.substring(0, MAX_PASSAGE_CHARS));
    }

    @Override
    public String toString() {
        return model == null ? "none" : Objects.toString(model) + ", " + candidates + " candidates";
    }
}

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
 * in scale), the passages beyond the candidates keep their fused order below 0.5. When the model fails,
 * the fused order stands and the failure is logged (at most once a minute) and counted; for
 * {@link #PAUSE_AFTER_FAILURE} after a failure the model is not asked at all, so that a reranker that hangs
 * costs one question its timeout, not every question.
 */
public final class Reranking {

    /** As deep as each side of the hybrid search looks: a reranker cannot read what neither side found. */
    public static final int MAX_CANDIDATES = 100;

    /** The characters of a passage sent to the model: a cross-encoder reads 512 tokens at most. */
    static final int MAX_PASSAGE_CHARS = 2_000;

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

    /** Questions that kept the fused order without asking, in the pause after a failure. */
    public long skipped() {
        return skipped.get();
    }

    /** {@code ranked} in the model's order for {@code question}, or as it is when there is no model or it fails. */
    List<Hit> apply(String question, List<Hit> ranked) {
        if (model == null || ranked.size() < 2) {
            return ranked;
        }
        if (System.nanoTime() - pausedUntil.get() < 0) {
            skipped.incrementAndGet();
            return ranked;
        }
        List<Hit> scored = ranked.subList(0, Math.min(candidates, ranked.size()));
        List<Double> relevance;
        try {
            relevance = model.scoreAll(scored.stream().map(Reranking::passage).toList(), question).content();
            if (relevance == null || relevance.size() != scored.size()) {
                throw new IllegalStateException("the reranker scored " + (relevance == null ? 0 : relevance.size())
                        + " of " + scored.size() + " passages");
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            long now = System.nanoTime();
            pausedUntil.set(now + pauseNanos);
            long last = lastFailureLogged.get();
            if (now - last > TimeUnit.MINUTES.toNanos(1) && lastFailureLogged.compareAndSet(last, now)) {
                log.warn("Passages stay in their search order: the reranker failed (asked again in {} s): {}",
                        pauseNanos / 1_000_000_000L, e.getMessage());
            }
            return ranked;
        }
        double max = relevance.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double min = relevance.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        List<Hit> out = new ArrayList<>(ranked.size());
        for (int i = 0; i < scored.size(); i++) {
            double normalised = max > min ? (relevance.get(i) - min) / (max - min) : 1.0;
            Hit hit = scored.get(i);
            out.add(new Hit(hit.chunk(), 0.5 + 0.5 * normalised, hit.similarity(), hit.snippet()));
        }
        out.sort(Comparator.comparingDouble(Hit::score).reversed()); // stable: ties keep the fused order
        double top = ranked.getFirst().score() > 0 ? ranked.getFirst().score() : 1.0;
        for (Hit hit : ranked.subList(scored.size(), ranked.size())) {
            out.add(new Hit(hit.chunk(), 0.499 * Math.max(0, hit.score()) / top, hit.similarity(), hit.snippet()));
        }
        return out;
    }

    /** What the model reads of a passage: where it is (a file's name often says what it is about), then its text. */
    static TextSegment passage(Hit hit) {
        Chunk chunk = hit.chunk();
        StringBuilder text = new StringBuilder(chunk.path());
        if (chunk.title() != null && !chunk.title().isBlank() && !chunk.title().equals(chunk.path())) {
            text.append(" — ").append(chunk.title());
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

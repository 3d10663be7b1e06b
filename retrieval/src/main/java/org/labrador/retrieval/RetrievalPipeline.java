package org.labrador.retrieval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one way passages are found and chosen, used by chat answers, the search API, the IDE chat
 * and {@code labrador eval} alike, so that what is measured is what an answer sees. Its stages:
 * <ol>
 *   <li>understand the query: a follow-up is searched together with the question it follows, a question
 *       that names its own topic alone;</li>
 *   <li>candidates from BM25 and from the vectors, each side to a fixed depth;</li>
 *   <li>fuse the two sides ({@link HybridSearch});</li>
 *   <li>rerank: a cross-encoder, when one is configured, orders the first candidates by reading each with the
 *       question ({@link Reranking}); then material that restates the code rather than explains it (tests,
 *       change logs) steps back behind the code and docs it echoes, unless the question is about it
 *       ({@link SecondaryMaterial});</li>
 *   <li>choose the answer context: pinned documents first, at most {@link Settings#perDocument}
 *       passages of one document, only passages over the similarity threshold, and none at all
 *       when the evidence says the sources do not cover the question: the nearest passage's
 *       similarity together with the share of the question's content words the passages contain.</li>
 * </ol>
 */
public final class RetrievalPipeline {

    /**
     * How an answer's context is chosen.
     *
     * @param passages      passages an answer gets
     * @param perDocument   at most this many of them from one document
     * @param minSimilarity cosine similarity below which a passage does not cover the question
     */
    public record Settings(int passages, int perDocument, double minSimilarity) {

        public Settings {
            if (passages < 1 || perDocument < 1) {
                throw new IllegalArgumentException("passages and perDocument must be at least 1");
            }
        }
    }

    /**
     * Default cap of passages from one document. One passage per file gives an answer six files
     * to choose from rather than three windows of the same one: on the straxen dev set a gold file
     * among the answer's passages went from 0.75 (three per file) to 0.80 (docs/benchmarks.md).
     */
    public static final int PASSAGES_PER_DOCUMENT = 1;

    /** The answer's passages are chosen from this many: enough for six documents with a cap of one. */
    static final int CONTEXT_CANDIDATES = 30;

    /** Passages of already chosen documents an answer may get beyond {@link Settings#passages}. */
    static final int EXPANSION = 2;

    /** Nearest passages shown when the sources do not cover a question. */
    private static final int NEAREST_SHOWN = 3;

    private final Retriever retriever;
    private final Settings settings;
    private final Reranking reranking;
    private final Coverage coverage = new Coverage(Analyzers.forIndex());

    public RetrievalPipeline(Retriever retriever, Settings settings) {
        this(retriever, settings, Reranking.NONE);
    }

    public RetrievalPipeline(Retriever retriever, Settings settings, Reranking reranking) {
        this.retriever = retriever;
        this.settings = settings;
        this.reranking = java.util.Objects.requireNonNull(reranking, "reranking");
    }

    /** The same pipeline choosing answer contexts by other settings. */
    public RetrievalPipeline withSettings(Settings other) {
        return new RetrievalPipeline(retriever, other, reranking);
    }

    /** The same pipeline without the cross-encoder, for callers with a budget of milliseconds. */
    public RetrievalPipeline withoutReranking() {
        return reranking.enabled() ? new RetrievalPipeline(retriever, settings, Reranking.NONE) : this;
    }

    public Settings settings() {
        return settings;
    }

    public Reranking reranking() {
        return reranking;
    }

    /** Candidates an answer is chosen from: {@value #CONTEXT_CANDIDATES}, or as many as the reranker reads. */
    private int candidateDepth() {
        return Math.max(CONTEXT_CANDIDATES, reranking.candidates());
    }

    public Retriever retriever() {
        return retriever;
    }

    /** Ranked passages for a search (stages 2-4), best first. */
    public List<Hit> search(SearchRequest request) throws IOException {
        if (request.mode() != SearchMode.HYBRID) {
            return retriever.search(request); // one side alone, as measured against the other
        }
        int depth = Math.max(request.k(), candidateDepth());
        return request.firstK(rerank(request.text(), retriever.search(request.withK(depth))));
    }

    /**
     * Ranked passages in the given order. {@link SearchOrder#DOCUMENTS}: the best passage of each
     * document first, best first, then the documents' further passages, best first. The first
     * {@link Settings#passages} of a hybrid search are then the documents an answer gets (stage 5 with
     * its default cap of one), and a list of any length names as many documents as the candidates
     * hold before it repeats one.
     */
    public List<Hit> search(SearchRequest request, SearchOrder order) throws IOException {
        if (order == SearchOrder.SCORE) {
            return search(request);
        }
        int depth = Math.max(request.k(), candidateDepth());
        List<Hit> ranked = search(request.withK(depth));
        Set<String> seen = new HashSet<>();
        List<Hit> ordered = new ArrayList<>(ranked.size());
        List<Hit> further = new ArrayList<>();
        for (Hit hit : ranked) {
            (seen.add(documentOf(hit)) ? ordered : further).add(hit);
        }
        ordered.addAll(further);
        return request.firstK(ordered);
    }

    /**
     * The passages an answer to {@code question} is built from, for a caller who may read what
     * {@code access} allows.
     *
     * @param earlier  the conversation's earlier questions, oldest first
     * @param sources  names of the sources to answer from; empty means all the caller may read
     * @param pinned   documents a curator pinned, as {@code source/path}
     */
    public AnswerContext answerContext(String question, List<String> earlier, Set<String> sources, ReadAccess access,
                                       Set<String> pinned) throws IOException {
        String query = understand(question, earlier);
        PassageIndex index = retriever.index();
        float[] vector = retriever.tryEmbedQuery(query).orElse(null);
        if (vector == null) {
            return keywordsOnly(query, index, sources, access, pinned);
        }
        List<Hit> candidates = rerank(query,
                index.search(new SearchRequest(query, SearchMode.HYBRID, candidateDepth(), sources, access), vector));
        List<Hit> keywords = index.search(new SearchRequest(query, SearchMode.BM25, Coverage.AGREEMENT_FILES * 2, sources, access), null);
        List<Hit> vectors = index.search(new SearchRequest(query, SearchMode.VECTOR, Coverage.AGREEMENT_FILES * 2, sources, access), vector);
        Double best = candidates.stream().mapToDouble(Hit::similarity).filter(d -> !Double.isNaN(d)).boxed()
                .max(Double::compare).orElse(null);
        List<Hit> chosen = choose(pinnedFirst(candidates, pinned));
        AnswerContext.Evidence evidence = coverage.evidence(query, chosen, keywords, vectors, settings.passages());
        List<Hit> relevant = Coverage.covers(evidence, settings.minSimilarity())
                ? chosen.stream().filter(this::covers).toList() : List.of();
        if (relevant.isEmpty()) {
            return notCovered(query, candidates, best, evidence);
        }
        return new AnswerContext(query, relevant, List.of(), true, best, evidence);
    }

    /**
     * The answer context when the embedding model cannot embed the question: keyword candidates, and
     * coverage from the share of the question's content words the first passages hold (no
     * similarity to weigh it against, so the bar is high: {@value #KEYWORDS_ONLY_WORDS}).
     */
    private AnswerContext keywordsOnly(String query, PassageIndex index, Set<String> sources, ReadAccess access,
                                       Set<String> pinned) throws IOException {
        List<Hit> candidates = rerank(query,
                index.search(new SearchRequest(query, SearchMode.BM25, candidateDepth(), sources, access), null));
        List<Hit> chosen = choose(pinnedFirst(candidates, pinned));
        AnswerContext.Evidence evidence = coverage.evidence(query, chosen, candidates, List.of(), settings.passages());
        if (chosen.isEmpty() || evidence.wordsFound() < KEYWORDS_ONLY_WORDS) {
            return notCovered(query, candidates, null, evidence);
        }
        return new AnswerContext(query, chosen, List.of(), true, null, evidence);
    }

    /** No passages for the answer; the nearest candidates are still shown. */
    private static AnswerContext notCovered(String query, List<Hit> candidates, Double best,
                                            AnswerContext.Evidence evidence) {
        return new AnswerContext(query, List.of(), candidates.subList(0, Math.min(NEAREST_SHOWN, candidates.size())),
                false, best, evidence);
    }

    /** Share of a question's content words the first passages must hold when only keywords can judge coverage. */
    static final double KEYWORDS_ONLY_WORDS = 0.75;

    /**
     * Stage 1: a follow-up leans on the previous question, which names what "it" and "that" refer to; a
     * question that stands on its own is searched alone, so that a new topic is not pulled back to the last one
     * (asked about the S1 threshold right after the cryostat's pressure, the pressure passage came first).
     */
    static String understand(String question, List<String> earlier) {
        return earlier.isEmpty() || standsAlone(question) ? question : earlier.getLast() + "\n" + question;
    }

    /** Words by which a question refers to what was said before. */
    private static final Set<String> REFERRING = Set.of("it", "its", "it's", "this", "that", "these", "those", "they",
            "them", "their", "there", "one", "ones", "he", "she", "his", "her", "same", "above", "previous", "else");
    /** Words a follow-up starts with: "and where…", "what about…". */
    private static final Set<String> CONTINUING = Set.of("and", "also", "but", "so", "then", "or", "plus");

    /**
     * Whether a question names its topic itself: more than two words, none referring back, and not starting as
     * a continuation. Without a model to rewrite follow-ups, this errs on the side of joining: a question with
     * "that" in it is joined with the one before, as every question used to be.
     */
    public static boolean standsAlone(String question) {
        List<String> words = java.util.Arrays.stream(question.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9_']+"))
                .filter(w -> !w.isEmpty()).toList();
        if (words.size() <= 2 || CONTINUING.contains(words.getFirst())
                || question.toLowerCase(java.util.Locale.ROOT).startsWith("what about")
                || question.toLowerCase(java.util.Locale.ROOT).startsWith("how about")) {
            return false;
        }
        return words.stream().noneMatch(REFERRING::contains);
    }

    /** Stage 4: the cross-encoder's order if there is one, then scores weighed by what kind of material each passage is, best first. */
    private List<Hit> rerank(String question, List<Hit> fused) {
        return weighByMaterial(question, reranking.apply(question, fused));
    }

    static List<Hit> weighByMaterial(String question, List<Hit> ranked) {
        SecondaryMaterial secondary = SecondaryMaterial.forQuestion(question);
        List<Hit> weighed = new ArrayList<>(ranked.size());
        for (Hit hit : ranked) {
            weighed.add(secondary.matches(hit.chunk().path())
                    ? new Hit(hit.chunk(), hit.score() * SecondaryMaterial.WEIGHT, hit.similarity(), hit.snippet()) : hit);
        }
        weighed.sort(Comparator.comparingDouble(Hit::score).reversed());
        return weighed;
    }

    private boolean covers(Hit hit) {
        return hit.similarity() >= settings.minSimilarity();
    }

    /** Passages of documents a curator pinned come first, if they are relevant at all. */
    private List<Hit> pinnedFirst(List<Hit> hits, Set<String> pinned) {
        if (pinned.isEmpty()) {
            return hits;
        }
        List<Hit> ordered = new ArrayList<>(hits);
        ordered.sort(Comparator.comparing((Hit h) -> !(covers(h) && pinned.contains(documentOf(h)))));
        return ordered;
    }

    /**
     * Stage 5: the best passage of each of the first {@link Settings#passages} documents (up to
     * {@link Settings#perDocument} of one), so that an answer sees several files rather than
     * three windows of one. Then expansion: a passage the cap left out comes back when it ranks
     * among the first {@link Settings#passages} overall, up to {@value #EXPANSION} more, so that a
     * long document's second relevant passage (a paper's acknowledgements after its abstract) is
     * not lost to diversity. The chosen passages keep their rank order.
     */
    private List<Hit> choose(List<Hit> ranked) {
        Map<String, Integer> perDocument = new HashMap<>();
        List<Hit> kept = new ArrayList<>();
        for (Hit hit : ranked) {
            if (kept.size() < settings.passages()
                    && perDocument.merge(documentOf(hit), 1, Integer::sum) <= settings.perDocument()) {
                kept.add(hit);
            }
        }
        int expanded = 0;
        for (Hit hit : ranked.subList(0, Math.min(settings.passages(), ranked.size()))) {
            if (expanded < EXPANSION && !kept.contains(hit)) {
                kept.add(hit);
                expanded++;
            }
        }
        List<Hit> inRankOrder = new ArrayList<>(ranked);
        inRankOrder.retainAll(kept);
        return inRankOrder;
    }

    private static String documentOf(Hit hit) {
        return hit.chunk().source() + '/' + hit.chunk().path();
    }
}

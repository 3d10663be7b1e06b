package org.labrador.retrieval;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.search.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What turning a question into the keyword query costs before any search: query parsing, English
 * analysis of each field and the exact-symbol clauses ({@link HybridSearch#keywordQuery}). In this
 * package, not in {@code bench}, because the query builder is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeywordQueryJmh {

    /** Questions as users type them: prose, identifiers, operators to be taken literally. */
    private static final List<String> QUESTIONS = List.of(
            "Where is the S1 area threshold set?",
            "how does PeakBasics compute s1_area_min and the drift time",
            "gain calibration with LED pulses: single photoelectron spectrum fit",
            "fiducial volume cut radius (2024 science run) AND wall events",
            "What does EventSelection.apply() return for events near the TPC walls?");

    private final HybridSearch search = new HybridSearch(Analyzers.forIndex());
    private int nextQuestion;

    @Benchmark
    public Query keywordQuery() {
        String question = QUESTIONS.get(nextQuestion);
        nextQuestion = (nextQuestion + 1) % QUESTIONS.size();
        return search.keywordQuery(question);
    }
}

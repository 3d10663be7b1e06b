package org.labrador.retrieval.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Puts one query's scored results in trec_eval's order: score descending, ties by id descending. */
public final class RankedRun {

    private RankedRun() {
    }

    public static List<String> ordered(Map<String, Double> scores) {
        return scores.entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry<String, Double>::getValue).reversed()
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .toList();
    }
}

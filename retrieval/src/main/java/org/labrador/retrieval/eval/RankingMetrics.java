package org.labrador.retrieval.eval;

import java.util.List;
import java.util.Map;

/**
 * Ranking quality of one query's results against its relevance judgements, computed as
 * trec_eval and pytrec_eval (and so the BEIR tooling) compute them: graded gains, log2 discount,
 * the ideal ranking built from every judged-relevant document, grades of 0 or less not relevant.
 * The ranking must already be in trec_eval's order (score descending, ties by document id
 * descending); {@link RankedRun#ordered} produces it.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Normalised discounted cumulative gain of the first {@code k} results. */
    public static double ndcg(List<String> ranking, Map<String, Integer> judgements, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            int grade = judgements.getOrDefault(ranking.get(i), 0);
            if (grade > 0) {
                dcg += grade / log2(i + 2);
            }
        }
        List<Integer> ideal = judgements.values().stream().filter(g -> g > 0)
                .sorted((a, b) -> Integer.compare(b, a)).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the relevant documents found in the first {@code k} results. */
    public static double recall(List<String> ranking, Map<String, Integer> judgements, int k) {
        long relevant = judgements.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranking.stream().limit(k).filter(id -> judgements.getOrDefault(id, 0) > 0).count();
        return (double) found / relevant;
    }

    /** Reciprocal rank of the first relevant result within the first {@code k}, or 0. */
    public static double reciprocalRank(List<String> ranking, Map<String, Integer> judgements, int k) {
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (judgements.getOrDefault(ranking.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

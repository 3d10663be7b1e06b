package org.labrador.retrieval.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values checked by hand against trec_eval's definitions. */
class RankingMetricsTest {

    private static final Map<String, Integer> JUDGED = Map.of("a", 2, "b", 1, "c", 0, "z", 1);

    @Test
    void ndcgUsesGradedGainsAndTheIdealOfAllJudgedRelevantDocuments() {
        // DCG = 1/log2(2) [b] + 2/log2(4) [a] = 1 + 1 = 2; IDCG = 2/1 + 1/log2(3) + 1/log2(4) = 3.1309
        double ndcg = RankingMetrics.ndcg(List.of("b", "x", "a", "c"), JUDGED, 10);
        assertThat(ndcg).isCloseTo(2.0 / (2 + 1 / (Math.log(3) / Math.log(2)) + 0.5), within(1e-12));
        assertThat(RankingMetrics.ndcg(List.of("a", "b", "z"), JUDGED, 10)).isCloseTo(1.0, within(1e-12));
        assertThat(RankingMetrics.ndcg(List.of("x", "y"), JUDGED, 10)).isZero();
    }

    @Test
    void ndcgCutsAtK() {
        assertThat(RankingMetrics.ndcg(List.of("x", "a"), JUDGED, 1)).isZero();
    }

    @Test
    void recallCountsOnlyPositiveGrades() {
        assertThat(RankingMetrics.recall(List.of("a", "c", "x"), JUDGED, 10)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RankingMetrics.recall(List.of("x", "a", "b", "z"), JUDGED, 2)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void reciprocalRankOfTheFirstRelevantWithinK() {
        assertThat(RankingMetrics.reciprocalRank(List.of("c", "x", "z"), JUDGED, 10)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RankingMetrics.reciprocalRank(List.of("c", "x", "z"), JUDGED, 2)).isZero();
    }

    @Test
    void tiesAreOrderedByDocumentIdDescendingAsTrecEvalDoes() {
        assertThat(RankedRun.ordered(Map.of("d1", 0.5, "d3", 0.5, "d2", 0.9))).containsExactly("d2", "d3", "d1");
    }
}

package org.labrador.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class AnalyzersTest {

    private final Analyzer analyzer = Analyzers.forIndex();

    @Test
    void numbersMeetWhateverNotationTheQuestionAndTheSourceUse() throws IOException {
        assertThat(terms(IndexFields.TEXT, "tail_veto_duration = int(3e6)")).contains("3000000");
        assertThat(terms(IndexFields.TEXT, "a 3,000,000 ns veto")).contains("3000000");
        assertThat(terms(IndexFields.TEXT, "MAX = 3_000_000")).contains("3000000");
        assertThat(terms(IndexFields.TEXT, "longer than 30,000 ns")).contains("30000");
        assertThat(terms(IndexFields.TEXT, "gain 1.50 and 2.0E-3")).contains("1.5");
        assertThat(terms(IndexFields.TEXT, "release 1.2.3 of run 007")).contains("1.2.3", "7");
    }

    @Test
    void prosePathsAndIdentifiersAreSplitIntoTheirWords() throws IOException {
        assertThat(terms(IndexFields.TEXT, "The photomultipliers' gains")).containsExactly("photomultipli", "gain");
        Chunk code = new Chunk("c", "s", "straxen/plugins/gps_syncing/GpsSyncing_v2.py", "GpsSyncing_v2.py", List.of("GpsSync"),
                1, 3, "class PeakAmbience(strax.Plugin):\n    s1_area_min = self.config['n_tpc_pmts']", "", "h",
                List.of("PeakAmbience"), 0, 0, "", List.of());
        List<String> words = terms(IndexFields.WORDS, KeywordText.of(code));
        assertThat(words).contains("straxen", "plugin", "gp", "sync", "peak", "ambienc", "area", "min", "tpc", "pmt", "config")
                .doesNotContain("2");
        // The whole names stay searchable too.
        assertThat(words).contains("s1_area_min", "peakambi");
    }

    private List<String> terms(String field, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}

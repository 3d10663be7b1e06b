package org.labrador.retrieval;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/** The text analysis of the index: English stemming for prose fields, exact terms for ids. */
final class Analyzers {

    private Analyzers() {
    }

    static Analyzer forIndex() {
        Analyzer english = new EnglishAnalyzer();
        return new PerFieldAnalyzerWrapper(english, Map.of(
                IndexFields.ID, new KeywordAnalyzer(),
                IndexFields.SOURCE, new KeywordAnalyzer(),
                IndexFields.PATH, new KeywordAnalyzer(),
                IndexFields.DOC_KEY, new KeywordAnalyzer(),
                IndexFields.KIND, new KeywordAnalyzer()));
    }
}

package org.labrador.retrieval;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;

/**
 * The text analysis of the index: English stemming for prose fields, exact terms for ids, and
 * for code the words inside identifiers ({@code PeakAmbience}, {@code s1_area_min}), so that a
 * question in plain words finds the code that spells them as one name.
 */
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
                IndexFields.KIND, new KeywordAnalyzer(),
                IndexFields.CODE_WORDS, identifierWords()));
    }

    /** Splits identifiers at case changes, underscores and digits, keeping the whole name too. */
    private static Analyzer identifierWords() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new WhitespaceTokenizer();
                int flags = WordDelimiterGraphFilter.GENERATE_WORD_PARTS | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
                        | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE | WordDelimiterGraphFilter.PRESERVE_ORIGINAL
                        | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;
                TokenStream words = new WordDelimiterGraphFilter(source, flags, null);
                words = new LowerCaseFilter(words);
                return new TokenStreamComponents(source, new PorterStemFilter(words));
            }
        };
    }
}

package org.labrador.retrieval;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The text analysis of the index: English stemming for the words of passages and questions, exact
 * terms for ids. The words inside names ({@code PeakAmbience}, {@code s1_area_min}) are added to the
 * keyword text before analysis ({@link KeywordText}), so that any engine's English analysis finds them.
 */
final class Analyzers {

    private Analyzers() {
    }

    static Analyzer forIndex() {
        Analyzer english = english();
        return new PerFieldAnalyzerWrapper(english, Map.of(
                IndexFields.ID, new KeywordAnalyzer(),
                IndexFields.SOURCE, new KeywordAnalyzer(),
                IndexFields.PATH, new KeywordAnalyzer(),
                IndexFields.DOC_KEY, new KeywordAnalyzer(),
                IndexFields.KIND, new KeywordAnalyzer()));
    }

    /**
     * Lucene's English analysis (possessives, lower case, stop words, Porter stemming) with numbers
     * written one way: {@code 3e6}, {@code 3_000_000} and {@code 3,000,000} all become
     * {@code 3000000}, so that a question and the code or paper it asks about meet whatever
     * notation each uses.
     */
    private static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream words = new EnglishPossessiveFilter(source);
                words = new LowerCaseFilter(words);
                words = new StopFilter(words, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                words = new CanonicalNumbers(words);
                return new TokenStreamComponents(source, new PorterStemFilter(words));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    /** Rewrites a token that is a number into its plain decimal form (trailing zeros dropped). */
    private static final class CanonicalNumbers extends TokenFilter {
        private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d+(_\\d+)+");
        private static final Pattern NUMBER = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d{1,3})?");
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        CanonicalNumbers(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (term.length() < 40 && (Character.isDigit(term.charAt(0)) || term.charAt(0) == '.')) {
                String canonical = canonical(term.toString());
                if (canonical != null) {
                    term.setEmpty().append(canonical);
                }
            }
            return true;
        }

        /** The plain form of {@code token}, or null when it is not a number. */
        private static String canonical(String token) {
            String plain = GROUPED.matcher(token).matches() ? token.replace(",", "").replace("_", "") : token;
            if (!NUMBER.matcher(plain).matches()) {
                return null;
            }
            BigDecimal value = new BigDecimal(plain).stripTrailingZeros();
            return Math.abs(value.scale()) <= 12 ? value.toPlainString() : value.toString().toLowerCase(Locale.ROOT);
        }
    }
}

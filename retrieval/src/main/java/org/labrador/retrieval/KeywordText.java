package org.labrador.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the keyword side matches, on both ends. A passage is searched as one field of words: its
 * title, headings and file path in words, its text, and the words inside the names its text
 * spells as one ({@code s1_area_min}, {@code PeakBasics}, {@code strax.processing.general}), so
 * that a question in plain words meets code that joins them, with one length normalisation and
 * one set of term statistics instead of five fields summed. A question is searched without the
 * words that only make it a question ("how do I", "is there a way"), and its names look up
 * definitions only when they are written as code.
 */
final class KeywordText {

    /**
     * A name as code writes it: letters, digits and underscores, possibly dotted
     * ({@code np.zeros}, {@code self.config}); Lucene's standard tokenizer keeps each such name
     * whole, so its parts are added beside it.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");
    /** Where a name splits: dots, underscores, a lower-case letter or digit before a capital, an acronym's end. */
    private static final Pattern NAME_PARTS = Pattern.compile("[._]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    /** Where a path splits: anything not a letter or digit, and case changes. */
    private static final Pattern PATH_PARTS = Pattern.compile("[^\\p{L}\\p{Nd}]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    /** A word that looks up definitions: written as code (an underscore, a dot, a digit or an inner capital). */
    private static final Pattern CODE_WRITTEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:[_.0-9]|[a-z][A-Z])[A-Za-z0-9_.]*");

    /**
     * Words that make a sentence a question or a request and say nothing of its topic. Measured on the
     * straxen dev set (docs/benchmarks.md); English stop words are dropped by the analyser already.
     */
    static final Set<String> QUESTION_WORDS = Set.of("how", "what", "what's", "where", "when", "why", "which", "who",
            "whom", "whose", "do", "does", "did", "done", "can", "could", "should", "would", "may", "might", "must",
            "i", "i'm", "i've", "i'd", "me", "my", "mine", "we", "us", "our", "you", "your", "am", "been", "has", "have",
            "had", "there", "any", "anything", "some", "something", "way", "ways", "want", "need", "like", "tell",
            "know", "exactly", "actually", "just", "able", "possible", "please", "thing", "things", "here", "so");

    /**
     * Text the question quotes: an error message, a setting's value, a name. Single quotes count only where
     * they open and close a quote (not in "I'd" or "framework's").
     */
    private static final Pattern QUOTED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])'([^'\\n]{2,200}?)'(?![\\p{L}\\p{N}])|\"([^\"\\n]{2,200}?)\"|`([^`\\n]{2,200}?)`|\\u201c([^\\u201d\\n]{2,200}?)\\u201d|\\u2018([^\\u2019\\n]{2,200}?)\\u2019(?![\\p{L}\\p{N}])");

    private KeywordText() {
    }

    /** The passages a question quotes, in order, at most 8: each is searched as a phrase too. */
    static List<String> quoted(String question) {
        List<String> quotes = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(question);
        while (matcher.find() && quotes.size() < 8) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                if (matcher.group(group) != null && !matcher.group(group).isBlank()) {
                    quotes.add(matcher.group(group).strip());
                }
            }
        }
        return quotes;
    }

    /** The keyword field of {@code chunk}: title, headings, path words, text, and the parts of its names. */
    static String of(Chunk chunk) {
        StringBuilder words = new StringBuilder(chunk.text().length() * 5 / 4 + 200);
        // A title or heading the text already shows (the first window of a section starts with its heading) is not
        // added again: every passage then holds its section's words once, and the first window of a short
        // section does not outrank the section's substance.
        String text = chunk.text().toLowerCase(Locale.ROOT);
        List<String> context = new ArrayList<>();
        context.add(chunk.title());
        context.addAll(chunk.headings());
        for (String heading : context.stream().distinct().toList()) {
            if (!heading.isBlank() && !text.contains(heading.toLowerCase(Locale.ROOT))) {
                words.append(heading).append('\n');
            }
        }
        words.append(pathWords(chunk.path())).append('\n');
        words.append(chunk.text()).append('\n');
        appendNameParts(chunk.text(), words);
        return words.toString();
    }

    /** The words of a path, numbers left out ({@code plugins/gps_syncing/GpsSync_v2.py}: plugins gps syncing gps sync py). */
    static String pathWords(String path) {
        List<String> words = new ArrayList<>();
        for (String part : PATH_PARTS.split(path)) {
            if (!part.isEmpty() && !part.chars().allMatch(Character::isDigit)) {
                words.add(part);
            }
        }
        return String.join(" ", words);
    }

    /** Appends the parts of every name that joins words, one line, in the order they occur. */
    private static void appendNameParts(String text, StringBuilder out) {
        Matcher names = NAME.matcher(text);
        while (names.find()) {
            String name = names.group();
            String[] parts = NAME_PARTS.split(name);
            if (parts.length < 2) {
                continue;
            }
            for (String part : parts) {
                if (part.length() > 1) {
                    out.append(part).append(' ');
                }
            }
        }
    }

    /** The question as the keyword side searches it: question words left out, names split as in passages. */
    static String query(String question) {
        StringBuilder kept = new StringBuilder(question.length() + 32);
        for (String word : question.split("\\s+")) {
            String bare = word.replaceAll("^[^\\p{L}\\p{Nd}_]+|[^\\p{L}\\p{Nd}_']+$", "").toLowerCase(Locale.ROOT)
                    .replace('\u2019', '\'');
            if (!bare.isEmpty() && !QUESTION_WORDS.contains(bare)) {
                kept.append(word).append(' ');
            }
        }
        appendNameParts(question, kept);
        String query = kept.toString().strip();
        return query.isEmpty() ? question : query;
    }

    /** The question's words written as code, lower-cased: each is matched exactly against defined names. */
    static List<String> symbols(String question) {
        List<String> symbols = new ArrayList<>();
        Matcher names = NAME.matcher(question);
        while (names.find() && symbols.size() < 32) {
            String name = names.group();
            if (!CODE_WRITTEN.matcher(name).matches()) {
                continue;
            }
            // A dotted name (strax.Plugin, self.config) defines its last part.
            String defined = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (defined.length() > 2 && !symbols.contains(defined)) {
                symbols.add(defined);
            }
        }
        return symbols;
    }
}

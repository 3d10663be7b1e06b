package org.labrador.chatserver.ask;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The language a question is written in, named in English for the prompt ("German"), so that a
 * small model, which drifts to English when nothing asks otherwise, answers in it.
 *
 * <p>A cheap heuristic rather than a statistical detector (no library for it is among the
 * dependencies, and a question is short): the script decides for Cyrillic, Greek, Arabic, Hebrew,
 * Chinese, Japanese and Korean; for languages written in Latin letters, the most frequent words
 * (articles, question words, auxiliaries) of English, German, French, Spanish, Italian, Portuguese
 * and Dutch are counted, with letters peculiar to one language (ß, ñ, ã) as extra evidence. Code in
 * backticks is left out. Empty when nothing stands out, as for "S1 threshold?" or a tie.
 */
final class QuestionLanguage {

    private static final Pattern CODE = Pattern.compile("```.*?(```|$)|`[^`]*`", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private static final Map<String, Set<String>> FUNCTION_WORDS = Map.of(
            "English", Set.of("the", "is", "are", "were", "what", "where", "which", "who", "how", "why", "when",
                    "does", "do", "did", "of", "and", "to", "with", "for", "this", "that", "it", "can", "i", "you", "my",
                    "from", "should", "there", "be", "have", "has", "not", "on", "at", "by", "we", "our", "or", "if"),
            "German", Set.of("der", "die", "das", "den", "dem", "des", "ist", "sind", "wie", "wo", "was", "warum", "wann",
                    "welche", "welcher", "welches", "wird", "werden", "und", "nicht", "ein", "eine", "einen", "mit", "für",
                    "von", "zu", "auf", "ich", "kann", "können", "muss", "man", "im", "bei", "auch", "sich", "gibt",
                    "noch", "oder", "wer", "wieso", "wir", "unser", "ob", "nach", "über"),
            "French", Set.of("le", "la", "les", "est", "sont", "des", "du", "une", "et", "qui", "quoi", "où", "comment",
                    "pourquoi", "quand", "quel", "quelle", "quels", "dans", "pour", "avec", "pas", "ce", "cette", "je",
                    "nous", "vous", "il", "elle", "sur", "au", "aux", "faut", "peut", "ou", "mon", "notre"),
            "Spanish", Set.of("el", "los", "las", "es", "son", "está", "están", "qué", "dónde", "cómo", "por", "porque",
                    "cuál", "cuándo", "y", "del", "una", "con", "para", "se", "lo", "al", "hay", "puedo", "esta", "este",
                    "mi", "nuestro", "pero"),
            "Italian", Set.of("il", "gli", "è", "sono", "che", "cosa", "dove", "come", "perché", "quale", "quando", "del",
                    "della", "delle", "dei", "una", "con", "per", "non", "nel", "nella", "può", "questo", "questa", "ed",
                    "mio", "nostro", "ci"),
            "Portuguese", Set.of("os", "é", "são", "onde", "como", "qual", "quando", "do", "da", "dos", "das", "uma",
                    "com", "para", "não", "em", "no", "na", "pode", "este", "isso", "meu", "nosso", "você"),
            "Dutch", Set.of("de", "het", "een", "is", "zijn", "wat", "waar", "hoe", "waarom", "wanneer", "welke", "wordt",
                    "worden", "en", "niet", "met", "voor", "van", "op", "ik", "kan", "je", "dit", "dat", "er", "ons"));

    /** Letters that, in a Latin-script question, point to one language. */
    private static final Map<String, String> PECULIAR_LETTERS = Map.of(
            "German", "äöüß", "Spanish", "ñ¿¡", "French", "çœêèâîûë", "Portuguese", "ãõ", "Italian", "ìò");

    private QuestionLanguage() {
    }

    /** The language of the question, or of the latest earlier question that has one. */
    static Optional<String> of(String question, List<String> earlierQuestions) {
        Optional<String> language = of(question);
        for (int i = earlierQuestions.size() - 1; i >= 0 && language.isEmpty(); i--) {
            language = of(earlierQuestions.get(i));
        }
        return language;
    }

    static Optional<String> of(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String prose = CODE.matcher(text).replaceAll(" ");
        Optional<String> script = byScript(prose);
        if (script.isPresent()) {
            return script;
        }
        String lower = prose.toLowerCase(Locale.ROOT);
        Map<String, Integer> scores = new HashMap<>();
        Matcher word = WORD.matcher(lower);
        while (word.find()) {
            FUNCTION_WORDS.forEach((language, words) -> {
                if (words.contains(word.group())) {
                    scores.merge(language, 2, Integer::sum);
                }
            });
        }
        PECULIAR_LETTERS.forEach((language, letters) -> {
            if (lower.chars().anyMatch(c -> letters.indexOf(c) >= 0)) {
                scores.merge(language, 1, Integer::sum);
            }
        });
        String best = null;
        int top = 0;
        int second = 0;
        for (Map.Entry<String, Integer> e : scores.entrySet()) {
            if (e.getValue() > top) {
                second = top;
                top = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        return top >= 2 && top > second ? Optional.of(best) : Optional.empty();
    }

    /**
     * Languages told by their script, when its letters outnumber Latin ones (a Greek letter or two
     * in a formula do not make a question Greek). Kana make Chinese characters Japanese.
     */
    private static Optional<String> byScript(String text) {
        Map<String, Integer> counts = new HashMap<>();
        int latin = 0;
        boolean ukrainian = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            String language = switch (Character.UnicodeScript.of(c)) {
                case CYRILLIC -> "Russian";
                case GREEK -> "Greek";
                case ARABIC -> "Arabic";
                case HEBREW -> "Hebrew";
                case HIRAGANA, KATAKANA -> "Japanese";
                case HAN -> "Chinese";
                case HANGUL -> "Korean";
                default -> null;
            };
            if (language != null) {
                counts.merge(language, 1, Integer::sum);
            } else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                latin++;
            }
            ukrainian |= "іїєґІЇЄҐ".indexOf(c) >= 0;
        }
        if (counts.containsKey("Japanese")) {
            counts.merge("Japanese", counts.getOrDefault("Chinese", 0), Integer::sum);
            counts.remove("Chinese");
        }
        int floor = Math.max(1, latin);
        boolean ukrainianLetters = ukrainian;
        return counts.entrySet().stream().filter(e -> e.getValue() > floor)
                .max(Map.Entry.comparingByValue())
                .map(e -> e.getKey().equals("Russian") && ukrainianLetters ? "Ukrainian" : e.getKey());
    }
}

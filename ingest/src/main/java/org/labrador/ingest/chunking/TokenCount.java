package org.labrador.ingest.chunking;

/**
 * An approximate count of model tokens, good enough for sizing passages and cheap enough to run
 * on every line. No tokenizer is at hand when chunking (the embedding model may change later),
 * so this imitates a sub-word tokenizer: a run of letters or digits is one token plus one more
 * for every further 8 characters (long words and numbers split into several sub-words); every
 * other visible character — punctuation, operators, brackets — is a token of its own, except that
 * a run of one character (a rule of dashes) counts like a word.
 * On English prose this comes to about 1.2–1.3 tokens per word; on code and LaTeX it errs high,
 * which keeps such passages on the small side.
 */
public final class TokenCount {

    private static final int CHARS_PER_EXTRA_TOKEN = 8;

    private TokenCount() {
    }

    public static int of(CharSequence text) {
        return of(text, 0, text.length());
    }

    public static int of(CharSequence text, int from, int to) {
        int tokens = 0;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isLowSurrogate(c)) {
                i++;
                continue;
            }
            int end = i + 1;
            if (isWordChar(c)) {
                while (end < to && isWordChar(text.charAt(end))) {
                    end++;
                }
            } else {
                // A rule of dashes or a row of '=' is a few tokens, not one per character.
                while (end < to && text.charAt(end) == c) {
                    end++;
                }
            }
            tokens += 1 + (end - i - 1) / CHARS_PER_EXTRA_TOKEN;
            i = end;
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}

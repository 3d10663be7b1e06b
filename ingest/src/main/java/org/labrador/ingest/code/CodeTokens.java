package org.labrador.ingest.code;

/**
 * An approximate model-token count for sizing code passages. No tokenizer is at hand when
 * chunking, so a run of letters, digits or underscores counts one token plus one per further 8
 * characters (long identifiers split into sub-words), and every other visible character is a token
 * of its own, except that a run of the same character (a {@code #####} banner) counts once. On code
 * this errs high, which keeps passages on the small side.
 */
final class CodeTokens {

    private static final int CHARS_PER_EXTRA_TOKEN = 8;

    private CodeTokens() {
    }

    static int of(CharSequence text) {
        int tokens = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end = i + 1;
            if (isWordChar(c)) {
                while (end < n && isWordChar(text.charAt(end))) {
                    end++;
                }
            } else {
                while (end < n && text.charAt(end) == c) {
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

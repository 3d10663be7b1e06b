package org.labrador.models.ollama;

/**
 * A safe (high) estimate of how many tokens a model served by Ollama (or an OpenAI-compatible
 * server) makes of a text. Neither protocol has an endpoint that tokenizes without generating, and the model's tokenizer is not at hand here, so
 * the count is made from character classes, each taken at the rate of the least efficient of the
 * tokenizers Ollama's common chat models use (Qwen 2, Llama 2 and 3, Mistral, Gemma):
 *
 * <ul>
 *   <li>a run of ASCII letters: one token per 3 letters, rounded up. Sub-word vocabularies have
 *       single tokens for common words of up to 8-10 letters and split rare ones into pieces of 3-5;
 *   <li>a digit: one token. Qwen, Llama 2 and Mistral split numbers into single digits (Llama 3
 *       into groups of three);
 *   <li>any other visible ASCII character (punctuation, brackets, operators): one token, although
 *       tokenizers often merge {@code ");"} or {@code "->"} into one;
 *   <li>a line break, and a run of two or more spaces or tabs (indentation): one token. A single
 *       space is free, as it merges with the word or punctuation after it, but not with a digit, a
 *       character outside ASCII nor at the end of the text: there it is one more token;
 *   <li>a character outside ASCII (accented Latin, Greek, Cyrillic, mathematical symbols, CJK,
 *       emoji): one token per byte of its UTF-8 encoding, 2 to 4. A byte-level vocabulary
 *       (Qwen, Llama 3, GPT-2) or a byte-fallback one (Llama 2, Mistral) that lacks the character
 *       spells it byte by byte, and none of them has every CJK character or emoji.
 * </ul>
 *
 * English prose, which these tokenizers cut at about 4 characters per token, is counted at about
 * one token per 3 characters; code and LaTeX, with their punctuation, closer to the real count.
 * Text outside ASCII is counted as the worst a byte-level tokenizer can do: never below its count,
 * at the price of counting Greek or Cyrillic prose, which vocabularies mostly hold letter by letter
 * or better, at twice a letter. An over-count only leaves part of the window unused, while an
 * under-count lets Ollama cut the prompt without an error, so the estimate errs high.
 */
public final class TokenEstimate {

    private static final int LETTERS_PER_TOKEN = 3;

    private TokenEstimate() {
    }

    public static int of(CharSequence text) {
        int tokens = 0;
        int letters = 0; // the current run of ASCII letters
        int blanks = 0; // the current run of spaces and tabs
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            i += Character.charCount(c);
            if (c == ' ' || c == '\t') {
                tokens += letterTokens(letters);
                letters = 0;
                blanks++;
                continue;
            }
            tokens += blankTokens(blanks, c);
            blanks = 0;
            if (isAsciiLetter(c)) {
                letters++;
                continue;
            }
            tokens += letterTokens(letters);
            letters = 0;
            if (c != '\r') { // a CRLF is one line break
                tokens += utf8Bytes(c);
            }
        }
        return tokens + letterTokens(letters) + blankTokens(blanks, -1);
    }

    /** A run of blanks ending before {@code next} (-1 at the end of the text). */
    private static int blankTokens(int blanks, int next) {
        if (blanks == 0) {
            return 0;
        }
        boolean alone = next == -1 || (next >= '0' && next <= '9') || next >= 0x80;
        return (blanks >= 2 ? 1 : 0) + (alone ? 1 : 0);
    }

    /** 1 for ASCII, 2 to 4 for the other characters. */
    private static int utf8Bytes(int c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }

    private static int letterTokens(int letters) {
        return (letters + LETTERS_PER_TOKEN - 1) / LETTERS_PER_TOKEN;
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}

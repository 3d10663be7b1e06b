package org.labrador.ingest.code;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a C-like or shell source with everything that is not code blanked out: comments,
 * the contents of string, character and template literals, regular-expression literals, C
 * preprocessor lines and shell here-documents become spaces (line breaks and string quotes stay),
 * so that braces and keywords found in the mask are real ones. Offsets and lines are unchanged.
 * Unterminated strings end at the end of their line and unterminated comments at the end of the
 * file, so malformed code never makes the scan fail.
 */
final class CodeMask {

    enum Flavor { C, JAVA, GO, JS, SHELL }

    private static final byte CODE = 0;
    private static final byte COMMENT = 1;
    private static final byte LITERAL = 2;
    private static final byte DIRECTIVE = 3;
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*(['\"]?)([A-Za-z_][\\w-]*)\\1");
    private static final String REGEX_BEFORE = "(,=:[!&|?{};+-*%<>~^";

    final String code;
    private final byte[] kind;
    private final char[] out;
    private final String text;
    private final Flavor flavor;

    private CodeMask(String text, Flavor flavor) {
        this.text = text;
        this.flavor = flavor;
        this.out = text.toCharArray();
        this.kind = new byte[text.length()];
        scan();
        this.code = new String(out);
    }

    static CodeMask of(String text, Flavor flavor) {
        return new CodeMask(text, flavor);
    }

    /** Whether the character at {@code offset} is inside a comment or literal. */
    boolean masked(int offset) {
        return offset < kind.length && kind[offset] != CODE;
    }

    /** Whether the line {@code [from, to)} has text and all of it is comment. */
    boolean commentOnly(int from, int to) {
        boolean any = false;
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                if (kind[i] != COMMENT) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private void scan() {
        int n = text.length();
        boolean lineStart = true;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (c == '\n') {
                lineStart = true;
                i++;
                continue;
            }
            boolean wasLineStart = lineStart;
            if (!Character.isWhitespace(c)) {
                lineStart = false;
            }
            if (flavor == Flavor.SHELL) {
                i = shell(i, c);
            } else if (flavor == Flavor.C && wasLineStart && c == '#') {
                i = preprocessor(i);
            } else if (c == '/' && next == '/') {
                i = mark(i, lineEnd(i), COMMENT);
            } else if (c == '/' && next == '*') {
                int close = text.indexOf("*/", i + 2);
                i = mark(i, close < 0 ? n : close + 2, COMMENT);
            } else if (c == '"' && flavor == Flavor.JAVA && text.startsWith("\"\"\"", i)) {
                int close = text.indexOf("\"\"\"", i + 3);
                i = literal(i + 3, close < 0 ? n : close) + 3;
            } else if (c == '"' && flavor == Flavor.C && i > 0 && text.charAt(i - 1) == 'R') {
                i = rawString(i);
            } else if (c == '"' || c == '\'' && flavor == Flavor.JS) {
                i = quoted(i, c, false);
            } else if (c == '\'') {
                boolean digitSeparator = i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))
                        && Character.isLetterOrDigit(next);
                i = digitSeparator ? i + 1 : quoted(i, c, false);
            } else if (c == '`' && (flavor == Flavor.GO || flavor == Flavor.JS)) {
                i = quoted(i, c, flavor == Flavor.GO);
            } else if (c == '/' && flavor == Flavor.JS && regexMayStart(i)) {
                i = regex(i);
            } else {
                i++;
            }
        }
    }

    private int shell(int i, char c) {
        if (c == '\\') {
            return Math.min(text.length(), i + 2);
        } else if (c == '#' && (i == 0 || " \t\n;&|()".indexOf(text.charAt(i - 1)) >= 0)) {
            return mark(i, lineEnd(i), COMMENT);
        } else if (c == '\'') {
            int close = text.indexOf('\'', i + 1);
            return literal(i + 1, close < 0 ? lineEnd(i) : close) + 1;
        } else if (c == '"') {
            return quoted(i, c, false);
        } else if (c == '<' && text.startsWith("<<", i) && !text.startsWith("<<<", i)) {
            Matcher m = HEREDOC.matcher(text).region(i, lineEnd(i));
            if (m.lookingAt()) {
                int bodyStart = Math.min(text.length(), lineEnd(i) + 1);
                int bodyEnd = hereDocEnd(bodyStart, m.group(2));
                mark(bodyStart, bodyEnd, LITERAL);
                return m.end();
            }
        }
        return i + 1;
    }

    /** The offset of the line that closes a here-document starting at {@code from}. */
    private int hereDocEnd(int from, String word) {
        int at = from;
        while (at < text.length()) {
            int end = lineEnd(at);
            if (text.substring(at, end).strip().equals(word)) {
                return at;
            }
            at = end + 1;
        }
        return text.length();
    }

    private int preprocessor(int i) {
        int end = lineEnd(i);
        // Backslash-continued directives (multi-line macros) run on.
        while (end > i && end < text.length() && text.charAt(end - 1) == '\\') {
            end = lineEnd(end + 1);
        }
        return mark(i, end, DIRECTIVE);
    }

    private int rawString(int i) {
        int open = text.indexOf('(', i);
        int lineEnd = lineEnd(i);
        if (open < 0 || open > lineEnd || open - i > 17) {
            return quoted(i, '"', false);
        }
        String close = ")" + text.substring(i + 1, open) + "\"";
        int end = text.indexOf(close, open);
        return literal(i + 1, end < 0 ? text.length() : end + close.length() - 1) + 1;
    }

    /** A quoted literal; {@code multiLine} for Go raw strings and JS templates, else it ends at the line. */
    private int quoted(int i, char quote, boolean raw) {
        boolean multiLine = quote == '`' || flavor == Flavor.SHELL;
        int k = i + 1;
        while (k < text.length()) {
            char c = text.charAt(k);
            if (c == '\\' && !raw) {
                k += 2;
                continue;
            }
            if (c == quote || c == '\n' && !multiLine) {
                break;
            }
            k++;
        }
        k = Math.min(k, text.length());
        literal(i + 1, k);
        return k < text.length() && text.charAt(k) == quote ? k + 1 : k;
    }

    private int regex(int i) {
        int k = i + 1;
        boolean inClass = false;
        while (k < text.length() && text.charAt(k) != '\n') {
            char c = text.charAt(k);
            if (c == '\\') {
                k += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                break;
            }
            k++;
        }
        k = Math.min(k, text.length());
        literal(i + 1, k);
        return k + 1;
    }

    /** A slash starts a regular expression where a value is expected, not after one. */
    private boolean regexMayStart(int i) {
        int k = i - 1;
        while (k >= 0 && Character.isWhitespace(text.charAt(k))) {
            k--;
        }
        if (k < 0 || REGEX_BEFORE.indexOf(out[k]) >= 0) {
            return true;
        }
        int wordEnd = k + 1;
        while (k >= 0 && Character.isLetter(text.charAt(k))) {
            k--;
        }
        String word = text.substring(k + 1, wordEnd);
        return word.matches("return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await");
    }

    /** Blanks {@code [from, to)} as literal contents; answers {@code to}. */
    private int literal(int from, int to) {
        return mark(from, to, LITERAL);
    }

    private int mark(int from, int to, byte as) {
        int end = Math.min(to, text.length());
        for (int k = Math.max(0, from); k < end; k++) {
            kind[k] = as;
            if (out[k] != '\n') {
                out[k] = ' ';
            }
        }
        return end;
    }

    private int lineEnd(int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end;
    }
}

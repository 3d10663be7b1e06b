package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON reader that keeps where each value is written, which a general JSON library would
 * not tell: notebook cells and config keys are cited by the lines of the file they sit on. Strict
 * enough for well-formed files; anything else raises {@link Malformed}, which callers catch.
 */
final class JsonTree {

    /** A JSON value with the offsets {@code [start, end)} it spans in the text. */
    sealed interface Value permits Obj, Arr, Str, Other {
        int start();

        int end();
    }

    record Member(String key, int keyStart, Value value) {
    }

    record Obj(List<Member> members, int start, int end) implements Value {
        Value get(String key) {
            for (Member m : members) {
                if (m.key().equals(key)) {
                    return m.value();
                }
            }
            return null;
        }
    }

    record Arr(List<Value> items, int start, int end) implements Value {
    }

    record Str(String value, int start, int end) implements Value {
    }

    /** A number, true, false or null: only its place matters here. */
    record Other(int start, int end) implements Value {
    }

    static final class Malformed extends RuntimeException {
        Malformed(String message, int at) {
            super(message + " at offset " + at, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;

    private JsonTree(String text) {
        this.text = text;
    }

    /** Parses a whole document; throws {@link Malformed} if it is not one JSON value. */
    static Value parse(String text) {
        JsonTree reader = new JsonTree(text);
        Value value = reader.value(0);
        reader.skipSpace();
        if (reader.pos != text.length()) {
            throw new Malformed("trailing text", reader.pos);
        }
        return value;
    }

    private Value value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Malformed("nested too deep", pos);
        }
        skipSpace();
        if (pos >= text.length()) {
            throw new Malformed("unexpected end", pos);
        }
        char c = text.charAt(pos);
        int start = pos;
        if (c == '{') {
            pos++;
            List<Member> members = new ArrayList<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return new Obj(members, start, pos);
            }
            while (true) {
                skipSpace();
                int keyStart = pos;
                if (peek() != '"') {
                    throw new Malformed("expected a key", pos);
                }
                Str key = string();
                skipSpace();
                expect(':');
                members.add(new Member(key.value(), keyStart, value(depth + 1)));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return new Obj(members, start, pos);
                }
            }
        } else if (c == '[') {
            pos++;
            List<Value> items = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return new Arr(items, start, pos);
            }
            while (true) {
                items.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return new Arr(items, start, pos);
                }
            }
        } else if (c == '"') {
            return string();
        }
        while (pos < text.length() && "-+.eE0123456789truefalsn".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos == start) {
            throw new Malformed("unexpected character", pos);
        }
        return new Other(start, pos);
    }

    private Str string() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return new Str(sb.toString(), start, pos);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw new Malformed("short unicode escape", pos);
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new Malformed("bad unicode escape", pos);
                    }
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
        throw new Malformed("unterminated string", start);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new Malformed("expected '" + c + "'", pos);
        }
        pos++;
    }
}

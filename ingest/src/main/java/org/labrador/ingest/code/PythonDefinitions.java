package org.labrador.ingest.code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the outline of a Python file from its indentation. A first pass follows strings
 * (including triple-quoted ones), comments, brackets and backslash continuations, so that only
 * lines that begin a logical line count: a docstring or string mentioning {@code def fake():}, or
 * the continuation lines of a multi-line signature, never open or close a block. A second pass
 * opens a definition at each {@code def}, {@code async def} or {@code class} (taking its
 * decorators and the comment lines directly above it) and closes it at the next code line indented
 * no deeper than it.
 */
final class PythonDefinitions {

    private static final Pattern DEFINITION =
            Pattern.compile("(?:async\\s+)?(def|class)\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ASSIGNMENT =
            Pattern.compile("([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*(?::[^=]{0,200})?=(?!=)");
    /** Lines that can only begin a statement: an unclosed bracket before them is a typo. */
    private static final Pattern FRESH_START = Pattern.compile("(?:async\\s+def|def|class|import|from)\\s.*|@.*");

    private PythonDefinitions() {
    }

    static Outline read(CodeLines lines) {
        boolean[] logical = logicalStarts(lines);
        int n = lines.count();
        int[] depth = new int[n];
        List<Symbol> symbols = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        List<Open> top = new ArrayList<>();
        int decoratorStart = -1;
        int decoratorIndent = -1;
        for (int i = 0; i < n; i++) {
            String line = lines.line(i);
            boolean blank = line.isBlank();
            if (!logical[i]) {
                depth[i] = Outline.INSIDE;
                if (!blank) {
                    for (Open o : open) {
                        o.end = i; // continuation lines belong to whatever is open
                    }
                }
                continue;
            }
            if (blank) {
                depth[i] = Outline.BLANK;
                continue;
            }
            int indent = lines.indent(i);
            depth[i] = indent;
            String code = line.strip();
            if (code.startsWith("#")) {
                // A comment does not close a block; it belongs to the blocks it is indented into.
                for (Open o : open) {
                    if (o.indent < indent) {
                        o.end = i;
                    }
                }
                continue;
            }
            while (!open.isEmpty() && open.peek().indent >= indent) {
                open.pop();
            }
            for (Open o : open) {
                o.end = i;
            }
            if (code.startsWith("@")) {
                if (decoratorStart < 0 || decoratorIndent != indent) {
                    decoratorStart = i;
                    decoratorIndent = indent;
                }
                continue;
            }
            Matcher m = DEFINITION.matcher(code);
            if (m.lookingAt()) {
                int start = decoratorStart >= 0 && decoratorIndent == indent ? decoratorStart : i;
                start = leadingComments(lines, logical, start, indent);
                Open o = new Open(m.group(2), m.group(1).equals("class"), indent, start, i, nextLogical(logical, i));
                if (open.isEmpty()) {
                    top.add(o);
                } else {
                    open.peek().children.add(o);
                }
                open.push(o);
            } else if (indent == 0) {
                Matcher a = ASSIGNMENT.matcher(code);
                if (a.lookingAt()) {
                    for (String name : a.group(1).split(",")) {
                        symbols.add(new Symbol(name.strip(), i));
                    }
                }
            }
            decoratorStart = -1;
        }
        List<Definition> definitions = new ArrayList<>();
        for (Open o : top) {
            definitions.add(o.toDefinition());
        }
        return new Outline(definitions, symbols, depth);
    }

    /** Extends a definition upwards over the comment lines directly above it, at its indentation. */
    private static int leadingComments(CodeLines lines, boolean[] logical, int start, int indent) {
        int s = start;
        while (s > 0 && logical[s - 1] && !lines.isBlank(s - 1) && lines.line(s - 1).strip().startsWith("#")
                && lines.indent(s - 1) == indent) {
            s--;
        }
        return s;
    }

    private static int nextLogical(boolean[] logical, int i) {
        int k = i + 1;
        while (k < logical.length && !logical[k]) {
            k++;
        }
        return k;
    }

    /** Whether each line begins a logical line (is not inside a string, bracket or continuation). */
    static boolean[] logicalStarts(CodeLines lines) {
        int n = lines.count();
        boolean[] logical = new boolean[n];
        int brackets = 0;
        String triple = null; // the closing quotes of an open triple-quoted string
        boolean continued = false;
        for (int li = 0; li < n; li++) {
            String line = lines.line(li);
            if (triple == null && brackets > 0 && !continued && FRESH_START.matcher(line).matches()) {
                brackets = 0;
            }
            logical[li] = triple == null && brackets == 0 && !continued;
            continued = false;
            int i = 0;
            int len = line.length();
            while (i < len) {
                if (triple != null) {
                    int close = findClose(line, i, triple);
                    if (close < 0) {
                        i = len;
                    } else {
                        i = close + 3;
                        triple = null;
                    }
                    continue;
                }
                char c = line.charAt(i);
                if (c == '#') {
                    break;
                } else if (c == '"' || c == '\'') {
                    String three = String.valueOf(c).repeat(3);
                    if (line.startsWith(three, i)) {
                        triple = three;
                        i += 3;
                    } else {
                        // A one-quote string ends at its quote or, unterminated, at the end of the line.
                        i = skipShortString(line, i + 1, c);
                    }
                    continue;
                } else if (c == '(' || c == '[' || c == '{') {
                    brackets++;
                } else if (c == ')' || c == ']' || c == '}') {
                    brackets = Math.max(0, brackets - 1);
                } else if (c == '\\' && i == len - 1) {
                    continued = true;
                }
                i++;
            }
        }
        return logical;
    }

    private static int findClose(String line, int from, String quotes) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (line.startsWith(quotes, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int skipShortString(String line, int from, char quote) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return line.length();
    }

    /** A definition being read; its end moves down as lines inside it are seen. */
    private static final class Open {
        final String name;
        final boolean type;
        final int indent;
        final int start;
        final int nameLine;
        final int bodyStart;
        final List<Open> children = new ArrayList<>();
        int end;

        Open(String name, boolean type, int indent, int start, int nameLine, int bodyStart) {
            this.name = name;
            this.type = type;
            this.indent = indent;
            this.start = start;
            this.nameLine = nameLine;
            this.bodyStart = bodyStart;
            this.end = nameLine;
        }

        Definition toDefinition() {
            List<Definition> nested = new ArrayList<>();
            for (Open child : children) {
                nested.add(child.toDefinition());
            }
            Definition.Kind kind = type ? Definition.Kind.TYPE : Definition.Kind.FUNCTION;
            return new Definition(name, kind, start, nameLine, bodyStart, end, nested);
        }
    }
}

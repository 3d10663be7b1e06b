package org.labrador.ingest.code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the outline of a brace language (C, C++, Java, Go, JavaScript, TypeScript, shell). The
 * text is first masked ({@link CodeMask}) so that braces in comments and literals do not count;
 * then each <code>{</code> is matched with its <code>}</code>, and the header written before it is
 * classified by {@link BraceSyntax}. Definitions are looked for only where they can occur: at top
 * level, in namespaces and in class bodies, never inside function bodies, so a lambda or a local
 * block is part of its function. A definition starts at its header, or above it at the doc
 * comments and annotations directly over it; a declaration without a body is no definition.
 * Unbalanced braces close at the end of the file; stray closing braces are ignored.
 */
final class BraceDefinitions {

    private static final Pattern TRAILING_NAME = Pattern.compile("\\s*([A-Za-z_]\\w*)\\s*[;,]");
    private static final Pattern BLANK_LINE = Pattern.compile("\n[ \t]*\n");

    private final CodeLines lines;
    private final BraceSyntax syntax;
    private final CodeMask mask;
    private final String code;
    private final int[] starts;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private int paren;
    private int headerStart;

    private BraceDefinitions(CodeLines lines, String language) {
        this.lines = lines;
        this.syntax = new BraceSyntax(language);
        this.mask = CodeMask.of(lines.text(), syntax.flavor());
        this.code = mask.code;
        this.starts = lines.lineStarts();
    }

    static Outline read(CodeLines lines, String language) {
        return new BraceDefinitions(lines, language).read();
    }

    private Outline read() {
        int n = lines.count();
        int[] depth = new int[n];
        List<Symbol> symbols = new ArrayList<>();
        Frame root = new Frame(null, "", 0, 0, 0, 0);
        root.root = true;
        stack.push(root);
        for (int li = 0; li < n; li++) {
            int from = starts[li];
            int to = from + lines.line(li).length();
            boolean inside = li > 0 && mask.masked(from - 1);
            depth[li] = inside || paren > 0 ? Outline.INSIDE : lines.isBlank(li) ? Outline.BLANK : stack.size() - 1;
            Frame frame = stack.peek();
            if (!inside && frame.searchable()) {
                for (String name : syntax.symbols(code.substring(from, to), lines.line(li), frame == root)) {
                    symbols.add(new Symbol(name, li));
                }
            }
            for (int pos = from; pos < to; pos++) {
                switch (code.charAt(pos)) {
                    case '(', '[' -> paren++;
                    case ')', ']' -> paren = Math.max(0, paren - 1);
                    case ';' -> headerStart = paren == 0 ? pos + 1 : headerStart;
                    case '{' -> open(pos, li);
                    case '}' -> close(pos, li);
                    default -> {
                    }
                }
            }
            if (syntax.newlineEndsStatement() && paren == 0) {
                headerStart = Math.max(headerStart, to);
            }
        }
        while (stack.size() > 1) {
            finish(stack.pop(), lastNonBlank(n - 1));
        }
        return new Outline(root.children, symbols, depth);
    }

    private void open(int pos, int line) {
        Frame parent = stack.peek();
        BraceSyntax.Header header = null;
        int start = headerStart;
        if (parent.searchable() && paren == 0) {
            start = headerStartBefore(pos, line);
            header = syntax.classify(code.substring(start, pos));
        }
        int startLine = header == null ? line : leadingComments(lineOf(start));
        stack.push(new Frame(header, header == null ? "" : header.name(), startLine, lineOf(start), line + 1, paren));
        paren = 0;
        headerStart = pos + 1;
    }

    /** Where the header of the block opened at {@code pos} begins, past blank lines and labels. */
    private int headerStartBefore(int pos, int line) {
        int start = headerStart;
        if (!syntax.newlineEndsStatement()) {
            // A blank line ends whatever came before, e.g. a ROOT ClassImp(Foo) without a semicolon.
            Matcher blank = BLANK_LINE.matcher(code).region(start, pos);
            while (blank.find()) {
                start = blank.end();
            }
        } else if (code.substring(start, pos).isBlank() && line > 0) {
            // A brace on its own line: the header is the line above.
            int above = lastNonBlank(line - 1);
            if (above >= 0 && starts[above] >= lastBoundary(pos)) {
                start = starts[above];
            }
        }
        while (start < pos && Character.isWhitespace(code.charAt(start))) {
            start++;
        }
        return start + syntax.labelLength(code.substring(start, pos));
    }

    private int lastBoundary(int pos) {
        for (int i = pos - 1; i >= 0; i--) {
            char c = code.charAt(i);
            if (c == ';' || c == '{' || c == '}') {
                return i + 1;
            }
        }
        return 0;
    }

    private void close(int pos, int line) {
        headerStart = pos + 1;
        if (stack.size() == 1) {
            return; // a stray closing brace in malformed code
        }
        Frame frame = stack.pop();
        paren = frame.savedParen;
        if (frame.kind() == Definition.Kind.TYPE && frame.name.isEmpty()) {
            // typedef struct { ... } Name;
            Matcher m = TRAILING_NAME.matcher(code).region(pos + 1, Math.min(code.length(), pos + 200));
            if (m.lookingAt()) {
                frame.name = m.group(1);
            }
        }
        finish(frame, line);
    }

    private void finish(Frame frame, int endLine) {
        Frame parent = stack.peek();
        if (frame.header == null) {
            return;
        }
        if (frame.name.isEmpty() && frame.kind() != Definition.Kind.NAMESPACE) {
            parent.children.addAll(frame.children); // anonymous: its members belong to the parent
            return;
        }
        parent.children.add(new Definition(frame.name, frame.kind(), frame.start, frame.nameLine, frame.bodyStart,
                Math.max(endLine, frame.nameLine), frame.children));
    }

    /** Extends a definition upwards over the comment and annotation lines directly above it. */
    private int leadingComments(int line) {
        int s = line;
        while (s > 0) {
            int from = starts[s - 1];
            int to = from + lines.line(s - 1).length();
            boolean annotation = lines.line(s - 1).strip().startsWith("@") && !(s > 1 && mask.masked(from - 1));
            if (!mask.commentOnly(from, to) && !annotation) {
                break;
            }
            s--;
        }
        return s;
    }

    private int lastNonBlank(int line) {
        int i = line;
        while (i > 0 && lines.isBlank(i)) {
            i--;
        }
        return i;
    }

    private int lineOf(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** An open block: a definition being read, or another block (header null). */
    private static final class Frame {
        final BraceSyntax.Header header;
        final int start;
        final int nameLine;
        final int bodyStart;
        final int savedParen;
        final List<Definition> children = new ArrayList<>();
        String name;
        boolean root;

        Frame(BraceSyntax.Header header, String name, int start, int nameLine, int bodyStart, int savedParen) {
            this.header = header;
            this.name = name;
            this.start = start;
            this.nameLine = nameLine;
            this.bodyStart = bodyStart;
            this.savedParen = savedParen;
        }

        Definition.Kind kind() {
            return header == null ? null : header.kind();
        }

        /** Definitions can be nested here: at top level, in namespaces and in class bodies. */
        boolean searchable() {
            return header == null ? root : header.kind() != Definition.Kind.FUNCTION;
        }
    }
}

package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * What every tree-sitter outline reader shares: loading a grammar, parsing with a time limit,
 * deciding when the tree is not to be trusted, reading nodes through the binding, and marking the
 * source lines (statement depth, comment lines, symbols) as the tree is walked. Each language adds
 * only its own node types.
 */
abstract class SyntaxTreeReader {

    private static final Logger log = LoggerFactory.getLogger(SyntaxTreeReader.class);

    /** Long enough for any real file (tree-sitter parses megabytes per second), short enough to bound a pathological one. */
    static final long PARSE_TIMEOUT_MICROS = 10_000_000L;

    final CodeLines lines;
    final int[] depth;
    final Set<Integer> commentRows = new HashSet<>();
    final List<Symbol> symbols = new ArrayList<>();
    private final boolean lineBreakEnds;
    private TSTreeCursor cursor;

    /**
     * @param lineBreakEnds whether a node ending at column 0 of a line ends on the line before
     *     (preprocessor lines take in their line break); when false, rows are as tree-sitter gives them
     */
    SyntaxTreeReader(CodeLines lines, boolean lineBreakEnds) {
        this.lines = lines;
        this.lineBreakEnds = lineBreakEnds;
        this.depth = new int[lines.count()];
        for (int i = 0; i < depth.length; i++) {
            depth[i] = lines.isBlank(i) ? Outline.BLANK : Outline.INSIDE;
        }
    }

    /** The outline of what has been read. */
    Outline outline(List<Definition> definitions) {
        return new Outline(definitions, symbols, depth);
    }

    /** Loads a grammar once; a platform without the native library gets one warning and the fallback reader. */
    static Optional<TSLanguage> load(Supplier<TSLanguage> grammar, String language, String fallback) {
        try {
            TSLanguage loaded = grammar.get();
            new TSParser().setLanguage(loaded);
            return Optional.of(loaded);
        } catch (LinkageError | RuntimeException e) {
            log.warn("tree-sitter {} is not available on {} {} ({}); reading {} instead", language,
                    System.getProperty("os.name"), System.getProperty("os.arch"), e.toString(), fallback);
            return Optional.empty();
        }
    }

    /** The root of the syntax tree, or empty when the parse timed out. */
    static Optional<TSNode> parse(TSLanguage grammar, String text) {
        TSParser parser = new TSParser();
        parser.setLanguage(grammar);
        parser.setTimeoutMicros(PARSE_TIMEOUT_MICROS);
        TSTree tree = parser.parseString(null, text);
        if (tree == null) {
            return Optional.empty();
        }
        TSNode root = tree.getRootNode();
        return root.isNull() ? Optional.empty() : Optional.of(root);
    }

    /** No missing tokens and no error spanning lines: what went wrong stayed inside one line. */
    static boolean harmlessErrors(TSNode node) {
        if (!node.hasError()) {
            return true;
        }
        if (node.isMissing()) {
            return false;
        }
        if (node.isError()) {
            return node.getStartPoint().getRow() == lastRow(node.getStartPoint(), node.getEndPoint()) && noMissing(node);
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            if (!harmlessErrors(node.getChild(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean noMissing(TSNode node) {
        for (int i = 0; i < node.getChildCount(); i++) {
            TSNode child = node.getChild(i);
            if (child.isMissing() || child.hasError() && !noMissing(child)) {
                return false;
            }
        }
        return true;
    }

    private static int lastRow(TSPoint start, TSPoint end) {
        return end.getColumn() == 0 && end.getRow() > start.getRow() ? end.getRow() - 1 : end.getRow();
    }

    Node node(TSNode node) {
        TSPoint start = node.getStartPoint();
        TSPoint end = node.getEndPoint();
        int endRow = lineBreakEnds ? lastRow(start, end) : end.getRow();
        return new Node(node, node.getType(), node.isNamed(), start.getRow(), start.getColumn(), endRow,
                end.getRow(), end.getColumn());
    }

    /**
     * The children of a node with what the reader asks of them, read once through a cursor: each
     * call into the binding costs microseconds, and {@code TSNode.getChild(i)} walks from the
     * first child each time, which makes a module of thousands of statements quadratic.
     */
    List<Node> children(Node node) {
        if (cursor == null) {
            cursor = new TSTreeCursor(node.tree());
        } else {
            cursor.reset(node.tree());
        }
        List<Node> children = new ArrayList<>();
        if (cursor.gotoFirstChild()) {
            do {
                children.add(node(cursor.currentNode()));
            } while (cursor.gotoNextSibling());
        }
        return children;
    }

    Optional<Node> named(Node node, String field) {
        TSNode child = node.tree().getChildByFieldName(field);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(node(child));
    }

    /** Extends a definition upwards over the comment lines directly above it. */
    int leadingComments(int start) {
        int s = start;
        while (s > 0 && commentRows.contains(s - 1)) {
            s--;
        }
        return s;
    }

    /** As {@link #leadingComments(int)}, over comments indented as the definition only. */
    int leadingComments(int start, int indent) {
        int s = start;
        while (s > 0 && commentRows.contains(s - 1) && lines.indent(s - 1) == indent) {
            s--;
        }
        return s;
    }

    /** A statement that begins its line may be cut before, at {@code level}; one after a {@code ;} may not. */
    void startsStatement(Node node, int level) {
        if (beginsLine(node)) {
            depth[node.startRow()] = level;
        }
    }

    /** Lines of {@code node} after {@code statementRow} continue the statement: strings, brackets, continuations. */
    void inside(Node node, int statementRow) {
        for (int r = Math.max(node.startRow(), statementRow + 1); r <= node.endRow() && r < depth.length; r++) {
            depth[r] = Outline.INSIDE;
        }
    }

    boolean beginsLine(Node node) {
        String line = lines.line(node.startRow());
        int column = charIndex(line, node.startColumn());
        return line.substring(0, Math.min(column, line.length())).isBlank();
    }

    /** Whether nothing but blanks follows the node on its last line. */
    boolean endsLine(Node node) {
        String last = lines.line(node.endRow());
        int end = Math.min(charIndex(last, node.endColumn()), last.length());
        return node.rawEndRow() > node.endRow() || last.substring(end).isBlank();
    }

    /** The text of a node on its first line (names only). */
    String text(Node node) {
        String line = lines.line(node.startRow());
        int from = Math.min(charIndex(line, node.startColumn()), line.length());
        int to = node.rawEndRow() == node.startRow() ? charIndex(line, node.endColumn()) : line.length();
        return line.substring(from, Math.max(from, Math.min(to, line.length())));
    }

    /**
     * The char index of a tree-sitter column. The binding hands the text over as the JVM's
     * modified UTF-8, so columns count 1 to 3 bytes per UTF-16 char (a surrogate counts 3).
     */
    static int charIndex(String line, int byteColumn) {
        int bytes = 0;
        int i = 0;
        while (i < line.length() && bytes < byteColumn) {
            char c = line.charAt(i++);
            bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return i;
    }

    /**
     * A syntax node read from the binding once. {@code endRow} is the last row holding its text
     * (see the constructor); {@code rawEndRow} is where tree-sitter says it ends.
     */
    record Node(TSNode tree, String type, boolean named, int startRow, int startColumn, int endRow,
                int rawEndRow, int endColumn) {
    }
}

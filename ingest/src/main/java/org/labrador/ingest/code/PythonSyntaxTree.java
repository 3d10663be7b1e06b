package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterPython;

/**
 * Reads the outline of a Python file from the tree-sitter syntax tree, so that definitions,
 * statements, strings and comments are what the Python grammar says they are rather than what
 * indentation suggests: a {@code def} inside any string never opens a definition, a one-line
 * {@code def f(): ...} ends on its own line, and continuation lines of brackets, strings and
 * backslashes are never cut before.
 *
 * <p>The outline follows the same conventions as {@link PythonDefinitions}, which remains the
 * reader for files tree-sitter cannot parse cleanly (syntax errors, parse timeout) and for
 * platforms without the native library: a definition starts at its decorators or at the comment
 * lines directly above it, ends at its last line or at the deeper-indented comments after it;
 * definitions nested in {@code if}, {@code try} or loop blocks belong to the nearest enclosing
 * definition, or to the module; statement depth is the line's indentation.
 */
final class PythonSyntaxTree {

    private static final Logger log = LoggerFactory.getLogger(PythonSyntaxTree.class);

    /** Long enough for any real file (tree-sitter parses megabytes per second), short enough to bound a pathological one. */
    private static final long PARSE_TIMEOUT_MICROS = 10_000_000L;

    private final CodeLines lines;
    private final int[] depth;
    private final Set<Integer> commentRows = new HashSet<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private TSTreeCursor cursor;

    private PythonSyntaxTree(CodeLines lines) {
        this.lines = lines;
        this.depth = new int[lines.count()];
        for (int i = 0; i < depth.length; i++) {
            depth[i] = lines.isBlank(i) ? Outline.BLANK : Outline.INSIDE;
        }
    }

    /** Whether tree-sitter's native library loaded on this platform; when not, one warning has been logged. */
    static boolean available() {
        return Grammar.PYTHON.isPresent();
    }

    /**
     * The outline from the syntax tree, or empty when tree-sitter is unavailable, the parse timed
     * out, or the file has syntax errors (error recovery can swallow whole definitions, which the
     * indentation reader does not).
     */
    static Optional<Outline> read(CodeLines lines) {
        if (Grammar.PYTHON.isEmpty()) {
            return Optional.empty();
        }
        TSParser parser = new TSParser();
        parser.setLanguage(Grammar.PYTHON.get());
        parser.setTimeoutMicros(PARSE_TIMEOUT_MICROS);
        TSTree tree = parser.parseString(null, lines.text());
        if (tree == null) {
            return Optional.empty();
        }
        TSNode module = tree.getRootNode();
        if (module.isNull() || module.hasError()) {
            return Optional.empty();
        }
        PythonSyntaxTree reader = new PythonSyntaxTree(lines);
        List<Open> top = reader.body(Node.of(module), true);
        List<Definition> definitions = new ArrayList<>();
        for (Open o : top) {
            definitions.add(reader.close(o));
        }
        return Optional.of(new Outline(definitions, reader.symbols, reader.depth));
    }

    /** The statements of a module or block: marks their lines and returns the definitions among them. */
    private List<Open> body(Node block, boolean moduleLevel) {
        List<Open> found = new ArrayList<>();
        for (Node child : children(block)) {
            if (child.named()) {
                if (child.type().equals("comment")) {
                    comment(child);
                } else {
                    statement(child, moduleLevel, found);
                }
            }
        }
        return found;
    }

    private void statement(Node node, boolean moduleLevel, List<Open> found) {
        startsStatement(node);
        switch (node.type()) {
            case "function_definition", "class_definition" -> found.add(definition(node, node));
            case "decorated_definition" -> {
                for (Node child : children(node)) {
                    switch (child.type()) {
                        case "decorator" -> {
                            startsStatement(child);
                            inside(child, child.startRow());
                        }
                        case "comment" -> comment(child);
                        case "function_definition", "class_definition" -> found.add(definition(child, node));
                        default -> inside(child, node.startRow());
                    }
                }
            }
            case "expression_statement" -> {
                if (moduleLevel) {
                    assignedNames(node);
                }
                inside(node, node.startRow());
            }
            default -> {
                if (node.startRow() == node.endRow() && !moduleLevel) {
                    return; // one line, nothing to mark or name inside
                }
                compound(node, moduleLevel && holdsConstants(node), found);
            }
        }
    }

    /** Any other statement: its header lines are inside it, its blocks and clauses are statements. */
    private void compound(Node node, boolean moduleLevel, List<Open> found) {
        for (Node child : children(node)) {
            String type = child.type();
            if (type.equals("block")) {
                found.addAll(body(child, moduleLevel));
            } else if (type.endsWith("_clause")) {
                statement(child, moduleLevel, found);
            } else if (type.equals("comment")) {
                comment(child);
            } else {
                inside(child, node.startRow());
            }
        }
    }

    /** A function or class; {@code outer} is the decorated definition around it, or the node itself. */
    private Open definition(Node node, Node outer) {
        int row = node.startRow();
        int indent = lines.indent(outer.startRow());
        int start = leadingComments(outer.startRow(), indent);
        String name = "";
        int nameLine = row;
        int bodyStart = row + 1;
        List<Open> children = List.of();
        for (Node child : children(node)) {
            String type = child.type();
            if (type.equals(":")) {
                bodyStart = child.endRow() + 1;
            } else if (type.equals("block")) {
                children = body(child, false);
            } else if (type.equals("comment")) {
                comment(child);
            } else {
                if (type.equals("identifier") && name.isEmpty()) {
                    name = text(child);
                    nameLine = child.startRow();
                }
                inside(child, row);
            }
        }
        return new Open(name, node.type().equals("class_definition"), indent, start, nameLine, bodyStart,
                node.endRow(), children);
    }

    /**
     * The children of a node with what the reader asks of them, read once through a cursor: each
     * call into the binding costs microseconds, and {@code TSNode.getChild(i)} walks from the
     * first child each time, which makes a module of thousands of statements quadratic.
     */
    private List<Node> children(Node node) {
        if (cursor == null) {
            cursor = new TSTreeCursor(node.tree());
        } else {
            cursor.reset(node.tree());
        }
        List<Node> children = new ArrayList<>();
        if (cursor.gotoFirstChild()) {
            do {
                children.add(Node.of(cursor.currentNode()));
            } while (cursor.gotoNextSibling());
        }
        return children;
    }

    /** Closes a definition, taking in the comments after it indented deeper than its first line. */
    private Definition close(Open o) {
        List<Definition> nested = new ArrayList<>();
        for (Open child : o.children) {
            nested.add(close(child));
        }
        int end = o.end;
        for (int k = o.end + 1; k < lines.count(); k++) {
            if (lines.isBlank(k)) {
                continue;
            }
            if (!commentRows.contains(k) || lines.indent(k) <= o.indent) {
                break;
            }
            end = k;
        }
        Definition.Kind kind = o.type ? Definition.Kind.TYPE : Definition.Kind.FUNCTION;
        return new Definition(o.name, kind, o.start, o.nameLine, o.bodyStart, end, nested);
    }

    private int leadingComments(int start, int indent) {
        int s = start;
        while (s > 0 && commentRows.contains(s - 1) && lines.indent(s - 1) == indent) {
            s--;
        }
        return s;
    }

    /** A statement that begins its line may be cut before; one after a {@code ;} or {@code :} may not. */
    private void startsStatement(Node node) {
        if (beginsLine(node)) {
            depth[node.startRow()] = lines.indent(node.startRow());
        }
    }

    private void comment(Node node) {
        if (beginsLine(node)) {
            depth[node.startRow()] = lines.indent(node.startRow());
            commentRows.add(node.startRow());
        }
    }

    /** Lines of {@code node} after {@code statementRow} continue the statement: strings, brackets, continuations. */
    private void inside(Node node, int statementRow) {
        for (int r = Math.max(node.startRow(), statementRow + 1); r <= node.endRow() && r < depth.length; r++) {
            depth[r] = Outline.INSIDE;
        }
    }

    private boolean beginsLine(Node node) {
        String line = lines.line(node.startRow());
        int column = charIndex(line, node.startColumn());
        return line.substring(0, Math.min(column, line.length())).isBlank();
    }

    /** Module-level names bound by {@code NAME = ...}, {@code A, B = ...}, {@code NAME: T = ...}, {@code A = B = ...}. */
    private void assignedNames(Node statement) {
        TSNode node = statement.tree().getNamedChildCount() == 1 ? statement.tree().getNamedChild(0) : null;
        while (node != null && node.getType().equals("assignment") && !node.getChildByFieldName("right").isNull()) {
            Node left = Node.of(node.getChildByFieldName("left"));
            if (left.type().equals("identifier")) {
                symbols.add(new Symbol(text(left), left.startRow()));
            } else if (left.type().equals("pattern_list") || left.type().equals("tuple_pattern")) {
                for (Node part : children(left)) {
                    if (part.type().equals("identifier")) {
                        symbols.add(new Symbol(text(part), part.startRow()));
                    }
                }
            }
            node = node.getChildByFieldName("right");
        }
    }

    /**
     * Whether names assigned in a module-level block are module constants: yes in {@code try}
     * (the import-fallback idiom), {@code if} and {@code with}; not in loops, and not under
     * {@code if __name__ == "__main__":}, which runs a script.
     */
    private boolean holdsConstants(Node node) {
        return switch (node.type()) {
            case "try_statement", "with_statement", "elif_clause", "else_clause", "except_clause",
                 "except_group_clause", "finally_clause" -> true;
            case "if_statement" -> {
                String line = lines.line(node.startRow());
                yield !line.contains("__name__");
            }
            default -> false;
        };
    }

    /** The text of a node on one line (names only). */
    private String text(Node node) {
        String line = lines.line(node.startRow());
        int from = Math.min(charIndex(line, node.startColumn()), line.length());
        int to = node.endRow() == node.startRow() ? charIndex(line, node.endColumn()) : line.length();
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

    /** A syntax node with its type and position, read from the binding once. */
    private record Node(TSNode tree, String type, boolean named, int startRow, int startColumn, int endRow,
                        int endColumn) {

        static Node of(TSNode node) {
            TSPoint start = node.getStartPoint();
            TSPoint end = node.getEndPoint();
            return new Node(node, node.getType(), node.isNamed(), start.getRow(), start.getColumn(), end.getRow(),
                    end.getColumn());
        }
    }

    /** A definition read from the tree; its end may still grow over trailing comments. */
    private record Open(String name, boolean type, int indent, int start, int nameLine, int bodyStart, int end,
                        List<Open> children) {
    }

    /** The grammar, loaded once; a platform without the native library gets one warning and the indentation reader. */
    private static final class Grammar {

        static final Optional<TSLanguage> PYTHON = load();

        private static Optional<TSLanguage> load() {
            try {
                TSLanguage language = new TreeSitterPython();
                TSParser probe = new TSParser();
                probe.setLanguage(language);
                return Optional.of(language);
            } catch (LinkageError | RuntimeException e) {
                log.warn("tree-sitter is not available on {} {} ({}); reading Python by indentation instead",
                        System.getProperty("os.name"), System.getProperty("os.arch"), e.toString());
                return Optional.empty();
            }
        }
    }
}

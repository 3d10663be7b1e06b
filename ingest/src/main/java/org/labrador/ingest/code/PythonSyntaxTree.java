package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
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
final class PythonSyntaxTree extends SyntaxTreeReader {

    private static final Optional<TSLanguage> GRAMMAR =
            load(TreeSitterPython::new, "Python", "Python by indentation");

    private PythonSyntaxTree(CodeLines lines) {
        super(lines, false);
    }

    /** Whether tree-sitter's native library loaded on this platform; when not, one warning has been logged. */
    static boolean available() {
        return GRAMMAR.isPresent();
    }

    /**
     * The outline from the syntax tree, or empty when tree-sitter is unavailable, the parse timed
     * out, or the file has syntax errors (error recovery can swallow whole definitions, which the
     * indentation reader does not).
     */
    static Optional<Outline> read(CodeLines lines) {
        if (GRAMMAR.isEmpty()) {
            return Optional.empty();
        }
        Optional<TSNode> module = parse(GRAMMAR.get(), lines.text());
        if (module.isEmpty() || module.get().hasError()) {
            return Optional.empty();
        }
        PythonSyntaxTree reader = new PythonSyntaxTree(lines);
        List<Open> top = reader.body(reader.node(module.get()), true);
        List<Definition> definitions = new ArrayList<>();
        for (Open o : top) {
            definitions.add(reader.close(o));
        }
        return Optional.of(reader.outline(definitions));
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

    /** A statement that begins its line may be cut before; one after a {@code ;} or {@code :} may not. */
    private void startsStatement(Node node) {
        startsStatement(node, lines.indent(node.startRow()));
    }

    private void comment(Node node) {
        if (beginsLine(node)) {
            depth[node.startRow()] = lines.indent(node.startRow());
            commentRows.add(node.startRow());
        }
    }

    /** Module-level names bound by {@code NAME = ...}, {@code A, B = ...}, {@code NAME: T = ...}, {@code A = B = ...}. */
    private void assignedNames(Node statement) {
        TSNode node = statement.tree().getNamedChildCount() == 1 ? statement.tree().getNamedChild(0) : null;
        while (node != null && node.getType().equals("assignment") && !node.getChildByFieldName("right").isNull()) {
            Node left = node(node.getChildByFieldName("left"));
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

    /** A definition read from the tree; its end may still grow over trailing comments. */
    private record Open(String name, boolean type, int indent, int start, int nameLine, int bodyStart, int end,
                        List<Open> children) {
    }
}

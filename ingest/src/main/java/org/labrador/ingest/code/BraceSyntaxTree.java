package org.labrador.ingest.code;

import java.util.List;
import java.util.Optional;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;

/**
 * What the tree-sitter readers of Go, Java and JavaScript/TypeScript share, following the
 * conventions of {@link BraceDefinitions}: statement depth is the number of enclosing braces, a
 * definition starts at the comment lines directly above it (annotations and modifiers are part of
 * the declaration), a declaration without a body is no definition, and function bodies are read
 * only for their statements, never for definitions. Files over {@link #MAX_CHARS} and trees with
 * syntax errors go to the brace reader.
 */
abstract class BraceSyntaxTree extends SyntaxTreeReader {

    /** Larger files are generated code more often than not; the brace reader reads them faster. */
    static final int MAX_CHARS = 1_000_000;

    /**
     * The syntax tree of a file this family of readers takes: empty when the grammar did not load,
     * the file is too large, or it does not parse cleanly (the brace reader reads it then).
     */
    static Optional<TSNode> cleanTree(Optional<TSLanguage> grammar,
                                                               CodeLines lines) {
        if (grammar.isEmpty() || lines.text().length() > MAX_CHARS) {
            return Optional.empty();
        }
        return parse(grammar.get(), lines.text()).filter(root -> !root.hasError());
    }

    private final int wholeTokens;

    /**
     * @param wholeTokens the size up to which a function is one passage, whose body is then not read
     *     (see {@link CppSyntaxTree#read}); {@code 0} reads every body
     */
    BraceSyntaxTree(CodeLines lines, int wholeTokens) {
        super(lines, true);
        this.wholeTokens = wholeTokens;
    }

    /** Whether a node of this type is a brace-delimited block of statements. */
    abstract boolean isBlock(String type);

    /** Whether a node of this type is a statement or clause, which may begin a line to cut before. */
    boolean isStatement(String type) {
        return type.endsWith("_statement") || type.endsWith("_declaration") || type.endsWith("_clause")
                || type.endsWith("_case") || type.equals("switch_default");
    }

    static boolean isComment(String type) {
        return type.equals("comment") || type.equals("line_comment") || type.equals("block_comment");
    }

    /** A function with a body: marks its lines and reads its statements at {@code level + 1}. */
    Definition function(String name, Node nameNode, Node outer, Node body, int level) {
        inside(outer, outer.startRow());
        int start = leadingComments(outer.startRow());
        if (lines.tokens(start, outer.endRow()) > wholeTokens) {
            body(body, level + 1);
        }
        return new Definition(name, Definition.Kind.FUNCTION, start, nameNode.startRow(), body.startRow() + 1,
                outer.endRow(), List.of());
    }

    /** A type or namespace whose members have been read into {@code members}. */
    Definition container(String name, Definition.Kind kind, Node nameNode, Node outer, Node body,
                         List<Definition> members) {
        return new Definition(name, kind, leadingComments(outer.startRow()), nameNode.startRow(),
                body.startRow() + 1, Math.max(outer.endRow(), nameNode.startRow()), members);
    }

    /**
     * The children of a block or body, with the blank lines between them blank again: the whole
     * declaration around the block has been marked inside, and a blank line between members or
     * statements is the preferred place to cut.
     */
    List<Node> blockChildren(Node block) {
        List<Node> children = children(block);
        for (int i = 1; i < children.size(); i++) {
            for (int r = children.get(i - 1).endRow() + 1; r < children.get(i).startRow(); r++) {
                if (lines.isBlank(r)) {
                    depth[r] = Outline.BLANK;
                }
            }
        }
        return children;
    }

    /** The members of a body that holds no definitions (struct fields, interface methods, enum values). */
    void members(Node body, int level) {
        for (Node child : blockChildren(body)) {
            if (child.type().equals("{")) {
                continue;
            }
            startsStatement(child, level);
            if (isComment(child.type())) {
                comment(child);
            }
        }
    }

    /** The statements of a block, whose depth is {@code level}. */
    void body(Node block, int level) {
        for (Node child : blockChildren(block)) {
            if (child.type().equals("{")) {
                continue;
            }
            startsStatement(child, level);
            if (isComment(child.type())) {
                comment(child);
            } else if (child.named()) {
                statement(child, level);
            }
        }
    }

    private void statement(Node node, int level) {
        if (node.startRow() == node.endRow()) {
            return;
        }
        int inner = level; // past a '{' written in the statement itself (a Go switch), its clauses are one deeper
        for (Node child : blockChildren(node)) {
            String type = child.type();
            if (type.equals("{")) {
                inner = level + 1;
            } else if (type.equals("}")) {
                startsStatement(child, inner);
                inner = level;
            } else if (isBlock(type)) {
                startsStatement(child, inner);
                body(child, inner + 1);
            } else if (isComment(type)) {
                startsStatement(child, inner);
                comment(child);
            } else if (isStatement(type)) {
                startsStatement(child, inner);
                statement(child, inner);
            } else {
                inside(child, node.startRow());
            }
        }
    }

    /** A comment alone on its lines may lead a definition. */
    void comment(Node node) {
        if (beginsLine(node) && endsLine(node)) {
            leads(node);
        }
        inside(node, node.startRow());
    }

    /** The lines of {@code node} belong to the definition below them, as comments do. */
    void leads(Node node) {
        for (int r = node.startRow(); r <= node.endRow(); r++) {
            commentRows.add(r);
        }
    }
}

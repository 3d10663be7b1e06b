package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterJava;

/**
 * Reads the outline of a Java file from the tree-sitter syntax tree: classes, interfaces, enums,
 * records and annotation types (nested ones as children) are types; methods and constructors are
 * functions, starting at their Javadoc and annotations; fields, interface constants and enum
 * constants are symbols. Anonymous classes and lambdas stay part of their method. Braces in
 * strings, text blocks and generics never open a block. Conventions and fallback as in
 * {@link BraceSyntaxTree}.
 */
final class JavaSyntaxTree extends BraceSyntaxTree {

    private static final Optional<TSLanguage> GRAMMAR = load(TreeSitterJava::new, "Java", "Java by braces");
    private static final Set<String> TYPES = Set.of("class_declaration", "interface_declaration", "enum_declaration",
            "record_declaration", "annotation_type_declaration");
    private static final Set<String> FUNCTIONS = Set.of("method_declaration", "constructor_declaration",
            "compact_constructor_declaration");

    private JavaSyntaxTree(CodeLines lines, int wholeTokens) {
        super(lines, wholeTokens);
    }

    /** Whether tree-sitter's Java grammar loaded on this platform; when not, one warning has been logged. */
    static boolean available() {
        return GRAMMAR.isPresent();
    }

    /** The outline from the syntax tree, or empty when the brace reader should read the file instead. */
    static Optional<Outline> read(CodeLines lines, int wholeTokens) {
        Optional<TSNode> root = cleanTree(GRAMMAR, lines);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        JavaSyntaxTree reader = new JavaSyntaxTree(lines, wholeTokens);
        List<Definition> definitions = new ArrayList<>();
        reader.scope(reader.node(root.get()), 0, definitions);
        return Optional.of(reader.outline(definitions));
    }

    @Override
    boolean isBlock(String type) {
        return type.equals("block") || type.equals("constructor_body") || type.equals("switch_block");
    }

    @Override
    boolean isStatement(String type) {
        return super.isStatement(type) || type.equals("switch_block_statement_group") || type.equals("switch_rule");
    }

    /** The declarations of a file or type body at {@code level}. */
    private void scope(Node container, int level, List<Definition> found) {
        for (Node child : blockChildren(container)) {
            String type = child.type();
            if (type.equals("{")) {
                continue;
            }
            startsStatement(child, level);
            if (isComment(type)) {
                comment(child);
            } else if (TYPES.contains(type)) {
                type(child, level, found);
            } else if (FUNCTIONS.contains(type)) {
                Optional<Node> name = named(child, "name");
                Optional<Node> body = named(child, "body");
                if (name.isPresent() && body.isPresent()) {
                    found.add(function(text(name.get()), name.get(), child, body.get(), level));
                } else {
                    inside(child, child.startRow()); // abstract, interface or native
                }
            } else if (type.equals("enum_body_declarations")) {
                scope(child, level, found);
            } else {
                inside(child, child.startRow());
                names(child);
            }
        }
    }

    private void type(Node node, int level, List<Definition> found) {
        Optional<Node> name = named(node, "name");
        Optional<Node> body = named(node, "body");
        inside(node, node.startRow());
        if (name.isEmpty() || body.isEmpty()) {
            return;
        }
        List<Definition> members = new ArrayList<>();
        scope(body.get(), level + 1, members);
        found.add(container(text(name.get()), Definition.Kind.TYPE, name.get(), node, body.get(), members));
    }

    /** Fields, interface constants and enum constants. */
    private void names(Node node) {
        switch (node.type()) {
            case "field_declaration", "constant_declaration" -> {
                for (Node child : children(node)) {
                    if (child.type().equals("variable_declarator")) {
                        named(child, "name").ifPresent(n -> symbols.add(new Symbol(text(n), n.startRow())));
                    }
                }
            }
            case "enum_constant" -> named(node, "name").ifPresent(n -> symbols.add(new Symbol(text(n), n.startRow())));
            default -> {
            }
        }
    }
}

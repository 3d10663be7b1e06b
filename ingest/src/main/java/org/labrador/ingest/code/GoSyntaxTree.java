package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterGo;

/**
 * Reads the outline of a Go file from the tree-sitter syntax tree: functions, methods named
 * {@code Type.Method} after their receiver, struct and interface types (also inside a
 * {@code type ( ... )} group), and functions assigned to package-level variables are
 * definitions; constants, variables and other named types are symbols. Braces in strings, raw
 * strings and runes never open a block. Conventions and fallback as in {@link BraceSyntaxTree}.
 */
final class GoSyntaxTree extends BraceSyntaxTree {

    private static final Optional<TSLanguage> GRAMMAR = load(TreeSitterGo::new, "Go", "Go by braces");

    private GoSyntaxTree(CodeLines lines, int wholeTokens) {
        super(lines, wholeTokens);
    }

    /** Whether tree-sitter's Go grammar loaded on this platform; when not, one warning has been logged. */
    static boolean available() {
        return GRAMMAR.isPresent();
    }

    /** The outline from the syntax tree, or empty when the brace reader should read the file instead. */
    static Optional<Outline> read(CodeLines lines, int wholeTokens) {
        Optional<TSNode> root = cleanTree(GRAMMAR, lines);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        GoSyntaxTree reader = new GoSyntaxTree(lines, wholeTokens);
        List<Definition> definitions = new ArrayList<>();
        for (Node child : reader.children(reader.node(root.get()))) {
            reader.item(child, definitions);
        }
        return Optional.of(reader.outline(definitions));
    }

    @Override
    boolean isBlock(String type) {
        return type.equals("block");
    }

    private void item(Node node, List<Definition> found) {
        startsStatement(node, 0);
        switch (node.type()) {
            case "comment" -> comment(node);
            case "function_declaration" -> {
                Optional<Node> name = named(node, "name");
                Optional<Node> body = named(node, "body");
                if (name.isPresent() && body.isPresent()) {
                    found.add(function(text(name.get()), name.get(), node, body.get(), 0));
                } else {
                    inside(node, node.startRow()); // implemented in assembly
                }
            }
            case "method_declaration" -> {
                Optional<Node> name = named(node, "name");
                Optional<Node> body = named(node, "body");
                if (name.isPresent() && body.isPresent()) {
                    String receiver = named(node, "receiver").flatMap(this::receiverType).map(t -> t + ".").orElse("");
                    found.add(function(receiver + text(name.get()), name.get(), node, body.get(), 0));
                } else {
                    inside(node, node.startRow());
                }
            }
            case "type_declaration" -> types(node, found);
            case "const_declaration", "var_declaration" -> {
                inside(node, node.startRow());
                specs(node, node, found);
            }
            default -> inside(node, node.startRow());
        }
    }

    /** {@code type Name struct { ... }}, or a group of them; other types are symbols. */
    private void types(Node declaration, List<Definition> found) {
        inside(declaration, declaration.startRow());
        List<Node> parts = blockChildren(declaration);
        boolean grouped = parts.stream().anyMatch(c -> c.type().equals("("));
        for (Node spec : parts) {
            if (grouped) {
                startsStatement(spec, 0);
            }
            if (spec.type().equals("comment")) {
                comment(spec);
            }
            if (!spec.type().equals("type_spec") && !spec.type().equals("type_alias")) {
                continue;
            }
            Optional<Node> name = named(spec, "name");
            if (name.isEmpty()) {
                continue;
            }
            Optional<Node> type = named(spec, "type");
            Optional<Node> body = spec.type().equals("type_spec") ? type.flatMap(this::braces) : Optional.empty();
            if (body.isEmpty()) {
                symbols.add(new Symbol(text(name.get()), name.get().startRow()));
                continue;
            }
            members(body.get(), 1);
            found.add(container(text(name.get()), Definition.Kind.TYPE, name.get(), grouped ? spec : declaration,
                    body.get(), List.of()));
        }
    }

    /** The braced part of a struct or interface type: the field list, or the interface itself. */
    private Optional<Node> braces(Node type) {
        return switch (type.type()) {
            case "struct_type" -> children(type).stream().filter(c -> c.type().equals("field_declaration_list")).findFirst();
            case "interface_type" -> Optional.of(type);
            default -> Optional.empty();
        };
    }

    /** The names of {@code const} and {@code var} specs; a function assigned to one name is a definition. */
    private void specs(Node node, Node declaration, List<Definition> found) {
        for (Node child : children(node)) {
            switch (child.type()) {
                case "var_spec_list" -> specs(child, declaration, found);
                case "const_spec", "var_spec" -> {
                    List<Node> names = children(child).stream().filter(c -> c.type().equals("identifier")).toList();
                    Optional<Node> body = names.size() == 1 ? named(child, "value").flatMap(this::functionBody)
                            : Optional.empty();
                    if (body.isPresent() && declaration.startRow() == child.startRow()) {
                        found.add(function(text(names.getFirst()), names.getFirst(), declaration, body.get(), 0));
                    } else {
                        names.forEach(n -> symbols.add(new Symbol(text(n), n.startRow())));
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The body of {@code func(...) { ... }} when it is the whole value. */
    private Optional<Node> functionBody(Node values) {
        List<Node> named = children(values).stream().filter(Node::named).toList();
        return named.size() == 1 && named.getFirst().type().equals("func_literal")
                ? named(named.getFirst(), "body") : Optional.empty();
    }

    /** {@code T} of a receiver {@code (r *T)}, {@code (T)} or {@code (s *Stack[T])}. */
    private Optional<Node> receiverTypeNode(Node receiver) {
        for (Node parameter : children(receiver)) {
            if (parameter.type().equals("parameter_declaration")) {
                Optional<Node> type = named(parameter, "type");
                while (type.isPresent() && !type.get().type().equals("type_identifier")) {
                    Node t = type.get();
                    type = t.type().equals("pointer_type") || t.type().equals("parenthesized_type")
                            ? children(t).stream().filter(Node::named).findFirst()
                            : t.type().equals("generic_type") ? named(t, "type") : Optional.empty();
                }
                return type;
            }
        }
        return Optional.empty();
    }

    private Optional<String> receiverType(Node receiver) {
        return receiverTypeNode(receiver).map(this::text);
    }
}

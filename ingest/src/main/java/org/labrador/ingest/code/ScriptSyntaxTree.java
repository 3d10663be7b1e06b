package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterTypescript;

/**
 * Reads the outline of a JavaScript or TypeScript file from the tree-sitter syntax tree (the
 * TypeScript grammar for TypeScript, the JavaScript grammar, which knows JSX, for JavaScript):
 * functions, classes, methods, and arrow functions or function expressions assigned to a
 * {@code const}, {@code let}, {@code var}, class field or property ({@code Foo.prototype.bar}) are
 * definitions; interfaces and enums are
 * types; namespaces are namespaces; top-level variables and type aliases are symbols. An
 * {@code export} or {@code declare} is part of the declaration it precedes, and decorators lead a
 * definition as comments do. Braces in strings, template literals, regular expressions and types
 * never open a block. Conventions and fallback as in {@link BraceSyntaxTree}; {@code .tsx} files
 * have JSX, which the TypeScript grammar does not read, so they go to the brace reader.
 */
final class ScriptSyntaxTree extends BraceSyntaxTree {

    private static final Optional<TSLanguage> JAVASCRIPT =
            load(TreeSitterJavascript::new, "JavaScript", "JavaScript by braces");
    private static final Optional<TSLanguage> TYPESCRIPT =
            load(TreeSitterTypescript::new, "TypeScript", "TypeScript by braces");
    private static final Set<String> CLASSES = Set.of("class_declaration", "abstract_class_declaration", "class");
    private static final Set<String> FUNCTIONS = Set.of("function_declaration", "generator_function_declaration");
    private static final Set<String> FUNCTION_VALUES = Set.of("arrow_function", "function_expression", "function",
            "generator_function");

    private ScriptSyntaxTree(CodeLines lines, int wholeTokens) {
        super(lines, wholeTokens);
    }

    /** Whether tree-sitter's grammar for {@code language} loaded on this platform; when not, one warning has been logged. */
    static boolean available(String language) {
        return grammar(language).isPresent();
    }

    private static Optional<TSLanguage> grammar(String language) {
        return language.equals("typescript") ? TYPESCRIPT : JAVASCRIPT;
    }

    /**
     * The outline from the syntax tree, or empty when the brace reader should read the file instead.
     *
     * @param language {@code javascript} or {@code typescript}
     */
    static Optional<Outline> read(CodeLines lines, String language, int wholeTokens) {
        Optional<TSNode> root = cleanTree(grammar(language), lines);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        ScriptSyntaxTree reader = new ScriptSyntaxTree(lines, wholeTokens);
        List<Definition> definitions = new ArrayList<>();
        reader.scope(reader.node(root.get()), 0, definitions);
        return Optional.of(reader.outline(definitions));
    }

    @Override
    boolean isBlock(String type) {
        return type.equals("statement_block") || type.equals("switch_body") || type.equals("class_static_block");
    }

    /** The statements of a file or namespace at {@code level}. */
    private void scope(Node container, int level, List<Definition> found) {
        for (Node child : blockChildren(container)) {
            if (child.type().equals("{")) {
                continue;
            }
            startsStatement(child, level);
            if (isComment(child.type())) {
                comment(child);
            } else {
                inside(child, child.startRow());
                declaration(child, child, level, found);
            }
        }
    }

    /** A declaration; {@code outer} is the {@code export} or {@code declare} around it, or the node itself. */
    private void declaration(Node node, Node outer, int level, List<Definition> found) {
        String type = node.type();
        if (FUNCTIONS.contains(type)) {
            function(node, node, outer, level, found);
        } else if (CLASSES.contains(type)) {
            Optional<Node> name = named(node, "name");
            Optional<Node> body = named(node, "body");
            if (name.isPresent() && body.isPresent()) {
                List<Definition> members = new ArrayList<>();
                classBody(body.get(), level + 1, members);
                found.add(container(text(name.get()), Definition.Kind.TYPE, name.get(), outer, body.get(), members));
            }
        } else if (type.equals("interface_declaration") || type.equals("enum_declaration")) {
            Optional<Node> name = named(node, "name");
            Optional<Node> body = named(node, "body");
            if (name.isPresent() && body.isPresent()) {
                members(body.get(), level + 1);
                found.add(container(text(name.get()), Definition.Kind.TYPE, name.get(), outer, body.get(), List.of()));
            }
        } else if (type.equals("internal_module") || type.equals("module")) {
            Optional<Node> name = named(node, "name");
            Optional<Node> body = named(node, "body");
            if (name.isPresent() && body.isPresent()) {
                List<Definition> members = new ArrayList<>();
                scope(body.get(), level + 1, members);
                String written = text(name.get());
                found.add(container(written.replaceAll("^[\"'`]|[\"'`]$", ""), Definition.Kind.NAMESPACE, name.get(),
                        outer, body.get(), members));
            }
        } else if (type.equals("lexical_declaration") || type.equals("variable_declaration")) {
            for (Node declarator : children(node)) {
                if (declarator.type().equals("variable_declarator")) {
                    variable(declarator, outer, level, found);
                }
            }
        } else if (type.equals("type_alias_declaration")) {
            if (level == 0) {
                named(node, "name").ifPresent(n -> symbols.add(new Symbol(text(n), n.startRow())));
            }
        } else if (type.equals("assignment_expression")) {
            assigned(node, outer, level, found);
        } else if (type.equals("export_statement") || type.equals("ambient_declaration")
                || type.equals("expression_statement")) {
            for (Node child : children(node)) {
                if (child.named() && !isComment(child.type()) && !child.type().equals("decorator")) {
                    declaration(child, outer, level, found); // export ..., declare ..., namespace as a statement
                }
            }
        }
    }

    private void function(Node node, Node nameSource, Node outer, int level, List<Definition> found) {
        Optional<Node> name = named(nameSource, "name");
        Optional<Node> body = named(node, "body");
        if (name.isPresent() && body.isPresent() && body.get().type().equals("statement_block")) {
            found.add(function(text(name.get()), name.get(), outer, body.get(), level));
        }
    }

    /** {@code const name = (...) => { ... }} is a function; any top-level name is a symbol. */
    private void variable(Node declarator, Node outer, int level, List<Definition> found) {
        Optional<Node> name = named(declarator, "name");
        if (name.isEmpty()) {
            return;
        }
        if (level == 0 && name.get().type().equals("identifier")) {
            symbols.add(new Symbol(text(name.get()), name.get().startRow()));
        }
        Optional<Node> value = named(declarator, "value");
        if (value.isPresent() && FUNCTION_VALUES.contains(value.get().type()) && name.get().type().equals("identifier")) {
            function(value.get(), declarator, outer, level, found);
        }
    }

    /** {@code Foo.prototype.bar = function () { ... }} or {@code module.exports.run = () => { ... }}: a function named as written. */
    private void assigned(Node assignment, Node outer, int level, List<Definition> found) {
        Optional<Node> left = named(assignment, "left")
                .filter(l -> (l.type().equals("identifier") || l.type().equals("member_expression"))
                        && l.startRow() == l.endRow());
        Optional<Node> right = named(assignment, "right").filter(r -> FUNCTION_VALUES.contains(r.type()));
        Optional<Node> body = right.flatMap(r -> named(r, "body")).filter(b -> b.type().equals("statement_block"));
        if (left.isPresent() && body.isPresent()) {
            found.add(function(text(left.get()).replaceAll("\\s+", ""), left.get(), outer, body.get(), level));
        }
    }

    /** Methods, and fields holding functions; decorators lead the member below them. */
    private void classBody(Node body, int level, List<Definition> found) {
        for (Node child : blockChildren(body)) {
            String type = child.type();
            if (type.equals("{")) {
                continue;
            }
            startsStatement(child, level);
            if (isComment(type)) {
                comment(child);
                continue;
            }
            inside(child, child.startRow());
            if (type.equals("decorator")) {
                if (beginsLine(child) && endsLine(child)) {
                    leads(child);
                }
            } else if (type.equals("method_definition")) {
                function(child, child, child, level, found);
            } else if (type.equals("public_field_definition") || type.equals("field_definition")) {
                Optional<Node> name = named(child, "name").or(() -> named(child, "property"));
                Optional<Node> value = named(child, "value");
                Optional<Node> block = value.filter(v -> FUNCTION_VALUES.contains(v.type()))
                        .flatMap(v -> named(v, "body")).filter(b -> b.type().equals("statement_block"));
                if (name.isPresent() && block.isPresent()) {
                    found.add(function(text(name.get()), name.get(), child, block.get(), level));
                }
            } else if (type.equals("class_static_block")) {
                named(child, "body").ifPresent(b -> body(b, level + 1));
            }
        }
    }
}

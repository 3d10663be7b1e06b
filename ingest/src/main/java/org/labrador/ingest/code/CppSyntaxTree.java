package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterCpp;

/**
 * Reads the outline of a C or C++ file from the tree-sitter C++ syntax tree, so that functions,
 * methods, classes, namespaces and templates are what the grammar says they are: a macro that
 * expands to a brace, a lambda, a brace in a string or a preprocessor branch never opens or closes
 * a definition, and an out-of-class {@code Ns::Class::method} is named as written.
 *
 * <p>The outline follows the conventions of {@link BraceDefinitions}, which remains the reader when
 * the native library cannot load, the parse times out, or the tree has errors that may have
 * swallowed structure (a missing token, or an error spanning lines); an error inside one line,
 * such as an unknown macro call, is harmless and tolerated. ROOT's {@code ClassDef(...)} and
 * {@code ClassImp(...)} lines, usually written without a semicolon, are blanked before parsing.
 * Definitions are looked for at top level, in namespaces, {@code extern "C"} blocks, class bodies
 * and preprocessor branches, never inside function bodies; a definition starts at its
 * {@code template} line or at the comment lines directly above it; a declaration without a body
 * is no definition. Statement depth is the number of enclosing braces.
 */
final class CppSyntaxTree extends SyntaxTreeReader {

    private static final Optional<TSLanguage> GRAMMAR = load(TreeSitterCpp::new, "C++", "C and C++ by braces");
    /**
     * Larger files are generated code (dictionaries, lookup tables) more often than not, and reading
     * their tree through the binding takes seconds; the brace reader takes a tenth of that.
     */
    private static final int MAX_CHARS = 1_000_000;
    private static final Pattern ROOT_MACRO = Pattern.compile(
            "\\s*(?:ClassDef\\w*|ClassImp\\w*|templateClassImp\\w*|NamespaceImp|R__LOAD_LIBRARY)\\s*\\(.*\\)\\s*;?\\s*(?://.*)?");
    private static final Set<String> TYPE_SPECIFIERS = Set.of("class_specifier", "struct_specifier",
            "union_specifier", "enum_specifier");
    private static final Set<String> PREPROCESSOR_BRANCHES = Set.of("preproc_if", "preproc_ifdef", "preproc_else",
            "preproc_elif", "preproc_elifdef");
    private static final Set<String> WRAPPED_DECLARATORS = Set.of("pointer_declarator", "reference_declarator",
            "function_declarator", "array_declarator", "init_declarator", "parenthesized_declarator",
            "attributed_declarator");

    private final int wholeTokens;

    private CppSyntaxTree(CodeLines lines, int wholeTokens) {
        super(lines, true);
        this.wholeTokens = wholeTokens;
    }

    /** Whether tree-sitter's C++ grammar loaded on this platform; when not, one warning has been logged. */
    static boolean available() {
        return GRAMMAR.isPresent();
    }

    /**
     * The outline from the syntax tree, or empty when the brace reader should read the file instead.
     *
     * @param wholeTokens the size up to which a function becomes one passage: the statements of
     *     such a function are never cut between, so its body is not read (each node read through the
     *     binding costs microseconds); {@code 0} reads every body
     */
    static Optional<Outline> read(CodeLines lines, int wholeTokens) {
        if (GRAMMAR.isEmpty() || lines.text().length() > MAX_CHARS) {
            return Optional.empty();
        }
        Optional<TSNode> root = parse(GRAMMAR.get(), withoutRootMacros(lines));
        if (root.isEmpty() || !harmlessErrors(root.get())) {
            return Optional.empty();
        }
        CppSyntaxTree reader = new CppSyntaxTree(lines, wholeTokens);
        List<Definition> definitions = new ArrayList<>();
        reader.scope(reader.node(root.get()), 0, definitions);
        return Optional.of(reader.outline(definitions));
    }

    /** The text with ROOT's dictionary macros blanked to spaces; lines and offsets are unchanged. */
    private static String withoutRootMacros(CodeLines lines) {
        StringBuilder text = new StringBuilder(lines.text().length());
        for (int i = 0; i < lines.count(); i++) {
            String line = lines.line(i);
            text.append(ROOT_MACRO.matcher(line).matches() ? " ".repeat(line.length()) : line);
            if (i + 1 < lines.count()) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The items of a translation unit, namespace, class body or preprocessor branch at
     * {@code level}: marks their lines, collects their names and adds their definitions to {@code found}.
     */
    private void scope(Node container, int level, List<Definition> found) {
        for (Node child : children(container)) {
            item(child, level, found);
        }
    }

    private void item(Node node, int level, List<Definition> found) {
        String type = node.type();
        if (type.equals("{")) {
            return; // continues the header above it
        }
        startsStatement(node, level);
        switch (type) {
            case "comment" -> comment(node);
            case "function_definition" -> function(node, node, level, found);
            case "template_declaration" -> template(node, node, level, found);
            case "namespace_definition", "linkage_specification" -> namespace(node, level, found);
            case "preproc_def", "preproc_function_def" -> {
                named(node, "name").ifPresent(name -> symbols.add(new Symbol(text(name), name.startRow())));
                inside(node, node.startRow());
            }
            case "alias_declaration", "type_definition" -> {
                if (!typeIn(node, node, level, found)) {
                    inside(node, node.startRow());
                }
                aliasName(node);
            }
            case "declaration", "field_declaration" -> {
                if (!typeIn(node, node, level, found)) {
                    inside(node, node.startRow());
                    constants(node);
                }
            }
            default -> {
                if (PREPROCESSOR_BRANCHES.contains(type)) {
                    for (Node child : children(node)) {
                        if (child.named() && child.startRow() > node.startRow()) {
                            item(child, level, found);
                        } else if (child.type().startsWith("#") && !child.type().startsWith("#if")) {
                            startsStatement(child, level); // #else, #endif
                        }
                    }
                } else if (TYPE_SPECIFIERS.contains(type)) {
                    typeIn(node, node, level, found);
                } else {
                    inside(node, node.startRow());
                }
            }
        }
    }

    /** A function with a body; {@code outer} is the template or linkage around it, or the node itself. */
    private void function(Node node, Node outer, int level, List<Definition> found) {
        Optional<Node> body = named(node, "body");
        Optional<Node> name = named(node, "declarator").flatMap(this::declaredName);
        inside(outer, outer.startRow());
        if (body.isEmpty() || name.isEmpty()) {
            return;
        }
        int start = leadingComments(outer.startRow());
        if (lines.tokens(start, outer.endRow()) > wholeTokens) {
            body(body.get(), level + 1);
        }
        found.add(new Definition(text(name.get()).replaceAll("\\s+", ""), Definition.Kind.FUNCTION, start,
                name.get().startRow(), body.get().startRow() + 1, outer.endRow(), List.of()));
    }

    private void template(Node node, Node outer, int level, List<Definition> found) {
        for (Node child : children(node)) {
            switch (child.type()) {
                case "function_definition" -> function(child, outer, level, found);
                case "template_declaration" -> template(child, outer, level, found);
                case "declaration", "alias_declaration" -> {
                    if (!typeIn(child, outer, level, found)) {
                        inside(outer, outer.startRow());
                        aliasName(child);
                    }
                }
                default -> {
                    if (TYPE_SPECIFIERS.contains(child.type())) {
                        typeIn(child, outer, level, found);
                    } else {
                        inside(child, outer.startRow());
                    }
                }
            }
        }
    }

    /** A class, struct, union or enum with a body in {@code node} (or being it): a type definition. */
    private boolean typeIn(Node node, Node outer, int level, List<Definition> found) {
        Node specifier = TYPE_SPECIFIERS.contains(node.type()) ? node : null;
        if (specifier == null) {
            Optional<Node> type = named(node, "type");
            if (type.isEmpty() || !TYPE_SPECIFIERS.contains(type.get().type())) {
                return false;
            }
            specifier = type.get();
        }
        Optional<Node> body = named(specifier, "body");
        if (body.isEmpty()) {
            return false;
        }
        inside(outer, outer.startRow());
        Optional<Node> name = named(specifier, "name");
        if (name.isEmpty() && node.type().equals("type_definition")) {
            name = named(node, "declarator").flatMap(this::declaredName); // typedef struct { ... } Name;
        }
        List<Definition> members = new ArrayList<>();
        if (specifier.type().equals("enum_specifier")) {
            for (Node enumerator : children(body.get())) {
                startsStatement(enumerator, level + 1);
                if (enumerator.type().equals("comment")) {
                    comment(enumerator);
                }
            }
        } else {
            scope(body.get(), level + 1, members);
        }
        if (name.isEmpty()) {
            found.addAll(members); // anonymous: its members belong to the enclosing scope
            return true;
        }
        found.add(new Definition(text(name.get()).replaceAll("\\s+", ""), Definition.Kind.TYPE,
                leadingComments(outer.startRow()), name.get().startRow(), body.get().startRow() + 1,
                Math.max(body.get().endRow(), name.get().startRow()), members));
        return true;
    }

    /** A namespace, or an {@code extern "C"} block (a namespace without a name). */
    private void namespace(Node node, int level, List<Definition> found) {
        Optional<Node> body = named(node, "body");
        if (body.isEmpty()) {
            inside(node, node.startRow());
            return;
        }
        if (body.get().type().equals("function_definition")) {
            function(body.get(), node, level, found); // extern "C" double f() { ... }
            return;
        }
        if (!body.get().type().equals("declaration_list")) {
            inside(node, node.startRow());
            return;
        }
        inside(node, node.startRow());
        List<Definition> members = new ArrayList<>();
        scope(body.get(), level + 1, members);
        String name = node.type().equals("namespace_definition")
                ? named(node, "name").map(n -> text(n).replaceAll("\\s+", "")).orElse("") : "";
        found.add(new Definition(name, Definition.Kind.NAMESPACE, leadingComments(node.startRow()), node.startRow(),
                body.get().startRow() + 1, body.get().endRow(), members));
    }

    /** The statements of a function body, block by block; expressions (lambdas too) stay inside their statement. */
    private void body(Node block, int level) {
        for (Node child : children(block)) {
            if (child.type().equals("{")) {
                continue;
            }
            startsStatement(child, level);
            if (child.type().equals("comment")) {
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
        for (Node child : children(node)) {
            String type = child.type();
            if (type.equals("compound_statement") || type.equals("declaration_list")) {
                startsStatement(child, level);
                body(child, level + 1);
            } else if (type.equals("comment")) {
                startsStatement(child, level);
                comment(child);
            } else if (isStatement(type)) {
                startsStatement(child, level);
                statement(child, level);
            } else if (type.startsWith("#")) {
                startsStatement(child, level);
            } else {
                inside(child, node.startRow());
            }
        }
    }

    private static boolean isStatement(String type) {
        return type.endsWith("_statement") || type.equals("declaration") || type.equals("for_range_loop")
                || type.endsWith("_clause") && !type.equals("condition_clause") || PREPROCESSOR_BRANCHES.contains(type)
                || type.equals("seh_try_statement");
    }

    /** The name a declarator declares, past pointers, references, parameter lists and initialisers. */
    private Optional<Node> declaredName(Node declarator) {
        Node node = declarator;
        while (WRAPPED_DECLARATORS.contains(node.type())) {
            Optional<Node> inner = named(node, "declarator");
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            node = inner.get();
        }
        return Optional.of(node);
    }

    /** {@code const} and {@code constexpr} variables with a value, as {@link BraceSyntax} names them. */
    private void constants(Node declaration) {
        boolean constant = false;
        for (Node child : children(declaration)) {
            if (child.type().equals("type_qualifier")) {
                String word = text(child);
                constant |= word.equals("const") || word.equals("constexpr");
            }
        }
        if (!constant) {
            return;
        }
        if (declaration.type().equals("field_declaration")) {
            if (named(declaration, "default_value").isPresent()) {
                named(declaration, "declarator").flatMap(this::declaredName)
                        .ifPresent(name -> symbols.add(new Symbol(text(name), name.startRow())));
            }
            return;
        }
        for (Node child : children(declaration)) {
            if (child.type().equals("init_declarator")) {
                declaredName(child).ifPresent(name -> symbols.add(new Symbol(text(name), name.startRow())));
            }
        }
    }

    /** {@code using Name = ...;} and {@code typedef ... Name;}. */
    private void aliasName(Node node) {
        Optional<Node> name = node.type().equals("alias_declaration") ? named(node, "name")
                : node.type().equals("type_definition") ? named(node, "declarator").flatMap(this::declaredName)
                : Optional.empty();
        name.ifPresent(n -> symbols.add(new Symbol(text(n), n.startRow())));
    }

    /** A comment alone on its lines may lead a definition. */
    private void comment(Node node) {
        if (beginsLine(node) && endsLine(node)) {
            for (int r = node.startRow(); r <= node.endRow(); r++) {
                commentRows.add(r);
            }
        }
        inside(node, node.startRow());
    }
}

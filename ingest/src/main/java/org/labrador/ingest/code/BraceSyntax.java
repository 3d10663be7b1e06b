package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a block header means in one brace language: the text before a <code>{</code> (comments and
 * literals already blanked, whitespace collapsed) is read as a namespace, a type, a function, or
 * nothing worth a passage (a control statement, an initialiser, a lambda). Also finds the names
 * defined by statements: macros, constants, type aliases, top-level variables. One instance per
 * file, since Go's {@code const ( ... )} blocks need a little state.
 */
final class BraceSyntax {

    /** A recognised header: the kind of block and the name as written. */
    record Header(Definition.Kind kind, String name) {
    }

    private static final Set<String> NOT_A_NAME = Set.of("if", "for", "while", "switch", "catch", "return", "sizeof",
            "alignof", "decltype", "typeof", "new", "delete", "throw", "function", "synchronized", "using", "lock",
            "foreach", "with", "do", "else", "try", "case", "static_assert", "noexcept", "requires", "assert", "super",
            "this", "elif", "until", "select", "defer", "go", "await", "yield", "in", "of", "when");
    private static final Set<String> ATTRIBUTES = Set.of("__attribute__", "__declspec", "alignas", "_Alignas");

    private static final Pattern LABELS = Pattern.compile(
            "(?:\\s*(?:public|private|protected|signals|slots|Q_SLOTS|Q_SIGNALS)(?:\\s+\\w+)?\\s*:(?!:))+\\s*");
    private static final Pattern OPERATOR = Pattern.compile("operator ?(?:\\(\\)|\\[\\]|[^\\w\\s(]+|(?:new|delete)\\b(?: ?\\[\\])?)");
    private static final Pattern NAME_BEFORE_PAREN = Pattern.compile(
            "((?:[\\w$~]+ ?(?:<[^()]*?> ?)?:: ?)*~?[\\w$]+) ?(?:<[^()]*> ?)?$");

    private static final Pattern CPP_NAMESPACE = Pattern.compile("(?:inline )?namespace(?: ([\\w:]+))? ?");
    private static final Pattern CPP_EXTERN = Pattern.compile("extern ?\" ?\" ?");
    private static final Pattern CPP_TYPE = Pattern.compile("(?:typedef |export )?(?:class|struct|union|enum(?: class| struct)?)"
            + "(?: \\[\\[[^\\]]*\\]\\]| alignas ?\\([^)]*\\)| __attribute__ ?\\(\\(.*?\\)\\)| [A-Z][A-Z0-9_]*(?= [A-Za-z_]))*"
            + " ?([A-Za-z_]\\w*)?(?: ?<.*>)?(?: final)?(?: ?:(?!:).*)? ?");
    private static final Pattern JAVA_TYPE = Pattern.compile("(?:@[\\w.]+(?: ?\\([^)]*\\))? |(?:public|protected|private|static"
            + "|final|abstract|sealed|non-sealed|strictfp) )*(?:class|interface|enum|record|@interface) ([A-Za-z_$][\\w$]*).*");
    private static final Pattern TS_NAMESPACE = Pattern.compile("(?:export )?(?:declare )?(?:namespace|module) ([\\w$.]+) ?");
    private static final Pattern JS_TYPE = Pattern.compile(
            "(?:export )?(?:default )?(?:declare )?(?:abstract )?(?:const )?(?:class|interface|enum) ([\\w$]+).*");
    private static final Pattern JS_ARROW = Pattern.compile("(?:export )?(?:default )?(?:(?:const|let|var) )?"
            + "(?:(?:static|readonly|private|public|protected|override) )*((?:[\\w$]+\\.)*[\\w$]+) ?(?:: ?[^=]+)?= ?"
            + "(?:async )?(?:\\([^)]*\\)|[\\w$]+) ?(?:: ?[^=]+)?=> ?");
    private static final Pattern JS_FUNCTION_VALUE = Pattern.compile(
            "(?:export )?(?:(?:const|let|var) )?((?:[\\w$]+\\.)*[\\w$]+) ?(?:: ?[^=]+)?= ?(?:async )?function\\b.*");
    private static final Pattern GO_FUNC = Pattern.compile(
            "func ?(?:\\( ?(?:[\\w$]+ )?\\*? ?([\\w$]+)(?:\\[[^\\]]*\\])? ?\\) ?)?([\\w$]+) ?(?:\\[[^\\]]*\\])? ?\\(.*");
    private static final Pattern GO_TYPE = Pattern.compile("type ([\\w$]+)(?: ?\\[[^\\]]*\\])? (?:struct|interface) ?");
    private static final Pattern GO_FUNC_VALUE = Pattern.compile("(?:var )?([\\w$]+) ?:?= ?func\\b.*");
    private static final Pattern SHELL_FUNCTION =
            Pattern.compile("(?:function )?([\\w.:@+-]+) ?\\( ?\\) ?|function ([\\w.:@+-]+) ?");

    private static final Pattern C_DEFINE = Pattern.compile("\\s*#\\s*define\\s+([A-Za-z_]\\w*)");
    private static final Pattern C_USING = Pattern.compile("(?:template ?<.*> ?)?using ([A-Za-z_]\\w*) ?=.*");
    private static final Pattern C_TYPEDEF = Pattern.compile("typedef [^;(]* ([A-Za-z_]\\w*) ?;.*");
    private static final Pattern LAST_NAME = Pattern.compile("([A-Za-z_$][\\w$]*) ?(?:\\[[^\\]]*\\] ?)*$");
    private static final Pattern CONST_WORD = Pattern.compile("\\b(?:const|constexpr)\\b");
    private static final Pattern STATIC_WORD = Pattern.compile("\\bstatic\\b");
    private static final Pattern FINAL_WORD = Pattern.compile("\\bfinal\\b");
    private static final Pattern GO_DECLARATION = Pattern.compile("(?:const|var) ([A-Za-z_]\\w*)\\b(?! ?\\().*");
    private static final Pattern GO_BLOCK = Pattern.compile("(?:const|var) ?\\( ?");
    private static final Pattern GO_TYPE_ALIAS = Pattern.compile("type ([A-Za-z_]\\w*) (?!struct\\b|interface\\b).*");
    private static final Pattern LEADING_NAME = Pattern.compile("([A-Za-z_]\\w*)\\b.*");
    private static final Pattern JS_VARIABLE =
            Pattern.compile("(?:export )?(?:declare )?(?:const|let|var) ([\\w$]+) ?(?::[^=]*)?=.*");
    private static final Pattern TS_TYPE = Pattern.compile("(?:export )?(?:declare )?type ([\\w$]+)\\b.*");
    private static final Pattern SHELL_VARIABLE = Pattern.compile(
            "(?:export |readonly |declare(?: -\\w+)* |typeset(?: -\\w+)* )?([A-Za-z_]\\w*)=.*");

    private final String language;
    private boolean inGoBlock;

    BraceSyntax(String language) {
        this.language = language;
    }

    CodeMask.Flavor flavor() {
        return switch (language) {
            case "c", "cpp" -> CodeMask.Flavor.C;
            case "java" -> CodeMask.Flavor.JAVA;
            case "go" -> CodeMask.Flavor.GO;
            case "shell" -> CodeMask.Flavor.SHELL;
            default -> CodeMask.Flavor.JS;
        };
    }

    /** Whether a line break ends a statement here, so that a header never reaches above it. */
    boolean newlineEndsStatement() {
        return switch (language) {
            case "go", "shell", "javascript", "typescript" -> true;
            default -> false;
        };
    }

    /** How many leading characters of a raw header are C++ access labels ({@code public:}). */
    int labelLength(String header) {
        if (!language.equals("cpp") && !language.equals("c")) {
            return 0;
        }
        Matcher m = LABELS.matcher(header);
        return m.lookingAt() ? m.end() : 0;
    }

    /** What the block opened after {@code rawHeader} is, or null for a block that is no definition. */
    Header classify(String rawHeader) {
        String h = rawHeader.replaceAll("\\s+", " ").strip();
        if (h.isEmpty() || h.length() > 3000) {
            return null;
        }
        Matcher m;
        switch (language) {
            case "shell" -> {
                m = SHELL_FUNCTION.matcher(h);
                return m.matches() ? new Header(Definition.Kind.FUNCTION, m.group(1) != null ? m.group(1) : m.group(2)) : null;
            }
            case "go" -> {
                if ((m = GO_FUNC.matcher(h)).matches()) {
                    String name = m.group(1) == null ? m.group(2) : m.group(1) + "." + m.group(2);
                    return new Header(Definition.Kind.FUNCTION, name);
                }
                if ((m = GO_TYPE.matcher(h)).matches()) {
                    return new Header(Definition.Kind.TYPE, m.group(1));
                }
                m = GO_FUNC_VALUE.matcher(h);
                return m.matches() ? new Header(Definition.Kind.FUNCTION, m.group(1)) : null;
            }
            case "java" -> {
                m = JAVA_TYPE.matcher(h);
                return m.matches() ? new Header(Definition.Kind.TYPE, m.group(1)) : callShaped(h);
            }
            case "javascript", "typescript" -> {
                if ((m = TS_NAMESPACE.matcher(h)).matches()) {
                    return new Header(Definition.Kind.NAMESPACE, m.group(1));
                }
                if ((m = JS_TYPE.matcher(h)).matches()) {
                    return new Header(Definition.Kind.TYPE, m.group(1));
                }
                if ((m = JS_ARROW.matcher(h)).matches() || (m = JS_FUNCTION_VALUE.matcher(h)).matches()) {
                    return new Header(Definition.Kind.FUNCTION, m.group(1));
                }
                return callShaped(h);
            }
            default -> {
                String s = stripTemplates(h);
                if ((m = CPP_NAMESPACE.matcher(s)).matches()) {
                    return new Header(Definition.Kind.NAMESPACE, m.group(1) == null ? "" : m.group(1));
                }
                if (CPP_EXTERN.matcher(s).matches()) {
                    return new Header(Definition.Kind.NAMESPACE, "");
                }
                if ((m = CPP_TYPE.matcher(s)).matches()) {
                    return new Header(Definition.Kind.TYPE, m.group(1) == null ? "" : m.group(1));
                }
                return callShaped(s);
            }
        }
    }

    /** A function header: a name, a balanced parameter list, and no assignment before it. */
    private static Header callShaped(String h) {
        Matcher op = OPERATOR.matcher(h);
        StringBuilder blanked = new StringBuilder(h);
        while (op.find()) {
            for (int k = op.start() + "operator".length(); k < op.end(); k++) {
                blanked.setCharAt(k, '_');
            }
        }
        String s = blanked.toString();
        int paren = 0;
        int angle = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' && paren == 0) {
                angle++;
            } else if (c == '>' && paren == 0 && angle > 0 && (i == 0 || s.charAt(i - 1) != '-')) {
                angle--;
            } else if (c == '=' && paren == 0 && angle == 0) {
                return null; // an initialiser or assignment, not a definition
            } else if (c == ')') {
                paren = Math.max(0, paren - 1);
            } else if (c == '(' && paren++ == 0 && angle == 0) {
                int close = matchingParen(s, i);
                Matcher m = NAME_BEFORE_PAREN.matcher(s).region(Math.max(0, i - 300), i);
                if (close < 0 || !m.find()) {
                    return null;
                }
                String name = h.substring(m.start(1), m.end(1)).replace(" ", "");
                String simple = name.substring(name.lastIndexOf(':') + 1);
                boolean annotation = m.start(1) > 0 && s.charAt(m.start(1) - 1) == '@';
                if (annotation || ATTRIBUTES.contains(simple)) {
                    i = close;
                    paren = 0;
                    continue;
                }
                String before = s.substring(0, m.start(1)).strip();
                String tail = s.substring(close + 1);
                if (NOT_A_NAME.contains(simple) || before.endsWith(".") || before.endsWith("->")
                        || before.endsWith("new") || tail.contains("=")) {
                    return null;
                }
                return new Header(Definition.Kind.FUNCTION, name);
            }
        }
        return null;
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String stripTemplates(String h) {
        String s = h;
        while (s.startsWith("template")) {
            int open = s.indexOf('<');
            if (open < 0 || !s.substring("template".length(), open).isBlank()) {
                return s;
            }
            int depth = 0;
            int i = open;
            for (; i < s.length(); i++) {
                if (s.charAt(i) == '<') {
                    depth++;
                } else if (s.charAt(i) == '>' && --depth == 0) {
                    break;
                }
            }
            if (i >= s.length()) {
                return s;
            }
            s = s.substring(i + 1).strip();
        }
        return s;
    }

    /**
     * Names defined by the statement starting this line, for lines outside function bodies.
     *
     * @param masked the line with comments and literals blanked
     * @param original the line as written (macros live in preprocessor lines, which are blanked)
     * @param topLevel whether the line is outside any class or namespace
     */
    List<String> symbols(String masked, String original, boolean topLevel) {
        List<String> names = new ArrayList<>();
        String s = masked.replaceAll("\\s+", " ").strip();
        Matcher m;
        switch (language) {
            case "c", "cpp" -> {
                if ((m = C_DEFINE.matcher(original)).lookingAt()) {
                    names.add(m.group(1));
                } else if ((m = C_USING.matcher(s)).matches() || (m = C_TYPEDEF.matcher(s)).matches()) {
                    names.add(m.group(1));
                } else {
                    assignedConstant(s, true).ifPresent(names::add);
                }
            }
            case "java" -> assignedConstant(s, false).ifPresent(names::add);
            case "go" -> {
                if (GO_BLOCK.matcher(s).matches()) {
                    inGoBlock = true;
                } else if (inGoBlock && s.startsWith(")")) {
                    inGoBlock = false;
                } else if (inGoBlock && (m = LEADING_NAME.matcher(s)).matches()) {
                    names.add(m.group(1));
                } else if ((m = GO_DECLARATION.matcher(s)).matches() || (m = GO_TYPE_ALIAS.matcher(s)).matches()) {
                    names.add(m.group(1));
                }
            }
            case "shell" -> {
                if (topLevel && (m = SHELL_VARIABLE.matcher(s)).matches()) {
                    names.add(m.group(1));
                }
            }
            default -> {
                if (topLevel && ((m = JS_VARIABLE.matcher(s)).matches() || (m = TS_TYPE.matcher(s)).matches())) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** {@code static const double kMax = 3;} or {@code static final int N = 3;}: the name before '='. */
    private static Optional<String> assignedConstant(String s, boolean c) {
        int eq = s.indexOf('=');
        if (eq <= 0 || eq + 1 < s.length() && s.charAt(eq + 1) == '=' || "!<>+-*/%&|^".indexOf(s.charAt(eq - 1)) >= 0) {
            return Optional.empty();
        }
        String prefix = s.substring(0, eq);
        if (prefix.contains("(") || prefix.length() > 300) {
            return Optional.empty();
        }
        boolean constant = c ? CONST_WORD.matcher(prefix).find()
                : STATIC_WORD.matcher(prefix).find() && FINAL_WORD.matcher(prefix).find();
        Matcher m = LAST_NAME.matcher(prefix.strip());
        return constant && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

package org.labrador.ingest.code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the outline of a config file: YAML keys by indentation, TOML and INI {@code [sections]}
 * with their keys, JSON object members from their parsed positions. Every key is a
 * {@link Definition.Kind#SECTION section}, so the packer keeps small neighbouring keys together
 * and opens a large one up into its nested keys. Comment lines directly above a key belong to it.
 */
final class ConfigSections {

    private static final Pattern YAML_KEY = Pattern.compile(
            "(?:- +)?(\"[^\"]*\"|'[^']*'|[^\\s#'\"\\[\\]{},&*!|>%@`-][^:#]*?)\\s*:(?:\\s|$).*");
    private static final Pattern YAML_BLOCK_SCALAR = Pattern.compile(".*:\\s*[|>][-+0-9]*\\s*(#.*)?");
    private static final Pattern SECTION = Pattern.compile("\\s*\\[\\[?\\s*([^\\]]+?)\\s*\\]\\]?\\s*(?:[#;].*)?");
    private static final Pattern TOML_KEY = Pattern.compile("\\s*([A-Za-z0-9_.\\-\"' ]+?)\\s*=.*");
    private static final Pattern INI_KEY = Pattern.compile("\\s*([^\\s=:;#\\[][^=:]*?)\\s*[=:].*");

    private ConfigSections() {
    }

    static Outline read(CodeLines lines, String language) {
        return switch (language) {
            case "yaml" -> yaml(lines);
            case "json" -> json(lines);
            default -> sections(lines, language.equals("toml"));
        };
    }

    private static Outline yaml(CodeLines lines) {
        int n = lines.count();
        int[] depth = new int[n];
        Deque<Open> open = new ArrayDeque<>();
        Open root = new Open("", -1, 0, 0);
        open.push(root);
        int scalarIndent = -1; // the indentation of a key whose block scalar (| or >) is being read
        for (int i = 0; i < n; i++) {
            String line = lines.line(i);
            int indent = lines.indent(i);
            if (line.isBlank()) {
                depth[i] = scalarIndent >= 0 ? Outline.INSIDE : Outline.BLANK;
                continue;
            }
            if (scalarIndent >= 0 && indent > scalarIndent) {
                depth[i] = Outline.INSIDE;
                extend(open, i);
                continue;
            }
            scalarIndent = -1;
            depth[i] = indent;
            String content = line.strip();
            if (content.startsWith("#")) {
                continue;
            }
            if (content.equals("---") || content.equals("...")) {
                while (open.size() > 1) {
                    open.pop();
                }
                continue;
            }
            Matcher key = YAML_KEY.matcher(content);
            boolean isKey = key.matches() && !content.startsWith("- ");
            while (open.size() > 1 && (open.peek().indent > indent || open.peek().indent == indent && isKey)) {
                open.pop();
            }
            extend(open, i);
            if (isKey) {
                String name = unquote(key.group(1));
                Open o = new Open(name, indent, leadingComments(lines, i, indent), i);
                open.peek().children.add(o);
                open.push(o);
                if (YAML_BLOCK_SCALAR.matcher(content).matches()) {
                    scalarIndent = indent;
                }
            }
        }
        return new Outline(root.definitions(), List.of(), depth);
    }

    private static void extend(Deque<Open> open, int line) {
        for (Open o : open) {
            o.end = line;
        }
    }

    /** TOML and INI: {@code [section]} headers with {@code key = value} lines under them. */
    private static Outline sections(CodeLines lines, boolean toml) {
        int n = lines.count();
        int[] depth = new int[n];
        Open root = new Open("", -1, 0, 0);
        Open section = null;
        Open key = null;
        int brackets = 0;
        String triple = null;
        for (int i = 0; i < n; i++) {
            String line = lines.line(i);
            if (triple != null || brackets > 0 || !toml && !line.isBlank() && lines.indent(i) > 0 && key != null) {
                // Inside a multi-line TOML string or array, or an indented INI continuation.
                depth[i] = Outline.INSIDE;
                if (!line.isBlank()) {
                    extendAll(root, section, key, i);
                }
                if (toml) {
                    triple = tripleAfter(line, triple);
                    brackets = triple == null ? Math.max(0, brackets + bracketBalance(line)) : brackets;
                }
                continue;
            }
            if (line.isBlank()) {
                depth[i] = Outline.BLANK;
                continue;
            }
            String content = line.strip();
            depth[i] = section == null ? 0 : 1;
            if (content.startsWith("#") || content.startsWith(";")) {
                continue;
            }
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                depth[i] = 0;
                key = null;
                section = new Open(unquote(m.group(1)), 0, leadingComments(lines, i, 0), i);
                root.children.add(section);
                continue;
            }
            Matcher k = (toml ? TOML_KEY : INI_KEY).matcher(line);
            if (k.matches()) {
                int indent = lines.indent(i);
                key = new Open(unquote(k.group(1)), 1, leadingComments(lines, i, indent), i);
                (section == null ? root : section).children.add(key);
                if (toml) {
                    String value = line.substring(line.indexOf('=') + 1);
                    triple = tripleAfter(value, null);
                    brackets = triple == null ? Math.max(0, bracketBalance(value)) : 0;
                }
            }
            extendAll(root, section, key, i);
        }
        return new Outline(root.definitions(), List.of(), depth);
    }

    private static void extendAll(Open root, Open section, Open key, int line) {
        if (section != null) {
            section.end = line;
        }
        if (key != null) {
            key.end = line;
        }
        root.end = line;
    }

    /** The triple quote still open at the end of {@code text}, given the one open at its start. */
    private static String tripleAfter(String text, String open) {
        String current = open;
        int i = 0;
        while (i < text.length()) {
            if (current != null) {
                int close = text.indexOf(current, i);
                if (close < 0) {
                    return current;
                }
                i = close + 3;
                current = null;
            } else {
                int dq = text.indexOf("\"\"\"", i);
                int sq = text.indexOf("'''", i);
                if (dq < 0 && sq < 0) {
                    return null;
                }
                int at = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
                current = text.substring(at, at + 3);
                i = at + 3;
            }
        }
        return current;
    }

    private static int bracketBalance(String text) {
        int balance = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '#') {
                break;
            } else if (!quoted && c == '[') {
                balance++;
            } else if (!quoted && c == ']') {
                balance--;
            }
        }
        return balance;
    }

    /** JSON: the members of the top-level object, and theirs, where they are written. */
    private static Outline json(CodeLines lines) {
        int[] depth = new int[lines.count()];
        for (int i = 0; i < depth.length; i++) {
            depth[i] = lines.isBlank(i) ? Outline.BLANK : lines.indent(i);
        }
        JsonTree.Value root;
        try {
            root = JsonTree.parse(lines.text());
        } catch (JsonTree.Malformed e) {
            return new Outline(List.of(), List.of(), depth);
        }
        int[] starts = lines.lineStarts();
        return new Outline(members(root, starts), List.of(), depth);
    }

    private static List<Definition> members(JsonTree.Value value, int[] starts) {
        List<Definition> definitions = new ArrayList<>();
        if (value instanceof JsonTree.Obj obj) {
            for (JsonTree.Member m : obj.members()) {
                int start = lineOf(starts, m.keyStart());
                int end = Math.max(start, lineOf(starts, m.value().end() - 1));
                definitions.add(new Definition(m.key(), Definition.Kind.SECTION, start, start, start + 1, end,
                        members(m.value(), starts)));
            }
        }
        return definitions;
    }

    private static int lineOf(int[] starts, int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    private static int leadingComments(CodeLines lines, int line, int indent) {
        int s = line;
        while (s > 0 && !lines.isBlank(s - 1) && lines.indent(s - 1) == indent
                && (lines.line(s - 1).strip().startsWith("#") || lines.line(s - 1).strip().startsWith(";"))) {
            s--;
        }
        return s;
    }

    private static String unquote(String name) {
        String s = name.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** A key or section being read; its end moves down as lines inside it are seen. */
    private static final class Open {
        final String name;
        final int indent;
        final int start;
        final int nameLine;
        final List<Open> children = new ArrayList<>();
        int end;

        Open(String name, int indent, int start, int nameLine) {
            this.name = name;
            this.indent = indent;
            this.start = start;
            this.nameLine = nameLine;
            this.end = nameLine;
        }

        List<Definition> definitions() {
            List<Definition> out = new ArrayList<>();
            for (Open child : children) {
                out.add(new Definition(child.name, Definition.Kind.SECTION, child.start, child.nameLine,
                        child.nameLine + 1, child.end, child.definitions()));
            }
            return out;
        }
    }
}

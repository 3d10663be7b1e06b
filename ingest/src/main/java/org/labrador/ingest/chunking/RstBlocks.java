package org.labrador.ingest.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * reStructuredText, read by a line scanner (no Java library parses it). Section titles are a line
 * of text underlined — and optionally overlined — by one repeated punctuation character, at
 * least as long as the title; as in docutils, each adornment style (character, with or without
 * overline) gets the next level down the first time it appears. Literal blocks (after a
 * paragraph ending in {@code ::}), doctest blocks, tables and the code, math and table
 * directives are kept whole; other directives such as {@code .. note::} are read through, so the
 * code inside them is found too. Title: the first section title.
 */
final class RstBlocks {

    private static final String ADORNMENT_CHARS = "=-~^\"'`#*+:._<>";
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*\\.\\.\\s+([A-Za-z0-9_:-]+?)::");
    private static final Pattern FIELD = Pattern.compile("^:[^:\\s][^:]*:(\\s.*)?$");
    private static final Pattern SIMPLE_TABLE_BORDER = Pattern.compile("^\\s*=+( +=+)+\\s*$");
    private static final Pattern GRID_TABLE_BORDER = Pattern.compile("^\\s*\\+[-=+]*-[-=+]*\\+\\s*$");
    private static final Set<String> CODE_DIRECTIVES = Set.of("code-block", "code", "sourcecode", "literalinclude",
            "parsed-literal", "doctest", "testcode", "testoutput", "ipython", "jupyter-execute", "highlight");
    private static final Set<String> TABLE_DIRECTIVES = Set.of("table", "csv-table", "list-table");
    /** A simple table whose closing border is further away than this is taken for text. */
    private static final int MAX_TABLE_LINES = 2000;

    private final SourceLines source;
    private final LineBlocks blocks;
    /** Adornment styles in order of first appearance: the character, then 'o' if overlined. */
    private final List<String> styles = new ArrayList<>();
    private final List<String> path = new ArrayList<>();
    private String title;

    private RstBlocks(SourceLines source) {
        this.source = source;
        this.blocks = new LineBlocks(source);
    }

    static ParsedDocument parse(String content) {
        return new RstBlocks(new SourceLines(content)).parse();
    }

    private ParsedDocument parse() {
        int i = 0;
        while (i < source.count()) {
            i = source.isBlank(i) ? i + 1 : block(i);
        }
        return new ParsedDocument(title, source, blocks.toBlocks());
    }

    /** Reads the block starting at non-blank line {@code i}; returns the line after it. */
    private int block(int i) {
        String line = source.line(i);
        String stripped = line.strip();
        int next = sectionTitle(i);
        if (next > i) {
            return next;
        }
        if (stripped.equals("..") || stripped.startsWith(".. ")) {
            return explicitMarkup(i);
        }
        if (SIMPLE_TABLE_BORDER.matcher(line).matches()) {
            int end = simpleTableEnd(i);
            if (end > i) {
                blocks.add(Block.Kind.TABLE, path, i, end);
                return end + 1;
            }
        }
        if (GRID_TABLE_BORDER.matcher(line).matches()) {
            int end = i;
            while (end + 1 < source.count() && startsWithAny(source.line(end + 1).strip(), "+", "|")) {
                end++;
            }
            blocks.add(Block.Kind.TABLE, path, i, end);
            return end + 1;
        }
        if (!stripped.equals("::") && isAdornment(line)) {
            return i + 1; // a transition: a separator, not text
        }
        return paragraph(i);
    }

    /** If a section title starts at line {@code i}, records it and returns the line after it; else -1. */
    private int sectionTitle(int i) {
        int n = source.count();
        String first = source.line(i);
        boolean overlined = isAdornment(first) && i + 2 < n && !source.isBlank(i + 1)
                && source.line(i + 2).stripTrailing().equals(first.stripTrailing())
                && source.line(i + 1).strip().length() <= first.stripTrailing().length();
        boolean underlined = !overlined && !isAdornment(first) && source.indent(i) == 0 && i + 1 < n
                && isAdornment(source.line(i + 1))
                && source.line(i + 1).stripTrailing().length() >= first.strip().length();
        if (!overlined && !underlined) {
            return -1;
        }
        String text = (overlined ? source.line(i + 1) : first).strip();
        char adornment = (overlined ? first : source.line(i + 1)).charAt(0);
        String style = adornment + (overlined ? "o" : "u");
        if (!styles.contains(style)) {
            styles.add(style);
        }
        int level = styles.indexOf(style);
        path.subList(Math.min(level, path.size()), path.size()).clear();
        path.add(text);
        if (title == null) {
            title = text;
        }
        int last = overlined ? i + 2 : i + 1;
        blocks.add(Block.Kind.HEADING, path, i, last);
        return last + 1;
    }

    /**
     * A directive, footnote or comment. Code, math and table directives are kept whole with their
     * body; other directives contribute their first line and options, and their body is read on
     * as ordinary blocks. Comments and link targets are not text and are passed over.
     */
    private int explicitMarkup(int i) {
        int end = indentedEnd(i, source.indent(i));
        Matcher directive = DIRECTIVE.matcher(source.line(i));
        if (!directive.find()) {
            if (source.line(i).strip().startsWith(".. [")) {
                blocks.add(Block.Kind.PROSE, path, i, end);
            }
            return end + 1;
        }
        String name = directive.group(1).toLowerCase(java.util.Locale.ROOT);
        if (CODE_DIRECTIVES.contains(name) || name.endsWith(":code-block")) {
            blocks.add(Block.Kind.CODE, path, i, end);
        } else if (name.equals("math") || name.endsWith(":math")) {
            blocks.add(Block.Kind.MATH, path, i, end);
        } else if (TABLE_DIRECTIVES.contains(name)) {
            blocks.add(Block.Kind.TABLE, path, i, end);
        } else {
            int head = i;
            while (head + 1 <= end && !source.isBlank(head + 1) && source.line(head + 1).strip().startsWith(":")) {
                head++;
            }
            blocks.add(Block.Kind.PROSE, path, i, head);
            return head + 1;
        }
        return end + 1;
    }

    /** Lines up to a blank line; a paragraph ending in {@code ::} introduces the literal block after it. */
    private int paragraph(int i) {
        int end = i;
        while (end + 1 < source.count() && !source.isBlank(end + 1)) {
            end++;
        }
        if (title == null && isFieldList(i, end)) {
            return end + 1; // document metadata such as :orphan: or :tocdepth: 2, not text
        }
        boolean doctest = source.line(i).strip().startsWith(">>>");
        blocks.add(doctest ? Block.Kind.CODE : Block.Kind.PROSE, path, i, end);
        if (!source.line(end).stripTrailing().endsWith("::")) {
            return end + 1;
        }
        int literal = end + 1;
        while (literal < source.count() && source.isBlank(literal)) {
            literal++;
        }
        if (literal >= source.count() || source.indent(literal) <= source.indent(i)) {
            return end + 1;
        }
        int literalEnd = indentedEnd(literal - 1, source.indent(i));
        blocks.add(Block.Kind.CODE, path, literal, literalEnd);
        return literalEnd + 1;
    }

    private boolean isFieldList(int first, int last) {
        for (int j = first; j <= last; j++) {
            if (!FIELD.matcher(source.line(j).stripTrailing()).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The last non-blank line after {@code i} indented deeper than {@code indent}, or {@code i}. */
    private int indentedEnd(int i, int indent) {
        int end = i;
        for (int j = i + 1; j < source.count(); j++) {
            if (source.isBlank(j)) {
                continue;
            }
            if (source.indent(j) <= indent) {
                break;
            }
            end = j;
        }
        return end;
    }

    /** The closing border of a simple table opening at {@code i}: a border followed by a blank line. */
    private int simpleTableEnd(int i) {
        for (int j = i + 1; j < source.count() && j <= i + MAX_TABLE_LINES; j++) {
            if (SIMPLE_TABLE_BORDER.matcher(source.line(j)).matches()
                    && (j + 1 == source.count() || source.isBlank(j + 1))) {
                return j;
            }
        }
        return -1;
    }

    /** A line of at least two of one punctuation character, from the first column. */
    private static boolean isAdornment(String line) {
        String s = line.stripTrailing();
        if (s.length() < 2 || ADORNMENT_CHARS.indexOf(s.charAt(0)) < 0) {
            return false;
        }
        for (int k = 1; k < s.length(); k++) {
            if (s.charAt(k) != s.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithAny(String s, String... prefixes) {
        for (String prefix : prefixes) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

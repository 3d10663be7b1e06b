package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.labrador.ingest.chunking.Passage;

/**
 * Turns an outline into passages. Each function or type becomes one passage, whole, so that a
 * citation points at a complete definition. One larger than twice the target is opened up: its
 * nested definitions (the methods of a class) become passages of their own, and what lies between
 * them (class header, docstring, class-level statements) is packed like module-level code; a
 * large function without nested definitions is cut between the statements of its body. Code
 * between definitions is packed up to the target.
 *
 * <p>Small functions are deliberately not merged with their neighbours: a passage per function
 * keeps its qualified name and headings exact, which is what "where is X defined?" needs. Only
 * config sections, which are usually a line or two, are packed together up to the target.
 */
final class OutlinePacker {

    /** Closing braces or a bare namespace opening (perhaps with a comment) are not worth a passage. */
    private static final Pattern TRIVIAL_LINE = Pattern.compile(
            "\\s*(?:(?:inline\\s+)?namespace\\s*[\\w:]*\\s*|extern\\s*\"C\"\\s*)?[{}()\\[\\];,]*\\s*(//.*)?");
    private static final Pattern NAME_SEPARATOR = Pattern.compile("::|\\.");

    private final CodeLines lines;
    private final Outline outline;
    private final String language;
    private final int targetTokens;
    private final LineCuts cuts;
    private final TreeMap<Integer, List<String>> namesByLine = new TreeMap<>();
    private final List<CodePassage> out = new ArrayList<>();

    OutlinePacker(CodeLines lines, Outline outline, String language, int targetTokens) {
        this.lines = lines;
        this.outline = outline;
        this.language = language;
        this.targetTokens = targetTokens;
        this.cuts = new LineCuts(lines, outline.depth(), targetTokens);
        for (Symbol symbol : outline.symbols()) {
            namesByLine.computeIfAbsent(symbol.line(), k -> new ArrayList<>()).add(symbol.name());
        }
        indexNames(outline.definitions());
    }

    List<CodePassage> pack(String module) {
        out.clear();
        packRange(0, lines.count() - 1, outline.definitions(), List.of(module));
        return List.copyOf(out);
    }

    private void indexNames(List<Definition> definitions) {
        for (Definition d : definitions) {
            if (!d.name().isEmpty()) {
                List<String> names = namesByLine.computeIfAbsent(d.nameLine(), k -> new ArrayList<>());
                List<String> parts = parts(d.name());
                names.add(parts.getLast());
                names.add(d.name());
            }
            indexNames(d.children());
        }
    }

    private void packRange(int from, int to, List<Definition> definitions, List<String> path) {
        packRange(from, to, definitions, path, from);
    }

    /** @param firstCut where the first loose run may first be cut: past the signature of an opened definition */
    private void packRange(int from, int to, List<Definition> definitions, List<String> path, int firstCut) {
        int cursor = from;
        List<Definition> group = new ArrayList<>();
        for (Definition d : definitions) {
            if (d.start() < cursor || d.end() > to) {
                continue; // overlapping or stray definitions from malformed code: read as loose lines
            }
            boolean section = d.kind() == Definition.Kind.SECTION;
            if (section && !group.isEmpty() && lines.tokens(group.getFirst().start(), d.end()) <= targetTokens) {
                group.add(d);
                cursor = d.end() + 1;
                continue;
            }
            flush(group, path);
            loose(cursor, d.start() - 1, path, cursor == from ? firstCut : cursor);
            if (section && lines.tokens(d.start(), d.end()) <= targetTokens) {
                group.add(d);
            } else {
                definition(d, path);
            }
            cursor = d.end() + 1;
        }
        flush(group, path);
        loose(cursor, to, path, cursor == from ? firstCut : cursor);
    }

    private void definition(Definition d, List<String> path) {
        List<String> inner = new ArrayList<>(path);
        if (!d.name().isEmpty()) {
            inner.addAll(parts(d.name()));
        }
        if (d.kind() == Definition.Kind.NAMESPACE) {
            packRange(d.start(), d.end(), d.children(), inner);
        } else if (lines.tokens(d.start(), d.end()) <= cuts.maxTokens()) {
            emit(d.start(), d.end(), inner);
        } else if (!d.children().isEmpty()) {
            packRange(d.start(), d.end(), d.children(), inner, d.bodyStart());
        } else {
            for (int[] range : cuts.cut(d.start(), d.end(), minDepth(d.bodyStart(), d.end()), d.bodyStart())) {
                emit(range[0], range[1], inner);
            }
        }
    }

    private void flush(List<Definition> group, List<String> path) {
        if (group.isEmpty()) {
            return;
        }
        List<String> headings = new ArrayList<>(path);
        if (group.size() == 1) {
            headings.addAll(parts(group.getFirst().name()));
        }
        emit(group.getFirst().start(), group.getLast().end(), headings);
        group.clear();
    }

    private void loose(int from, int to, List<String> path, int firstCut) {
        if (from > to) {
            return;
        }
        for (int[] range : cuts.cut(from, to, minDepth(from, to), firstCut)) {
            if (!trivial(range[0], range[1])) {
                emit(range[0], range[1], path);
            }
        }
    }

    private void emit(int start, int end, List<String> headings) {
        while (start < end && lines.isBlank(start)) {
            start++;
        }
        while (end > start && lines.isBlank(end)) {
            end--;
        }
        String text = lines.join(start, end);
        if (text.isBlank()) {
            return;
        }
        LinkedHashSet<String> symbols = new LinkedHashSet<>();
        for (Map.Entry<Integer, List<String>> e : namesByLine.subMap(start, true, end, true).entrySet()) {
            symbols.addAll(e.getValue());
        }
        Passage passage = new Passage(headings, start + 1, end + 1, text);
        out.add(new CodePassage(passage, language, String.join(".", headings), List.copyOf(symbols)));
    }

    private boolean trivial(int from, int to) {
        for (int i = from; i <= to; i++) {
            if (!TRIVIAL_LINE.matcher(lines.line(i)).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The shallowest statement depth in the range: the level its own statements sit at. */
    private int minDepth(int from, int to) {
        int min = Integer.MAX_VALUE - 1;
        int[] depth = outline.depth();
        for (int i = Math.max(0, from); i <= to && i < depth.length; i++) {
            if (depth[i] != Outline.INSIDE && depth[i] != Outline.BLANK) {
                min = Math.min(min, depth[i]);
            }
        }
        return min;
    }

    static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : NAME_SEPARATOR.split(name)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts.isEmpty() ? List.of(name) : parts;
    }
}

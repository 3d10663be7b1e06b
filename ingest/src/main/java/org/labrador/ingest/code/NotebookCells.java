package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.chunking.TokenCount;

/**
 * Cuts a Jupyter notebook into passages of cell sources. Outputs are dropped (plots and tables
 * are noise for search, and base64 images are huge). Small consecutive cells are packed together
 * up to the target, a markdown heading always starts a new passage, and a cell too large for one
 * passage is cut between its source lines. The passage text is the cell source; its lines are the
 * lines of the {@code .ipynb} file where the cell's {@code "source"} strings are written, so that a
 * link opens next to the cell. A file that is not a notebook in the version-4 layout yields no
 * passages: raw JSON would only pollute the index.
 */
final class NotebookCells {

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

    private final String notebook;
    private final int targetTokens;
    private final List<CodePassage> out = new ArrayList<>();
    private final List<Cell> group = new ArrayList<>();

    /** One cell's source: its source strings and the file line of each. */
    private record Cell(boolean code, List<String> parts, int[] partLines, String heading) {
        String text(int from, int to) {
            return String.join("", parts.subList(from, to)).stripTrailing();
        }

        String text() {
            return text(0, parts.size());
        }
    }

    private NotebookCells(String notebook, int targetTokens) {
        this.notebook = notebook;
        this.targetTokens = targetTokens;
    }

    static List<CodePassage> read(String content, String notebook, int targetTokens) {
        CodeLines lines = new CodeLines(content);
        JsonTree.Value root;
        try {
            root = JsonTree.parse(lines.text());
        } catch (JsonTree.Malformed e) {
            return List.of();
        }
        if (!(root instanceof JsonTree.Obj obj) || !(obj.get("cells") instanceof JsonTree.Arr cells)) {
            return List.of();
        }
        return new NotebookCells(notebook, targetTokens).cut(cells, lines.lineStarts());
    }

    private List<CodePassage> cut(JsonTree.Arr cells, int[] starts) {
        String heading = null;
        for (JsonTree.Value value : cells.items()) {
            if (!(value instanceof JsonTree.Obj cell) || !(cell.get("cell_type") instanceof JsonTree.Str type)) {
                continue;
            }
            boolean code = type.value().equals("code");
            if (!code && !type.value().equals("markdown")) {
                continue; // raw cells hold export metadata, not text
            }
            List<String> parts = new ArrayList<>();
            List<Integer> partLines = new ArrayList<>();
            JsonTree.Value source = cell.get("source");
            if (source instanceof JsonTree.Str s) {
                parts.add(s.value());
                partLines.add(lineOf(starts, s.start()));
            } else if (source instanceof JsonTree.Arr array) {
                for (JsonTree.Value part : array.items()) {
                    if (part instanceof JsonTree.Str s) {
                        parts.add(s.value());
                        partLines.add(lineOf(starts, s.start()));
                    }
                }
            }
            String text = String.join("", parts);
            if (text.isBlank()) {
                continue;
            }
            List<String> headings = code ? List.of() : headingsIn(text);
            if (!headings.isEmpty()) {
                flush();
            }
            String cellHeading = headings.isEmpty() ? heading : headings.getFirst();
            Cell c = new Cell(code, parts, partLines.stream().mapToInt(Integer::intValue).toArray(), cellHeading);
            add(c);
            if (!headings.isEmpty()) {
                heading = headings.getLast();
            }
        }
        flush();
        return out;
    }

    private void add(Cell cell) {
        int tokens = TokenCount.of(cell.text());
        if (tokens > 2 * targetTokens) {
            flush();
            splitLarge(cell);
            return;
        }
        if (!group.isEmpty() && groupTokens() + tokens > targetTokens) {
            flush();
        }
        group.add(cell);
    }

    private int groupTokens() {
        return group.stream().mapToInt(c -> TokenCount.of(c.text())).sum();
    }

    /** A cell too large for one passage, cut between source lines, preferably after a blank one. */
    private void splitLarge(Cell cell) {
        int from = 0;
        int tokens = 0;
        for (int i = 0; i < cell.parts().size(); i++) {
            tokens += TokenCount.of(cell.parts().get(i));
            boolean last = i == cell.parts().size() - 1;
            boolean atBlank = i + 1 < cell.parts().size() && cell.parts().get(i + 1).isBlank();
            if (last || tokens >= targetTokens && atBlank || tokens >= 2 * targetTokens - 40) {
                String text = cell.text(from, i + 1);
                if (!text.isBlank()) {
                    emit(List.of(new Cell(cell.code(), cell.parts().subList(from, i + 1),
                            Arrays.copyOfRange(cell.partLines(), from, i + 1), cell.heading())));
                }
                from = i + 1;
                tokens = 0;
            }
        }
    }

    private void flush() {
        if (!group.isEmpty()) {
            emit(List.copyOf(group));
            group.clear();
        }
    }

    private void emit(List<Cell> cells) {
        List<String> texts = new ArrayList<>();
        LinkedHashSet<String> symbols = new LinkedHashSet<>();
        for (Cell c : cells) {
            texts.add(c.text());
            if (c.code()) {
                symbols.addAll(pythonNames(c.text()));
            }
        }
        Cell first = cells.getFirst();
        Cell last = cells.getLast();
        int startLine = first.partLines()[0] + 1;
        int endLine = last.partLines()[last.partLines().length - 1] + 1;
        List<String> headings = first.heading() == null ? List.of(notebook) : List.of(notebook, first.heading());
        Passage passage = new Passage(headings, startLine, endLine, String.join("\n\n", texts));
        out.add(new CodePassage(passage, "notebook", notebook, List.copyOf(symbols)));
    }

    private static List<String> headingsIn(String markdown) {
        List<String> headings = new ArrayList<>();
        Matcher m = HEADING.matcher(markdown);
        while (m.find()) {
            headings.add(m.group(1));
        }
        return headings;
    }

    /** Functions, classes and module-level names a code cell defines, read as Python. */
    private static List<String> pythonNames(String source) {
        Outline outline = PythonDefinitions.read(new CodeLines(source));
        List<String> names = new ArrayList<>();
        addNames(outline.definitions(), names);
        outline.symbols().forEach(s -> names.add(s.name()));
        return names;
    }

    private static void addNames(List<Definition> definitions, List<String> names) {
        for (Definition d : definitions) {
            names.add(d.name());
            addNames(d.children(), names);
        }
    }

    private static int lineOf(int[] starts, int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }
}

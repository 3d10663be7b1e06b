package org.labrador.ingest.wiki;

import java.util.ArrayList;
import java.util.List;

/**
 * Flattens wikitext tables ({@code {| … |}}) to readable rows: one line per row, cells joined by
 * {@code " | "}, the caption first. The rows stand on the first lines of the table's span and the
 * rest of the span is left blank, so the text after the table keeps its line numbers. Nested
 * tables give their rows in place.
 */
final class WikiTables {

    private WikiTables() {
    }

    static String flatten(String text) {
        if (!text.contains("{|")) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].stripLeading().startsWith("{|")) {
                out.add(lines[i++]);
                continue;
            }
            int end = tableEnd(lines, i);
            List<String> rows = rows(lines, i, end);
            int span = end - i + 1;
            for (int k = 0; k < span; k++) {
                out.add(k < rows.size() ? rows.get(k) : "");
            }
            // More rows than lines (several rows written on one line) fold into the last line.
            if (rows.size() > span) {
                out.set(out.size() - 1, out.getLast() + " ; " + String.join(" ; ", rows.subList(span, rows.size())));
            }
            i = end + 1;
        }
        return String.join("\n", out);
    }

    /** The line closing the table opened at {@code start}, or the last line when it is never closed. */
    private static int tableEnd(String[] lines, int start) {
        int depth = 0;
        for (int i = start; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (line.startsWith("{|")) {
                depth++;
            } else if (line.startsWith("|}")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return lines.length - 1;
    }

    private static List<String> rows(String[] lines, int start, int end) {
        List<String> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (int i = start; i <= end; i++) {
            String line = lines[i].strip();
            if (line.startsWith("{|") || line.startsWith("|}") || line.startsWith("|-")) {
                addRow(rows, cells);
            } else if (line.startsWith("|+")) {
                addRow(rows, cells);
                String caption = content(line.substring(2));
                if (!caption.isEmpty()) {
                    rows.add(caption);
                }
            } else if (line.startsWith("|") || line.startsWith("!")) {
                String separator = line.startsWith("!") ? "!!|\\|\\|" : "\\|\\|";
                for (String cell : line.substring(1).split(separator)) {
                    cells.add(content(cell));
                }
            } else if (!line.isEmpty()) {
                // A cell's text continued on the next line.
                if (cells.isEmpty()) {
                    cells.add(line);
                } else {
                    cells.set(cells.size() - 1, (cells.getLast() + " " + line).strip());
                }
            }
        }
        addRow(rows, cells);
        return rows;
    }

    private static void addRow(List<String> rows, List<String> cells) {
        String row = String.join(" | ", cells.stream().filter(c -> !c.isEmpty()).toList());
        if (!row.isEmpty()) {
            rows.add(row);
        }
        cells.clear();
    }

    /** A cell's text without its attributes ({@code style="…" | text}). */
    private static String content(String cell) {
        int pipe = cell.indexOf('|');
        if (pipe >= 0 && cell.substring(0, pipe).contains("=")) {
            return cell.substring(pipe + 1).strip();
        }
        return cell.strip();
    }
}

package org.labrador.ingest.papers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tidies the lines extracted from a PDF without changing their number, so line numbers stay those
 * of the extracted text: running headers and footers (a line repeated at the top or bottom of most
 * pages, page numbers aside) are blanked, and a word hyphenated at a line end is joined again
 * ("detec-" + "tor rate" gives "detector" and "rate").
 */
final class PaperLines {

    /** How many lines at the top and bottom of a page may be a running header or footer. */
    private static final int EDGE_LINES = 6;
    private static final Pattern HYPHENATED = Pattern.compile(".*\\p{Ll}-$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private PaperLines() {
    }

    static List<PageLine> tidy(List<PageLine> lines, int pages) {
        List<PageLine> out = new ArrayList<>(lines);
        blankRunningLines(out, pages);
        joinHyphenation(out);
        return out;
    }

    private static void blankRunningLines(List<PageLine> lines, int pages) {
        if (pages < 3) {
            return;
        }
        Map<Integer, List<Integer>> byPage = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).text().isBlank()) {
                byPage.computeIfAbsent(lines.get(i).page(), p -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Integer> pagesWith = new HashMap<>();
        Map<Integer, String> keyOf = new HashMap<>();
        for (List<Integer> indices : byPage.values()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int k = 0; k < indices.size(); k++) {
                if (k < EDGE_LINES || k >= indices.size() - EDGE_LINES) {
                    String key = key(lines.get(indices.get(k)).text());
                    keyOf.put(indices.get(k), key);
                    if (seen.add(key)) {
                        pagesWith.merge(key, 1, Integer::sum);
                    }
                }
            }
        }
        int threshold = Math.max(3, (pages + 1) / 2);
        for (Map.Entry<Integer, String> e : keyOf.entrySet()) {
            if (pagesWith.get(e.getValue()) >= threshold) {
                PageLine line = lines.get(e.getKey());
                lines.set(e.getKey(), new PageLine("", line.page()));
            }
        }
    }

    /** A line with its numbers taken out, so "Page 3" and "Page 4" are the same running footer. */
    private static String key(String text) {
        return DIGITS.matcher(text.strip()).replaceAll("#").replaceAll("\\s+", " ");
    }

    private static void joinHyphenation(List<PageLine> lines) {
        for (int i = 0; i < lines.size() - 1; i++) {
            String line = lines.get(i).text();
            if (!HYPHENATED.matcher(line).matches()) {
                continue;
            }
            int next = i + 1;
            while (next < lines.size() && lines.get(next).text().isBlank() && next - i <= EDGE_LINES * 2) {
                next++;
            }
            if (next >= lines.size()) {
                return;
            }
            String following = lines.get(next).text().stripLeading();
            if (following.isEmpty() || !Character.isLowerCase(following.codePointAt(0))) {
                continue;
            }
            int wordEnd = 0;
            while (wordEnd < following.length() && !Character.isWhitespace(following.charAt(wordEnd))) {
                wordEnd++;
            }
            lines.set(i, new PageLine(line.substring(0, line.length() - 1) + following.substring(0, wordEnd),
                    lines.get(i).page()));
            lines.set(next, new PageLine(following.substring(wordEnd).stripLeading(), lines.get(next).page()));
        }
    }
}

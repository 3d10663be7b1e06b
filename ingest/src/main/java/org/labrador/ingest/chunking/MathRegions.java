package org.labrador.ingest.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds display formulas written in LaTeX in a text — {@code $$ … $$}, {@code \[ … \]} and
 * {@code \begin{equation} … \end{equation}} and its siblings — as line ranges. An opening marker
 * with no closing one within {@value #MAX_LINES} lines is taken for something else (a shell's
 * {@code $$}, say) rather than a formula that swallows the rest of the document.
 */
final class MathRegions {

    private static final int MAX_LINES = 200;
    private static final Pattern BEGIN = Pattern.compile(
            "^\\\\begin\\{(equation|align|alignat|gather|multline|eqnarray|displaymath|math|split)(\\*?)\\}");

    private MathRegions() {
    }

    /** 0-based inclusive line ranges of formulas, skipping lines marked in {@code excluded}. */
    static List<int[]> find(SourceLines source, boolean[] excluded) {
        List<int[]> regions = new ArrayList<>();
        for (int i = 0; i < source.count(); i++) {
            if (excluded[i]) {
                continue;
            }
            String line = source.line(i).strip();
            String close;
            int openLength;
            Matcher begin = BEGIN.matcher(line);
            if (line.startsWith("$$")) {
                close = "$$";
                openLength = 2;
            } else if (line.startsWith("\\[")) {
                close = "\\]";
                openLength = 2;
            } else if (begin.find()) {
                close = "\\end{" + begin.group(1) + begin.group(2) + "}";
                openLength = begin.end();
            } else {
                continue;
            }
            int end = line.indexOf(close, openLength) >= 0 ? i : closingLine(source, excluded, i, close);
            if (end >= 0) {
                regions.add(new int[] {i, end});
                i = end;
            }
        }
        return regions;
    }

    private static int closingLine(SourceLines source, boolean[] excluded, int open, String close) {
        for (int j = open + 1; j < source.count() && j <= open + MAX_LINES && !excluded[j]; j++) {
            if (source.line(j).contains(close)) {
                return j;
            }
        }
        return -1;
    }
}

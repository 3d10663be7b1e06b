package org.labrador.chatserver.ask;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source numbers an answer cites: {@code [1]}, {@code [2, 3]}, {@code [4][5]}, outside code
 * (in code, {@code a[0]} is an index, not a citation). A model may cite a number that names no
 * source; {@link #check} takes those out.
 */
final class CitationMarkers {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");
    /** Fenced code blocks (to the closing fence or the end) and inline code spans (within a line). */
    private static final Pattern CODE = Pattern.compile(
            "(?ms)^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\\1[^\\n]*$|\\z)|(`+)[^`\\n][^\\n]*?\\2");

    /**
     * An answer after its citations were checked.
     *
     * @param text    the answer without the numbers that name no source (unchanged when all do)
     * @param cited   the numbers cited, each naming a source, in order of first mention
     * @param removed how many cited numbers named no source and were taken out
     */
    record Checked(String text, Set<Integer> cited, int removed) {
    }

    private CitationMarkers() {
    }

    /** Cited numbers in order of first mention, limited to 1..count. */
    static Set<Integer> cited(String answer, int count) {
        return check(answer, count).cited();
    }

    /**
     * Takes out of {@code answer} every cited number outside 1..count: from a group ({@code [2, 7]}
     * becomes {@code [2]}), or the whole marker with the space before it when none is left
     * ({@code "… 3 PE [7]."} becomes {@code "… 3 PE."}). Code is left as it is.
     */
    static Checked check(String answer, int count) {
        List<int[]> code = codeRanges(answer);
        Set<Integer> cited = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        int removed = 0;
        int copied = 0;
        Matcher m = MARKER.matcher(answer);
        while (m.find()) {
            if (inside(code, m.start())) {
                continue;
            }
            List<String> valid = new ArrayList<>();
            int numbers = 0;
            for (String n : m.group(1).split(",")) {
                numbers++;
                int value = Integer.parseInt(n.strip());
                if (value >= 1 && value <= count) {
                    cited.add(value);
                    valid.add(String.valueOf(value));
                }
            }
            if (valid.size() == numbers) {
                continue; // every number names a source: the marker stays as written
            }
            removed += numbers - valid.size();
            int start = m.start();
            if (valid.isEmpty() && start > copied && (answer.charAt(start - 1) == ' ' || answer.charAt(start - 1) == '\t')) {
                start--; // "3 PE [7]." reads "3 PE."
            }
            out.append(answer, copied, start);
            if (!valid.isEmpty()) {
                out.append('[').append(String.join(", ", valid)).append(']');
            }
            copied = m.end();
        }
        out.append(answer, copied, answer.length());
        return new Checked(removed == 0 ? answer : out.toString(), cited, removed);
    }

    private static List<int[]> codeRanges(String text) {
        List<int[]> ranges = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            ranges.add(new int[] {m.start(), m.end()});
        }
        return ranges;
    }

    private static boolean inside(List<int[]> ranges, int at) {
        for (int[] r : ranges) {
            if (at >= r[0] && at < r[1]) {
                return true;
            }
        }
        return false;
    }
}

package org.labrador.chatserver.ask;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the source numbers an answer cites: {@code [1]}, {@code [2, 3]}, {@code [4][5]}. */
final class CitationMarkers {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");

    private CitationMarkers() {
    }

    /** Cited numbers in order of first mention, limited to 1..count. */
    static Set<Integer> cited(String answer, int count) {
        Set<Integer> numbers = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(answer);
        while (m.find()) {
            for (String n : m.group(1).split(",")) {
                int value = Integer.parseInt(n.strip());
                if (value >= 1 && value <= count) {
                    numbers.add(value);
                }
            }
        }
        return numbers;
    }
}

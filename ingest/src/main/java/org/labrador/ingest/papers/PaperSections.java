package org.labrador.ingest.papers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the section headings of a paper's extracted text: numbered ones ("1 Introduction",
 * "2.3 Results", "II. METHOD") and the usual unnumbered ones (Abstract, Introduction, Conclusions,
 * Acknowledgments, References, Appendix). A numbered line counts as a heading only when its number
 * follows the previous heading's ("2.1" after "2", "3" after "2.4"), which tells headings from
 * affiliations, footnotes and numbered list items; table-of-contents lines end with a page number
 * and are not headings.
 */
final class PaperSections {

    /**
     * A section: its heading path and its lines, from its heading line to the line before the next.
     *
     * @param headings the heading path, outermost first; empty for the front matter before any heading
     * @param from     first line, 0-based index into the paper's lines
     * @param to       last line, inclusive
     */
    record Section(List<String> headings, int from, int to) {
    }

    static final String REFERENCES = "References";

    private static final int MAX_HEADING_CHARS = 80;
    private static final Pattern NUMBERED = Pattern.compile(
            "^(\\d{1,2}(?:\\.\\d{1,2}){0,3})\\.?\\s+(\\p{Lu}[^,;=]*?)\\s*$");
    private static final Pattern ROMAN = Pattern.compile("^([IVX]{1,5})\\.\\s+(\\p{Lu}[^,;=]*?)\\s*$");
    private static final Pattern NAMED = Pattern.compile(
            "^(abstract|contents|introduction|conclusions?|summary|discussion|acknowledge?ments?|references|bibliography"
                    + "|appendix(?:[.:]?\\s+[A-Z0-9][^,;=]{0,60}?)?)\\s*[.:]?(?<!\\d)$",
            Pattern.CASE_INSENSITIVE);
    /** The first entry of a reference list that has no heading of its own. */
    private static final Pattern FIRST_REFERENCE = Pattern.compile("^\\[1\\]\\s*\\p{Lu}.*");
    private static final Pattern INLINE_ABSTRACT = Pattern.compile("^(?i:abstract)\\s*[.:—–-]\\s+\\S.*");

    private PaperSections() {
    }

    static List<Section> find(List<PageLine> lines) {
        List<Section> sections = new ArrayList<>();
        List<String> path = new ArrayList<>();
        int[] lastNumber = new int[0];
        boolean roman = false;
        Set<String> named = new HashSet<>();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).text().strip();
            List<String> next = null;
            Matcher m;
            if (line.isEmpty() || line.length() > MAX_HEADING_CHARS) {
                continue;
            }
            if ((m = NUMBERED.matcher(line)).matches() && plausible(m.group(2)) && !roman) {
                int[] number = parse(m.group(1));
                if (follows(lastNumber, number)) {
                    lastNumber = number;
                    next = new ArrayList<>(path.subList(0, Math.min(path.size(), number.length - 1)));
                    next.add(line);
                }
            } else if ((m = ROMAN.matcher(line)).matches() && plausible(m.group(2))
                    && (roman || lastNumber.length == 0)) {
                int number = romanValue(m.group(1));
                if (number == (lastNumber.length == 0 ? 1 : lastNumber[0] + 1)) {
                    roman = true;
                    lastNumber = new int[] {number};
                    next = List.of(line);
                }
            } else if ((m = NAMED.matcher(line)).matches() || INLINE_ABSTRACT.matcher(line).matches()) {
                String heading = m.matches() ? canonical(m.group(1)) : "Abstract";
                if (named.add(heading.toLowerCase(Locale.ROOT))) {
                    next = List.of(heading);
                }
            }
            if (next == null && FIRST_REFERENCE.matcher(line).matches() && !named.contains("references")
                    && i * 3 >= lines.size() * 2) {
                named.add("references");
                next = List.of(REFERENCES);
            }
            if (next != null) {
                if (i > start) {
                    sections.add(new Section(List.copyOf(path), start, i - 1));
                }
                path = new ArrayList<>(next);
                start = i;
            }
        }
        if (start < lines.size()) {
            sections.add(new Section(List.copyOf(path), start, lines.size() - 1));
        }
        return sections;
    }

    /** Heading words, not a sentence or a formula: no final period or page number, few words. */
    private static boolean plausible(String text) {
        String t = text.strip();
        if (t.length() < 3 || t.endsWith(".") || Character.isDigit(t.charAt(t.length() - 1))) {
            return false;
        }
        long letters = t.codePoints().filter(Character::isLetter).count();
        return letters >= 3 && letters * 10 >= t.length() * 7 && t.split("\\s+").length <= 12;
    }

    /** Whether {@code number} may come right after {@code last}: next sibling, first child, or next ancestor. */
    static boolean follows(int[] last, int[] number) {
        if (last.length == 0) {
            return number[0] == 1 && allOnes(number, 1);
        }
        for (int depth = 0; depth < number.length; depth++) {
            if (depth < last.length && depth == number.length - 1) {
                return prefixEquals(last, number, depth) && number[depth] == last[depth] + 1;
            }
            if (depth >= last.length) {
                return prefixEquals(last, number, last.length) && number[depth] == 1 && allOnes(number, depth);
            }
            if (number[depth] != last[depth]) {
                return false;
            }
        }
        return false;
    }

    private static boolean prefixEquals(int[] a, int[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allOnes(int[] number, int from) {
        for (int i = from; i < number.length; i++) {
            if (number[i] != 1) {
                return false;
            }
        }
        return true;
    }

    private static int[] parse(String dotted) {
        String[] parts = dotted.split("\\.");
        int[] number = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            number[i] = Integer.parseInt(parts[i]);
        }
        return number;
    }

    private static int romanValue(String roman) {
        int total = 0;
        int previous = 0;
        for (int i = roman.length() - 1; i >= 0; i--) {
            int value = switch (roman.charAt(i)) {
                case 'I' -> 1;
                case 'V' -> 5;
                default -> 10;
            };
            total += value < previous ? -value : value;
            previous = Math.max(previous, value);
        }
        return total;
    }

    /** "ACKNOWLEDGMENTS" and "acknowledgements:" both read "Acknowledgments"-style, capitalised once. */
    private static String canonical(String heading) {
        String lower = heading.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("references") || lower.equals("bibliography")) {
            return REFERENCES;
        }
        if (lower.startsWith("appendix")) {
            return heading.strip();
        }
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}

package org.labrador.ingest.papers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entries of a BibTeX file that point at a PDF through their {@code file} field, as JabRef
 * ({@code {:papers/x.pdf:PDF}}), Zotero ({@code {Full Text:files/12/x.pdf:application/pdf}}) and
 * plain paths write it, with the entry's title and authors. Braces and the commonest accents are
 * taken out of the values; anything unparsable is passed over.
 */
final class BibtexFile {

    /** What a BibTeX entry says of a paper. */
    record Entry(String key, String title, List<String> authors) {
    }

    private static final Pattern ENTRY_START = Pattern.compile("@(\\w+)\\s*\\{\\s*([^,\\s]*)\\s*,");
    private static final Pattern FIELD = Pattern.compile("(\\w+)\\s*=\\s*");

    private BibtexFile() {
    }

    /** The entries by the absolute, normalised path of their PDF, resolved against the .bib's folder. */
    static Map<Path, Entry> byPdf(String bibtex, Path bibFolder) {
        Map<Path, Entry> out = new HashMap<>();
        Matcher start = ENTRY_START.matcher(bibtex);
        while (start.find()) {
            if (start.group(1).equalsIgnoreCase("comment") || start.group(1).equalsIgnoreCase("string")) {
                continue;
            }
            Map<String, String> fields = fields(bibtex, start.end());
            String file = fields.get("file");
            if (file == null) {
                continue;
            }
            Entry entry = new Entry(start.group(2), clean(fields.getOrDefault("title", "")),
                    authors(fields.getOrDefault("author", "")));
            for (String pdf : pdfPaths(file)) {
                out.put(bibFolder.resolve(pdf).toAbsolutePath().normalize(), entry);
            }
        }
        return out;
    }

    private static Map<String, String> fields(String text, int from) {
        Map<String, String> fields = new HashMap<>();
        int i = from;
        Matcher field = FIELD.matcher(text);
        while (i < text.length()) {
            while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= text.length() || text.charAt(i) == '}' || !field.find(i) || field.start() != i) {
                return fields;
            }
            i = field.end();
            int end = valueEnd(text, i);
            if (end < 0) {
                return fields;
            }
            String raw = text.substring(i, end).strip();
            if (raw.length() >= 2 && (raw.startsWith("{") && raw.endsWith("}") || raw.startsWith("\"") && raw.endsWith("\""))) {
                raw = raw.substring(1, raw.length() - 1);
            }
            fields.put(field.group(1).toLowerCase(java.util.Locale.ROOT), raw);
            i = end;
        }
        return fields;
    }

    /** The end of a field value: the comma or closing brace of the entry outside braces and quotes. */
    private static int valueEnd(String text, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (c == ',' && depth == 0 && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> pdfPaths(String file) {
        List<String> paths = new ArrayList<>();
        for (String item : file.split(";")) {
            for (String part : item.split(":")) {
                if (part.strip().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
                    paths.add(part.strip().replace("\\_", "_"));
                }
            }
        }
        return paths;
    }

    private static List<String> authors(String authors) {
        List<String> out = new ArrayList<>();
        for (String name : clean(authors).split("\\s+and\\s+")) {
            String n = name.strip();
            int comma = n.indexOf(',');
            // "Bolejko, Krzysztof" is written "Krzysztof Bolejko".
            out.add(comma > 0 ? (n.substring(comma + 1).strip() + " " + n.substring(0, comma).strip()).strip() : n);
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static String clean(String value) {
        // Accents are dropped rather than composed: "Rodr{\'\i}guez" reads "Rodriguez".
        return value.replaceAll("\\\\[`'^\"~=.]\\s*", "").replaceAll("\\\\([ij])(?![a-zA-Z])", "$1")
                .replaceAll("[{}]", "").replaceAll("\\s+", " ").strip();
    }
}

package org.labrador.ingest.wiki;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns MediaWiki wikitext into Markdown for the chunker, line for line: the output has exactly
 * the lines of the input, so passages cite the page's own source lines.
 *
 * <p>Kept: headings ({@code == H ==} becomes {@code ## H}), paragraphs, lists, link labels,
 * infobox parameters as {@code key: value} lines, tables flattened to one line per row with cells
 * separated by {@code " | "}, code blocks as fenced code, and {@code <math>} as LaTeX between
 * {@code $…$} (or {@code $$…$$} when the formula stands on its own line, which the chunker then
 * never splits). Dropped: comments, references, other templates (a few inline ones such as
 * {@code {{lang}}} and {@code {{convert}}} give their text), files, categories, interlanguage links,
 * bold and italic quotes, HTML tags and magic words.
 *
 * <p>Why not a library: both wikitext parsers on Maven Central resolve but are unmaintained —
 * Sweble ({@code org.sweble.wikitext:swc-engine}) last released 3.1.9 in September 2018, bliki
 * ({@code info.bliki.wiki:bliki-core}) 3.1.0 in March 2016 — and both aim at rendering HTML through
 * template expansion, which needs the wiki's templates that an export rarely contains. Indexing
 * needs readable text with headings on the source's lines, which this compact converter gives.
 * Never throws on bad markup: what it cannot make sense of stays as text.
 */
final class WikitextConverter {

    private static final char STASH_OPEN = '\uE000';
    private static final char STASH_CLOSE = '\uE001';
    private static final Pattern COMMENT = Pattern.compile("<!--.*?(-->|\\z)", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile(
            "<(syntaxhighlight|source|pre)(\\s[^>]*)?>(.*?)</\\1\\s*>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern LANG = Pattern.compile("lang\\s*=\\s*\"?([\\w+#-]+)");
    private static final Pattern NOWIKI = Pattern.compile("<nowiki\\s*>(.*?)</nowiki\\s*>|<nowiki\\s*/>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern MATH = Pattern.compile("<(math|chem)(\\s[^>]*)?>(.*?)</\\1\\s*>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern DROPPED_ELEMENT = Pattern.compile(
            "<(ref|references|gallery|timeline|imagemap|score|graph|mapframe|templatedata)(\\s[^>]*?)?\\s*(/>|>.*?</\\1\\s*>)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTERNAL_LINK = Pattern.compile(
            "\\[(?:https?:|ftp:|mailto:|//)[^\\s\\]]*(?:\\s+([^\\]\\n]*))?\\]");
    private static final Pattern QUOTES = Pattern.compile("'{2,5}");
    private static final Pattern BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^<>]*)?/?>");
    private static final Pattern MAGIC_WORD = Pattern.compile("__[A-Z]{2,}__");
    private static final Pattern HEADING = Pattern.compile("^(={1,6})\\s*(.+?)\\s*\\1\\s*$");
    private static final Pattern LIST = Pattern.compile("^([*#:;]+)\\s*(.*)$");
    private static final Pattern INTERLANGUAGE = Pattern.compile("^[a-z]{2,3}(-[a-z]+)*:");
    private static final List<String> MEDIA_PREFIXES = List.of("file:", "image:", "media:", "category:", "datei:",
            "bild:", "fichier:", "catégorie:", "kategorie:", "archivo:", "categoría:");

    private final List<String> stash = new ArrayList<>();
    /** The text the current {@link #replace} pass runs over, for matches that look at their line. */
    private String current = "";

    private WikitextConverter() {
    }

    /** The page as Markdown with the same number of lines as {@code wikitext}. */
    static String toMarkdown(String wikitext) {
        return new WikitextConverter().convert(wikitext.replace("\r\n", "\n").replace('\r', '\n'));
    }

    private String convert(String text) {
        text = replace(COMMENT, text, m -> "");
        text = replace(NOWIKI, text, m -> stash(m.group(1) == null ? "" : Entities.decode(m.group(1))));
        text = replace(CODE, text, this::code);
        text = replace(MATH, text, m -> stash(math(m, m.group(0))));
        text = replace(DROPPED_ELEMENT, text, m -> "");
        text = inline(text);
        text = WikiTables.flatten(text);
        return restore(lines(text));
    }

    /** Markup that may appear anywhere, inside table cells and template values too. */
    private String inline(String text) {
        text = Nesting.replace(text, "{{", "}}", inner -> templateText(inner));
        text = Nesting.replace(text, "[[", "]]", WikitextConverter::linkText);
        text = replace(EXTERNAL_LINK, text, m -> m.group(1) == null ? "" : m.group(1).strip());
        text = replace(QUOTES, text, m -> "");
        text = replace(BREAK, text, m -> " ");
        text = replace(TAG, text, m -> "");
        text = replace(MAGIC_WORD, text, m -> "");
        return Entities.decode(text);
    }

    private String code(Matcher m) {
        String body = m.group(3);
        Matcher lang = LANG.matcher(m.group(2) == null ? "" : m.group(2));
        if (body.startsWith("\n") && body.endsWith("\n") && atLineStart(m)) {
            // A block on lines of its own: the tags' lines become the fences.
            return stash("```" + (lang.find() ? lang.group(1) : "") + body + "```");
        }
        return stash(LineCount.keep(body, "`" + body.strip().replaceAll("\\s+", " ") + "`"));
    }

    /** {@code $…$}, or {@code $$…$$} when the formula is alone on its line or marked as a block. */
    private String math(Matcher m, String whole) {
        String latex = m.group(3).strip();
        if (m.group(1).equalsIgnoreCase("chem")) {
            latex = "\\ce{" + latex + "}";
        }
        String attributes = m.group(2) == null ? "" : m.group(2);
        boolean display = attributes.contains("block") || alone(m);
        String math = display ? "$$" + latex + "$$" : "$" + latex + "$";
        return LineCount.keep(whole, math);
    }

    private boolean alone(Matcher m) {
        CharSequence s = current;
        int before = m.start() - 1;
        while (before >= 0 && s.charAt(before) != '\n' && " \t:".indexOf(s.charAt(before)) >= 0) {
            before--;
        }
        int after = m.end();
        while (after < s.length() && s.charAt(after) != '\n' && " \t.,;".indexOf(s.charAt(after)) >= 0) {
            after++;
        }
        return (before < 0 || s.charAt(before) == '\n') && (after >= s.length() || s.charAt(after) == '\n');
    }

    private boolean atLineStart(Matcher m) {
        CharSequence s = current;
        return m.start() == 0 || s.charAt(m.start() - 1) == '\n';
    }

    /**
     * Replaces each match, keeping the line count of what it replaces. Patterns of HTML-like tags
     * are tried only where a {@code <} stands: letting the regex engine try every position of a
     * long page made these passes most of the conversion time.
     */
    private String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        boolean tag = pattern.pattern().startsWith("<");
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        current = text;
        int from = 0;
        while (from <= text.length()) {
            boolean found;
            if (tag) {
                int lt = text.indexOf('<', from);
                if (lt < 0) {
                    break;
                }
                m.region(lt, text.length());
                found = m.lookingAt();
                from = found ? Math.max(m.end(), lt + 1) : lt + 1;
            } else {
                found = m.find(from);
                if (!found) {
                    break;
                }
                from = Math.max(m.end(), m.start() + 1);
            }
            if (found && m.start() >= last) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, m.start()).append(LineCount.keep(m.group(), with.apply(m)));
                last = m.end();
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private String stash(String kept) {
        stash.add(kept);
        // The placeholder stands where the text was; the line breaks it holds come back on restore,
        // so the line breaks are counted once.
        return STASH_OPEN + Integer.toString(stash.size() - 1) + STASH_CLOSE + "\n".repeat(LineCount.of(kept));
    }

    private String restore(String text) {
        if (stash.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == STASH_OPEN ? text.indexOf(STASH_CLOSE, i) : -1;
            if (close > 0) {
                String kept = stash.get(Integer.parseInt(text, i + 1, close, 10));
                out.append(kept);
                // Drop the line breaks that stood in for the stashed ones.
                int breaks = LineCount.of(kept);
                i = close + 1;
                while (breaks > 0 && i < text.length() && text.charAt(i) == '\n') {
                    breaks--;
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Headings, lists and indentation, line by line. */
    private static String lines(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(line(lines[i]));
        }
        return out.toString();
    }

    private static String line(String line) {
        String stripped = line.strip();
        Matcher heading = HEADING.matcher(stripped);
        if (heading.matches()) {
            String title = heading.group(2).strip();
            return title.isEmpty() ? "" : "#".repeat(heading.group(1).length()) + " " + title;
        }
        if (stripped.startsWith("----")) {
            return "";
        }
        Matcher list = LIST.matcher(stripped);
        if (list.matches()) {
            String marks = list.group(1);
            String item = list.group(2).replaceFirst("^:\\s*", "");
            char last = marks.charAt(marks.length() - 1);
            String indent = "  ".repeat(marks.length() - 1);
            return switch (last) {
                case '*' -> indent + "- " + item;
                case '#' -> "   ".repeat(marks.length() - 1) + "1. " + item;
                case ';' -> item.replaceFirst("\\s+:\\s+", ": ");
                default -> item;
            };
        }
        // Leading blanks mean preformatted text in wikitext but code in Markdown: read it as prose.
        return stripped;
    }

    /** The text a template call leaves in the page: infobox fields, a few inline templates, else nothing. */
    private String templateText(String inner) {
        List<String> parts = Nesting.split(inner);
        String name = parts.getFirst().strip().replace('_', ' ').toLowerCase(Locale.ROOT);
        if (name.startsWith("#") || name.startsWith("{") || name.contains(":")) {
            return "";
        }
        List<String> positional = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (String part : parts.subList(1, parts.size())) {
            int eq = part.indexOf('=');
            if (eq > 0 && !part.substring(0, eq).contains("[[")) {
                String value = inline(part.substring(eq + 1)).strip().replaceAll("\\s+", " ");
                if (!value.isEmpty()) {
                    named.add(part.substring(0, eq).strip().replace('_', ' ') + ": " + value);
                }
            } else {
                positional.add(inline(part).strip());
            }
        }
        if (name.startsWith("infobox") || name.startsWith("taxobox") || name.startsWith("ficha de")
                || name.startsWith("boîte") || name.startsWith("infokasten")) {
            return String.join("\n", named);
        }
        return switch (name) {
            case "lang", "lang-en", "transl", "nowrap", "nobr", "math", "mvar", "small", "big", "abbr",
                    "visible anchor", "em", "strong", "nihongo" -> positional.isEmpty() ? ""
                    : name.startsWith("lang") || name.equals("transl")
                            ? positional.getLast() : positional.getFirst();
            case "convert", "cvt" -> positional.size() >= 2 ? positional.get(0) + " " + positional.get(1) : "";
            case "val" -> positional.isEmpty() ? "" : positional.getFirst();
            case "sfrac", "frac" -> String.join("/", positional);
            default -> "";
        };
    }

    private static String linkText(String inner) {
        int pipe = inner.indexOf('|');
        String target = (pipe >= 0 ? inner.substring(0, pipe) : inner).strip();
        String lower = target.toLowerCase(Locale.ROOT);
        if (MEDIA_PREFIXES.stream().anyMatch(lower::startsWith) || INTERLANGUAGE.matcher(target).find()) {
            return "";
        }
        if (pipe >= 0) {
            String label = inner.substring(pipe + 1).strip();
            if (!label.isEmpty()) {
                return label;
            }
            // The pipe trick: [[Help:Contents|]] shows "Contents".
            return target.substring(target.indexOf(':') + 1);
        }
        String shown = target.startsWith(":") ? target.substring(1) : target;
        return shown.startsWith("#") ? shown.substring(1) : shown;
    }
}

package org.labrador.ingest.twiki;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * Turns TML, the markup of TWiki and Foswiki, into Markdown for the chunker, one line for one line
 * (a {@code <verbatim>} tag written after text on the same line is the one case that adds a line),
 * so passages cite the topic's own lines.
 *
 * <ul>
 *   <li>Headings {@code ---+ H} to {@code ---++++++ H} (and Foswiki's numbered {@code ---# H}) become
 *       {@code #} to {@code ######}; {@code !!} (left out of the table of contents) is dropped.</li>
 *   <li>{@code <verbatim>} and {@code <pre>} blocks become fenced code, kept whole and unconverted.</li>
 *   <li>Table rows {@code | a | *b* |} become one line each, cells joined by {@code " | "}.</li>
 *   <li>Bullets and numbered items (three spaces per level) become Markdown lists; {@code * Set X = …}
 *       preference lines (access control, settings) are dropped, for they are no content.</li>
 *   <li>{@code *bold*}, {@code _italic_}, {@code __bold italic__}, {@code =fixed=} and
 *       {@code ==bold fixed==} become Markdown; {@code [[target][label]]} gives its label;
 *       {@code !WikiWord} and {@code <nop>} lose their escape; HTML tags are dropped, their text kept.</li>
 *   <li>Macros: {@code %WEB%} and {@code %TOPIC%} give the names, icon macros such as {@code %X%}
 *       or {@code %T%} a word ("Warning:", "Tip:"), {@code %BR%} a blank, {@code %BULLET%} a bullet;
 *       every other {@code %MACRO%} or {@code %MACRO{…}%} ({@code %TOC%}, {@code %INCLUDE{…}%},
 *       {@code %SEARCH{…}%}, colours, twisties) is dropped: it renders to something that is not the
 *       topic's own text.</li>
 *   <li>LaTeX of the MathModePlugin, {@code %$ … $%} and {@code %\[ … \]%}, becomes {@code $…$} and
 *       {@code $$…$$}, which the chunker never cuts.</li>
 * </ul>
 */
final class TmlSyntax {

    private static final Pattern HEADING = Pattern.compile("^---+([+#]{1,6})(!!)?\\s*(.*?)\\s*$");
    private static final Pattern RULE = Pattern.compile("^-{3,}\\s*$");
    private static final Pattern BLOCK_OPEN = Pattern.compile("<(verbatim|pre)(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST = Pattern.compile("^((?: {3}|\\t)+)(\\*|\\d+\\.?|[aAiI]\\.)\\s+(.*)$");
    private static final Pattern SETTING = Pattern.compile("^(?: {3}|\\t)+\\*\\s+(?:Set|Local)\\s+\\w+\\s*=.*$");
    private static final Pattern DEFINITION = Pattern.compile("^(?: {3}|\\t)+\\$\\s+(.+?):\\s+(.*)$");
    private static final Pattern INDENTED = Pattern.compile("^(?: {3}|\\t)+:\\s+(.*)$");
    private static final Pattern ANCHOR_LINE = Pattern.compile("^#[A-Za-z][A-Za-z0-9_]*\\s*$");
    private static final Pattern INLINE_MATH = Pattern.compile("%\\$(.+?)\\$%");
    private static final Pattern DISPLAY_MATH = Pattern.compile("%\\\\\\[(.+?)\\\\\\]%");
    private static final Pattern MACRO = Pattern.compile("%([A-Z][A-Z0-9_:]*)(\\{[^{}]*\\})?%");
    private static final Pattern LINK = Pattern.compile("\\[\\[([^\\]\\[]*)\\](?:\\[([^\\]]*)\\])?\\]");
    private static final Pattern HTML_LINK = Pattern.compile("<a\\s[^>]*>(.*?)</a>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^>]*)?/?>");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->");
    private static final Pattern ESCAPED_WORD = Pattern.compile("(^|[\\s(])!(?=[A-Za-z0-9%])");
    // TML emphasis: the mark follows a blank or '(' and precedes a blank or punctuation, hugging its text.
    private static final String OPEN = "(^|[\\s(])";
    private static final String CLOSE = "(?=$|[\\s,.;:!?)])";
    private static final Pattern BOLD_FIXED = Pattern.compile(OPEN + "==(\\S|\\S.*?\\S)==" + CLOSE);
    private static final Pattern BOLD_ITALIC = Pattern.compile(OPEN + "__(\\S|\\S.*?\\S)__" + CLOSE);
    private static final Pattern BOLD = Pattern.compile(OPEN + "\\*(\\S|\\S.*?\\S)\\*" + CLOSE);
    private static final Pattern ITALIC = Pattern.compile(OPEN + "_(\\S|\\S.*?\\S)_" + CLOSE);
    private static final Pattern FIXED = Pattern.compile(OPEN + "=(\\S|\\S.*?\\S)=" + CLOSE);
    private static final Map<String, String> ICONS = Map.ofEntries(
            Map.entry("H", "Help:"), Map.entry("I", "Idea:"), Map.entry("N", "New:"), Map.entry("P", "Tip:"),
            Map.entry("Q", "Question:"), Map.entry("T", "Tip:"), Map.entry("U", "Updated:"),
            Map.entry("X", "Warning:"), Map.entry("Y", "Done:"), Map.entry("BR", " "), Map.entry("BB", " •"),
            Map.entry("BULLET", "•"), Map.entry("NBSP", " "), Map.entry("VBAR", "|"), Map.entry("CARET", "^"));

    private TmlSyntax() {
    }

    static String toMarkdown(List<String> lines, String web, String topic) {
        List<String> out = new ArrayList<>(lines.size());
        String blockClose = null;
        boolean inComment = false;
        for (String line : lines) {
            if (blockClose != null) {
                int close = line.toLowerCase(java.util.Locale.ROOT).indexOf(blockClose);
                if (close >= 0) {
                    String last = line.substring(0, close);
                    String after = inline(line.substring(close + blockClose.length()), web, topic);
                    out.add((last.isBlank() ? "```" : last + "\n```") + (after.isEmpty() ? "" : "\n" + after));
                    blockClose = null;
                } else {
                    out.add(line);
                }
                continue;
            }
            if (inComment) {
                int end = line.indexOf("-->");
                if (end < 0) {
                    out.add("");
                    continue;
                }
                inComment = false;
                line = line.substring(end + 3);
            }
            line = COMMENT.matcher(line).replaceAll("");
            int openComment = line.indexOf("<!--");
            if (openComment >= 0) {
                inComment = true;
                line = line.substring(0, openComment);
            }
            Matcher block = BLOCK_OPEN.matcher(line);
            if (block.find()) {
                String close = "</" + block.group(1).toLowerCase(java.util.Locale.ROOT) + ">";
                String before = convertLine(line.substring(0, block.start()), web, topic);
                String rest = line.substring(block.end());
                int closeAt = rest.toLowerCase(java.util.Locale.ROOT).indexOf(close);
                if (closeAt >= 0) {
                    // A block opened and closed on one line is inline code.
                    String code = rest.substring(0, closeAt).strip();
                    String after = inline(rest.substring(closeAt + close.length()), web, topic);
                    out.add(String.join(" ", java.util.stream.Stream.of(before, code.isEmpty() ? "" : "`" + code + "`", after)
                            .filter(s -> !s.isEmpty()).toList()));
                    continue;
                }
                String opening = before.isBlank() ? "```" : before + "\n```";
                out.add(rest.isBlank() ? opening : opening + "\n" + rest);
                blockClose = close;
                continue;
            }
            out.add(convertLine(line, web, topic));
        }
        if (blockClose != null) {
            out.add("```");
        }
        return String.join("\n", out);
    }

    private static String convertLine(String line, String web, String topic) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            String text = inline(heading.group(3).replace("%NOTOC%", ""), web, topic);
            return text.isEmpty() ? "" : "#".repeat(heading.group(1).length()) + " " + text;
        }
        if (RULE.matcher(line).matches() || ANCHOR_LINE.matcher(line).matches() || SETTING.matcher(line).matches()) {
            return "";
        }
        Matcher list = LIST.matcher(line);
        if (list.matches()) {
            int depth = depth(list.group(1));
            boolean ordered = !list.group(2).equals("*");
            String indent = (ordered ? "   " : "  ").repeat(depth - 1);
            return indent + (ordered ? "1. " : "- ") + inline(list.group(3), web, topic);
        }
        Matcher definition = DEFINITION.matcher(line);
        if (definition.matches()) {
            return inline(definition.group(1), web, topic) + ": " + inline(definition.group(2), web, topic);
        }
        Matcher indented = INDENTED.matcher(line);
        if (indented.matches()) {
            return inline(indented.group(1), web, topic);
        }
        String stripped = line.strip();
        if (stripped.startsWith("|")) {
            return tableRow(stripped, web, topic);
        }
        String text = inline(stripped, web, topic);
        // A line of TML that begins like Markdown block syntax must stay a paragraph.
        return text.matches("^(#{1,6}\\s|[-=]{3,}\\s*$|[>+]\\s).*") ? "\\" + text : text;
    }

    private static int depth(String indent) {
        int depth = 0;
        for (int i = 0; i < indent.length(); ) {
            depth++;
            i += indent.charAt(i) == '\t' ? 1 : 3;
        }
        return depth;
    }

    private static String tableRow(String row, String web, String topic) {
        String body = row.endsWith("|") && row.length() > 1 ? row.substring(1, row.length() - 1) : row.substring(1);
        List<String> cells = new ArrayList<>();
        for (String cell : body.split("\\|", -1)) {
            String text = cell.strip();
            if (text.length() > 2 && text.startsWith("*") && text.endsWith("*")) {
                text = text.substring(1, text.length() - 1).strip(); // a header cell
            }
            text = inline(text, web, topic);
            if (!text.isEmpty() && !text.equals("^")) {
                cells.add(text);
            }
        }
        return String.join(" | ", cells);
    }

    /** Inline TML of running text: links, macros, emphasis, HTML. */
    static String inline(String text, String web, String topic) {
        if (text.isEmpty()) {
            return text;
        }
        text = DISPLAY_MATH.matcher(text).replaceAll(m -> Matcher.quoteReplacement("$$" + m.group(1).strip() + "$$"));
        text = INLINE_MATH.matcher(text).replaceAll(m -> Matcher.quoteReplacement("$" + m.group(1).strip() + "$"));
        text = text.replace("<nop>", "").replace("<NOP>", "");
        text = ESCAPED_WORD.matcher(text).replaceAll("$1");
        text = macros(text, web, topic);
        text = LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(linkText(m.group(1), m.group(2))));
        text = HTML_LINK.matcher(text).replaceAll("$1");
        text = TAG.matcher(text).replaceAll(m -> m.group().toLowerCase(java.util.Locale.ROOT).startsWith("<br") ? " " : "");
        text = BOLD_FIXED.matcher(text).replaceAll("$1`$2`");
        text = BOLD_ITALIC.matcher(text).replaceAll("$1***$2***");
        text = BOLD.matcher(text).replaceAll("$1**$2**");
        text = ITALIC.matcher(text).replaceAll("$1*$2*");
        text = FIXED.matcher(text).replaceAll("$1`$2`");
        return Parser.unescapeEntities(text, false).replace('\u00a0', ' ').strip();
    }

    /** Expands or drops macros, innermost first, so that {@code %INCLUDE{"%WEB%.X"}%} goes whole. */
    private static String macros(String text, String web, String topic) {
        for (int round = 0; round < 8 && text.indexOf('%') >= 0; round++) {
            Matcher m = MACRO.matcher(text);
            if (!m.find()) {
                break;
            }
            m.reset();
            text = m.replaceAll(match -> Matcher.quoteReplacement(macro(match.group(1), match.group(2), web, topic)));
        }
        return text;
    }

    private static String macro(String name, String parameters, String web, String topic) {
        if (parameters == null) {
            switch (name) {
                case "WEB", "BASEWEB", "INCLUDINGWEB", "HOMEWEB" -> {
                    return web;
                }
                case "TOPIC", "BASETOPIC", "INCLUDINGTOPIC" -> {
                    return topic;
                }
                default -> {
                    String icon = ICONS.get(name);
                    if (icon != null) {
                        return icon;
                    }
                }
            }
        }
        return ""; // TOC, INCLUDE, SEARCH, colours, twisties, ICON{…}…: not the topic's own words
    }

    private static String linkText(String target, String label) {
        if (label != null && !label.isBlank()) {
            return label.strip();
        }
        String page = target.strip();
        if (page.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return page; // a URL
        }
        int hash = page.indexOf('#');
        return hash >= 0 ? page.substring(0, hash) : page;
    }
}

package org.labrador.ingest.wiki;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DokuWiki markup into Markdown for the chunker, line for line (a {@code <code>} tag written
 * after text on the same line is the one case that adds a line). Headings count their {@code =}
 * the other way round from Markdown: {@code ====== H ======} is the top level, {@code == H ==} the
 * fifth. {@code <code>} and {@code <file>} blocks become fenced code, kept whole by the chunker;
 * lists stay lists; tables ({@code ^} header cells, {@code |} cells) become one line per row with
 * cells joined by {@code " | "}; {@code [[target|label]]} gives its label; media ({@code {{…}}}),
 * macros ({@code ~~NOTOC~~}) and footnote brackets are dropped. LaTeX between {@code $…$} or
 * {@code $$…$$} (the math plugins' syntax) is left as it is.
 */
final class DokuWikiSyntax {

    private static final Pattern HEADING = Pattern.compile("^\\s*(={2,6})\\s*(.+?)\\s*={2,6}\\s*$");
    private static final Pattern CODE_OPEN = Pattern.compile("<(code|file)(\\s[^>]*)?>");
    private static final Pattern LIST = Pattern.compile("^((?: {2})+|\\t+)([*-])\\s*(.*)$");
    private static final Pattern LINK = Pattern.compile("\\[\\[([^\\]|]*)(?:\\|([^\\]]*))?\\]\\]");
    private static final Pattern MEDIA = Pattern.compile("\\{\\{[^}]*\\}\\}");
    private static final Pattern MACRO = Pattern.compile("~~[A-Z]+~~");
    private static final Pattern ITALIC = Pattern.compile("(?<![:/])//(\\S(?:.*?\\S)?)(?<![:/])//");
    private static final Pattern UNDERLINE = Pattern.compile("__(.+?)__");
    private static final Pattern MONOSPACE = Pattern.compile("''(.+?)''");
    private static final Pattern UNFORMATTED = Pattern.compile("%%(.*?)%%|<nowiki>(.*?)</nowiki>");
    private static final Pattern FOOTNOTE = Pattern.compile("\\(\\((.*?)\\)\\)");
    private static final Pattern TAG = Pattern.compile("</?(del|sub|sup|wrap|WRAP|html|nowiki)(\\s[^>]*)?>");
    private static final Pattern LINE_BREAK = Pattern.compile("\\\\\\\\(\\s|$)");

    private DokuWikiSyntax() {
    }

    static String toMarkdown(String page) {
        String[] lines = page.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        String codeClose = null;
        for (String line : lines) {
            if (codeClose != null) {
                int close = line.indexOf(codeClose);
                if (close >= 0) {
                    String last = line.substring(0, close);
                    out.add(last.isBlank() ? "```" : last + "\n```");
                    codeClose = null;
                } else {
                    out.add(line);
                }
                continue;
            }
            Matcher code = CODE_OPEN.matcher(line);
            if (code.find()) {
                String close = "</" + code.group(1) + ">";
                String before = prose(line.substring(0, code.start()));
                String language = code.group(2) == null ? "" : code.group(2).strip().split("\\s+")[0];
                String fence = "```" + (language.equals("-") ? "" : language);
                String rest = line.substring(code.end());
                int closeAt = rest.indexOf(close);
                if (closeAt >= 0) {
                    // Code on one line is inline code.
                    out.add(before + "`" + rest.substring(0, closeAt).strip() + "`" + prose(rest.substring(closeAt + close.length())));
                    continue;
                }
                String opening = before.isBlank() ? fence : before + "\n" + fence;
                out.add(rest.isBlank() ? opening : opening + "\n" + rest);
                codeClose = close;
                continue;
            }
            out.add(convertLine(line));
        }
        if (codeClose != null) {
            out.add("```");
        }
        return String.join("\n", out);
    }

    private static String convertLine(String line) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            int level = Math.clamp(7 - heading.group(1).length(), 1, 6);
            return "#".repeat(level) + " " + prose(heading.group(2));
        }
        Matcher list = LIST.matcher(line);
        if (list.matches()) {
            int depth = list.group(1).startsWith("\t") ? list.group(1).length() : list.group(1).length() / 2;
            boolean ordered = list.group(2).equals("-");
            String indent = (ordered ? "   " : "  ").repeat(depth - 1);
            return indent + (ordered ? "1. " : "- ") + prose(list.group(3));
        }
        String stripped = line.strip();
        if (stripped.startsWith("^") || stripped.startsWith("|")) {
            return tableRow(stripped);
        }
        if (line.startsWith("  ") && !stripped.isEmpty()) {
            // Two leading blanks mark preformatted text in DokuWiki; four make it code in Markdown.
            return "    " + stripped;
        }
        return prose(stripped);
    }

    private static String tableRow(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1).split("[|^]")) {
            String text = prose(cell.strip());
            if (!text.isEmpty() && !text.equals(":::")) {
                cells.add(text);
            }
        }
        return String.join(" | ", cells);
    }

    /** Inline markup of running text. */
    private static String prose(String text) {
        text = UNFORMATTED.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) != null ? m.group(1) : m.group(2)));
        text = MEDIA.matcher(text).replaceAll("");
        text = LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(linkText(m.group(1), m.group(2))));
        text = MACRO.matcher(text).replaceAll("");
        text = FOOTNOTE.matcher(text).replaceAll(m -> Matcher.quoteReplacement("(" + m.group(1).strip() + ")"));
        text = ITALIC.matcher(text).replaceAll("*$1*");
        text = UNDERLINE.matcher(text).replaceAll("$1");
        text = MONOSPACE.matcher(text).replaceAll("`$1`");
        text = TAG.matcher(text).replaceAll("");
        text = LINE_BREAK.matcher(text).replaceAll(" ");
        return text.strip();
    }

    private static String linkText(String target, String label) {
        if (label != null && !label.isBlank()) {
            return MEDIA.matcher(label).replaceAll("").strip();
        }
        String page = target.strip();
        int hash = page.indexOf('#');
        if (hash >= 0 && !page.contains("://")) {
            page = page.substring(0, hash);
        }
        return page.contains("://") ? page : page.substring(page.lastIndexOf(':') + 1);
    }
}

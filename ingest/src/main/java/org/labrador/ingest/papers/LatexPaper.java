package org.labrador.ingest.papers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.sync.FolderFiles;

/**
 * A paper's LaTeX source read as Markdown for the chunker: {@code \section} and its kin become
 * headings, the abstract and the bibliography sections of their own, and equations
 * ({@code $…$}, {@code \[…\]}, {@code equation}, {@code align} and the other display environments)
 * stay LaTeX text on lines of their own, which the chunker never splits. Comments and the preamble
 * are dropped; {@code \input} and {@code \include} are expanded in place (within the paper's
 * folder), so line numbers are those of the expanded source, which is also what identifies the
 * content: an edit to an included file is a change of the paper.
 *
 * @param info     the title and authors from {@code \title} and {@code \author}
 * @param source   the expanded source, comments removed
 * @param document the passages
 */
record LatexPaper(PaperInfo info, String source, ChunkedDocument document) {

    private static final int MAX_INPUT_DEPTH = 10;
    private static final Pattern COMMENT = Pattern.compile("(?<!\\\\)%.*");
    private static final Pattern INPUT = Pattern.compile("\\\\(?:input|include)\\s*\\{([^}]+)\\}");
    private static final Pattern SECTION = Pattern.compile(
            "^\\\\(section|subsection|subsubsection|paragraph)\\*?\\s*(?:\\[[^\\]]*\\])?\\s*\\{");
    private static final Pattern MATH_BEGIN = Pattern.compile(
            "\\\\begin\\{(equation|align|alignat|gather|multline|eqnarray|displaymath|math|split)\\*?\\}");
    private static final Pattern MATH_END = Pattern.compile(
            "\\\\end\\{(equation|align|alignat|gather|multline|eqnarray|displaymath|math|split)\\*?\\}");
    private static final Pattern ENVIRONMENT_LINE = Pattern.compile("^\\\\(begin|end)\\{[^}]*\\}(\\[[^\\]]*\\])?$");
    private static final Pattern TEXT_COMMAND = Pattern.compile(
            "\\\\(?:emph|textbf|textit|textsc|texttt|textrm|mbox|underline)\\{([^{}]*)\\}");
    private static final Pattern DROPPED_COMMAND = Pattern.compile(
            "\\\\(?:label|maketitle|tableofcontents|bibliographystyle|bibliography|includegraphics|vspace|hspace"
                    + "|newpage|clearpage|noindent|centering)\\*?(?:\\[[^\\]]*\\])?(?:\\{[^{}]*\\})?");
    private static final Pattern CITE = Pattern.compile("\\\\(?:cite[tp]?|citep?\\*?)\\s*(?:\\[[^\\]]*\\])?\\{([^}]*)\\}");
    private static final Pattern REF = Pattern.compile("\\\\(?:eq)?ref\\{([^}]*)\\}");

    static boolean isMainFile(String text) {
        return text.contains("\\documentclass");
    }

    static LatexPaper read(Path root, Path main, DocumentChunker chunker) throws IOException {
        String expanded = expand(root, main.getParent(), main, 0);
        PaperInfo info = new PaperInfo(argument(expanded, "title"), authors(argument(expanded, "author")), "",
                "");
        String markdown = markdown(expanded);
        ChunkedDocument cut = chunker.chunk(main.getFileName() + ".md", markdown);
        String title = info.title().isEmpty() ? cut.title() : info.title();
        return new LatexPaper(info, expanded, new ChunkedDocument(title, cut.passages()));
    }

    /**
     * The file with comments removed and its inputs expanded, refusing files outside {@code root}.
     * Input paths are relative to the main file's folder, as LaTeX runs there, else to the file's own.
     */
    private static String expand(Path root, Path mainDir, Path file, int depth) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String kept = COMMENT.matcher(line).replaceAll("").stripTrailing();
            Matcher input = INPUT.matcher(kept);
            if (input.find() && depth < MAX_INPUT_DEPTH) {
                String name = input.group(1).strip();
                String fileName = name.endsWith(".tex") ? name : name + ".tex";
                Path included = mainDir.resolve(fileName).normalize();
                if (!Files.isRegularFile(included)) {
                    included = file.getParent().resolve(fileName).normalize();
                }
                if (included.startsWith(root) && Files.isRegularFile(included) && insideByRealPath(root, included)) {
                    out.append(kept, 0, input.start()).append('\n')
                            .append(expand(root, mainDir, included, depth + 1)).append('\n')
                            .append(kept.substring(input.end())).append('\n');
                    continue;
                }
            }
            out.append(kept).append('\n');
        }
        return out.toString();
    }

    /** Whether the file, links resolved, is still inside the root: an input never reads a file elsewhere. */
    private static boolean insideByRealPath(Path root, Path file) {
        try {
            return file.toRealPath().startsWith(root.toRealPath())
                    && !FolderFiles.isHidden(root.relativize(file).toString().replace('\\', '/'));
        } catch (IOException e) {
            return false;
        }
    }

    private static String markdown(String latex) {
        String[] lines = latex.split("\n", -1);
        int begin = indexOf(lines, "\\begin{document}");
        int end = indexOf(lines, "\\end{document}");
        List<String> out = new ArrayList<>(lines.length);
        boolean inMath = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (begin >= 0 && i <= begin || end >= 0 && i >= end) {
                out.add("");
                continue;
            }
            if (inMath) {
                out.add(line);
                inMath = !(MATH_END.matcher(line).find() || line.contains("\\]") || line.contains("$$"));
                continue;
            }
            if (MATH_BEGIN.matcher(line).find() && !MATH_END.matcher(line).find()
                    || line.startsWith("\\[") && !line.contains("\\]")
                    || line.startsWith("$$") && line.indexOf("$$", 2) < 0) {
                inMath = true;
                out.add(line);
                continue;
            }
            out.add(prose(line));
        }
        return String.join("\n", out);
    }

    private static String prose(String line) {
        Matcher section = SECTION.matcher(line);
        if (section.find()) {
            int close = closingBrace(line, section.end());
            String heading = close < 0 ? line.substring(section.end()) : line.substring(section.end(), close);
            int level = switch (section.group(1)) {
                case "section" -> 1;
                case "subsection" -> 2;
                case "subsubsection" -> 3;
                default -> 4;
            };
            return "#".repeat(level) + " " + inline(heading).strip();
        }
        if (line.startsWith("\\begin{abstract}")) {
            return "# Abstract";
        }
        if (line.startsWith("\\begin{thebibliography}")) {
            return "# References";
        }
        if (line.startsWith("\\bibitem")) {
            return "- " + inline(line.replaceFirst("^\\\\bibitem(\\[[^\\]]*\\])?\\{[^}]*\\}", "")).strip();
        }
        if (line.startsWith("\\item")) {
            return "- " + inline(line.replaceFirst("^\\\\item(\\[[^\\]]*\\])?", "")).strip();
        }
        if (ENVIRONMENT_LINE.matcher(line).matches() || line.startsWith("\\title") || line.startsWith("\\author")) {
            return "";
        }
        return inline(line);
    }

    private static String inline(String text) {
        String previous;
        do {
            previous = text;
            text = TEXT_COMMAND.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        } while (!text.equals(previous));
        text = CITE.matcher(text).replaceAll(m -> Matcher.quoteReplacement("[" + m.group(1).strip() + "]"));
        text = REF.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        text = DROPPED_COMMAND.matcher(text).replaceAll("");
        return text.replace("~", " ").replaceAll("\\\\\\\\$", "").replaceAll("^#", "\\\\#");
    }

    /** The brace-balanced argument of the first {@code \name{…}}, flattened to one line; empty when absent. */
    static String argument(String latex, String name) {
        Matcher m = Pattern.compile("\\\\" + name + "\\s*(?:\\[[^\\]]*\\])?\\s*\\{").matcher(latex);
        if (!m.find()) {
            return "";
        }
        int close = closingBrace(latex, m.end());
        String value = close < 0 ? "" : latex.substring(m.end(), close);
        return inline(value.replaceAll("\\\\(thanks|footnote|affiliation|email)\\{[^{}]*\\}", "")
                .replace("\\\\", " ").replaceAll("[{}]", "")).replaceAll("\\s+", " ").strip();
    }

    private static List<String> authors(String authors) {
        List<String> out = new ArrayList<>();
        for (String name : authors.split("\\s*(?:,|\\band\\b|\\\\and)\\s*")) {
            if (!name.isBlank()) {
                out.add(name.strip());
            }
        }
        return out;
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(String[] lines, String marker) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(marker)) {
                return i;
            }
        }
        return -1;
    }
}

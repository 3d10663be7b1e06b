package org.labrador.ingest.chunking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * HTML, parsed by jsoup with source positions. Headings h1–h6 set the heading path; {@code pre}
 * and {@code table} are kept whole; every other block-level element (p, li, dd, blockquote, div…)
 * closes the run of inline text before it, so text is grouped as a reader sees it. Scripts,
 * styles and navigation are dropped. The blocks' text is the extracted text, not the markup, and
 * each block maps back to the source lines of its element. Title: {@code <title>}, else the first
 * h1.
 */
final class HtmlBlocks {

    private static final Set<String> SKIPPED = Set.of("script", "style", "nav", "noscript", "template", "head", "svg");
    private static final Set<String> BLOCK_TAGS = Set.of("p", "li", "dd", "dt", "blockquote", "div", "section",
            "article", "main", "aside", "header", "footer", "ul", "ol", "dl", "figure", "figcaption", "details",
            "summary", "address", "caption", "hr", "form", "fieldset", "body");
    private static final String BLOCK_SEPARATOR = "\n\n";

    private final ExtractedText extracted = new ExtractedText();
    private final List<Block> blocks = new ArrayList<>();
    private final String[] path = new String[7];
    private final StringBuilder inline = new StringBuilder();
    private int inlineFirstLine = Integer.MAX_VALUE;
    private int inlineLastLine = -1;
    private int lastLine = 1;
    private String firstH1;

    static ParsedDocument parse(String content) {
        Document document = Jsoup.parse(content, "", Parser.htmlParser().setTrackPosition(true));
        HtmlBlocks parser = new HtmlBlocks();
        parser.visit(document.body() != null ? document.body() : document);
        parser.flush();
        String title = document.title().strip();
        return new ParsedDocument(title.isEmpty() ? parser.firstH1 : title, parser.extracted, parser.blocks);
    }

    private void visit(Node node) {
        if (node instanceof TextNode text) {
            appendInline(text);
            return;
        }
        if (!(node instanceof Element element)) {
            return;
        }
        String tag = element.normalName();
        if (SKIPPED.contains(tag)) {
            return;
        }
        if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
            flush();
            heading(element, tag.charAt(1) - '0');
        } else if (tag.equals("pre")) {
            flush();
            emit(Block.Kind.CODE, preText(element), element);
        } else if (tag.equals("table")) {
            flush();
            emit(Block.Kind.TABLE, tableText(element), element);
        } else if (tag.equals("br")) {
            inline.append('\n');
        } else {
            boolean block = element.isBlock() || BLOCK_TAGS.contains(tag);
            if (block) {
                flush();
            }
            for (Node child : element.childNodes()) {
                visit(child);
            }
            if (block) {
                flush();
            }
        }
    }

    private void heading(Element element, int level) {
        String text = element.text().strip();
        path[level] = text;
        Arrays.fill(path, level + 1, path.length, null);
        if (firstH1 == null && level == 1 && !text.isEmpty()) {
            firstH1 = text;
        }
        emit(Block.Kind.HEADING, text, element);
    }

    /** Adds a run of text to the current inline run, with white space collapsed as a browser shows it. */
    private void appendInline(TextNode node) {
        String text = node.getWholeText().replaceAll("\\s+", " ");
        if (text.isBlank() && (inline.isEmpty() || endsWithSpace())) {
            return;
        }
        if (endsWithSpace() && text.startsWith(" ")) {
            text = text.substring(1);
        }
        inline.append(text);
        int[] lines = lines(node);
        inlineFirstLine = Math.min(inlineFirstLine, lines[0]);
        inlineLastLine = Math.max(inlineLastLine, lines[1]);
    }

    private boolean endsWithSpace() {
        return !inline.isEmpty() && Character.isWhitespace(inline.charAt(inline.length() - 1));
    }

    /** Ends the current run of inline text as a prose block. */
    private void flush() {
        String text = inline.toString().strip();
        if (!text.isEmpty()) {
            add(Block.Kind.PROSE, text, inlineFirstLine, Math.max(inlineFirstLine, inlineLastLine));
        }
        inline.setLength(0);
        inlineFirstLine = Integer.MAX_VALUE;
        inlineLastLine = -1;
    }

    private void emit(Block.Kind kind, String text, Element element) {
        int[] lines = lines(element);
        add(kind, text, lines[0], lines[1]);
    }

    private void add(Block.Kind kind, String text, int firstLine, int lastLine) {
        if (text.isBlank()) {
            return;
        }
        List<String> headings = Arrays.stream(path).filter(h -> h != null && !h.isEmpty()).toList();
        int from = extracted.append(text, firstLine, lastLine);
        blocks.add(new Block(kind, headings, from, from + text.length()));
    }

    /**
     * First and last source line of a node. Where jsoup has no position (implied elements, end
     * tags left out), the last known line stands in, so lines never run backwards.
     */
    private int[] lines(Node node) {
        Range range = node.sourceRange();
        int first = range.isTracked() ? range.start().lineNumber() : lastLine;
        int last = range.isTracked() ? range.end().lineNumber() : first;
        if (node instanceof Element element) {
            Range end = element.endSourceRange();
            if (end.isTracked()) {
                last = Math.max(last, end.end().lineNumber());
            }
            for (TextNode text : element.nodeStream(TextNode.class).toList()) {
                if (text.sourceRange().isTracked()) {
                    last = Math.max(last, text.sourceRange().end().lineNumber());
                }
            }
        }
        first = Math.max(first, 1);
        last = Math.max(first, last);
        lastLine = Math.max(lastLine, first);
        return new int[] {first, last};
    }

    /** The text of a pre element as written: indentation kept, blank lines at either end dropped. */
    private static String preText(Element pre) {
        String text = pre.wholeText().stripTrailing();
        int start = 0;
        for (int i = 0; i < text.length() && Character.isWhitespace(text.charAt(i)); i++) {
            if (text.charAt(i) == '\n') {
                start = i + 1;
            }
        }
        return text.substring(start);
    }

    /** One line per row, cells separated by " | ", so a row stays readable as a line. */
    private static String tableText(Element table) {
        List<String> rows = new ArrayList<>();
        for (Element row : table.select("tr")) {
            List<String> cells = row.children().stream()
                    .filter(c -> c.normalName().equals("td") || c.normalName().equals("th"))
                    .map(c -> c.text().strip()).toList();
            String line = String.join(" | ", cells);
            if (!line.isBlank()) {
                rows.add(line);
            }
        }
        return rows.isEmpty() ? table.text() : String.join("\n", rows);
    }

    /**
     * The extracted text of all blocks, separated by blank lines, with each block's source line
     * range. Within a block, lines are spread evenly over the element's source lines: exact for
     * one-line elements, an estimate for the parts of a large element that had to be cut.
     */
    private static final class ExtractedText implements DocumentText {

        private final StringBuilder text = new StringBuilder();
        private final List<int[]> segments = new ArrayList<>(); // from, to, first line, last line
        private String built;

        int append(String blockText, int firstLine, int lastLine) {
            if (!text.isEmpty()) {
                text.append(BLOCK_SEPARATOR);
            }
            int from = text.length();
            text.append(blockText);
            segments.add(new int[] {from, text.length(), firstLine, lastLine});
            built = null;
            return from;
        }

        @Override
        public String text() {
            if (built == null) {
                built = text.toString();
            }
            return built;
        }

        @Override
        public int lineOf(int offset) {
            int low = 0;
            int high = segments.size() - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (segments.get(mid)[0] <= offset) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            if (segments.isEmpty()) {
                return 1;
            }
            int[] s = segments.get(low);
            int span = s[1] - 1 - s[0];
            if (span <= 0 || offset >= s[1] - 1) {
                return offset >= s[1] - 1 ? s[3] : s[2];
            }
            return s[2] + (int) ((long) (s[3] - s[2]) * Math.max(0, offset - s[0]) / span);
        }
    }
}

package org.labrador.ingest.chunking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Markdown (CommonMark with GitHub tables): blocks from commonmark-java's source spans, heading
 * paths from ATX and setext headings, YAML front matter skipped. Lists and block quotes are
 * opened up into their items and children, so a long list can be cut between items rather than
 * inside one. Title: the first level-1 heading, else the front matter's {@code title:}.
 */
final class MarkdownBlocks {

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private static final Pattern FRONT_MATTER_TITLE = Pattern.compile("^title\\s*:\\s*(.*?)\\s*$");

    private final SourceLines source;
    private final LineBlocks blocks;
    private final String[] path = new String[7];
    private String title;

    private MarkdownBlocks(SourceLines source) {
        this.source = source;
        this.blocks = new LineBlocks(source);
    }

    static ParsedDocument parse(String content) {
        return new MarkdownBlocks(new SourceLines(content)).parse();
    }

    private ParsedDocument parse() {
        int body = frontMatterEnd();
        String frontTitle = body > 0 ? frontMatterTitle(body) : null;
        // Front-matter lines are blanked rather than removed, so commonmark's line indices stay
        // those of the file.
        String input = body == 0 ? source.text()
                : "\n".repeat(body) + (body < source.count() ? source.text().substring(source.start(body)) : "");
        for (Node node = PARSER.parse(input).getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                addHeading(heading);
            } else {
                addBlock(node);
            }
        }
        blocks.joinFormulas();
        return new ParsedDocument(title != null ? title : frontTitle, source, blocks.toBlocks());
    }

    private void addHeading(Heading heading) {
        int level = Math.clamp(heading.getLevel(), 1, 6);
        String text = plainText(heading, new StringBuilder()).toString().strip().replaceAll("\\s+", " ");
        path[level] = text;
        Arrays.fill(path, level + 1, path.length, null);
        if (title == null && level == 1 && !text.isEmpty()) {
            title = text;
        }
        add(Block.Kind.HEADING, heading);
    }

    /** The words of a heading without markup: emphasis, links and code spans give their text. */
    private static StringBuilder plainText(Node node, StringBuilder out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            switch (child) {
                case Text text -> out.append(text.getLiteral());
                case Code code -> out.append(code.getLiteral());
                case SoftLineBreak ignored -> out.append(' ');
                case HardLineBreak ignored -> out.append(' ');
                default -> plainText(child, out);
            }
        }
        return out;
    }

    private void addBlock(Node node) {
        switch (node) {
            case ThematicBreak ignored -> { }
            case LinkReferenceDefinition ignored -> { }
            case FencedCodeBlock code -> add(Block.Kind.CODE, code);
            case IndentedCodeBlock code -> add(Block.Kind.CODE, code);
            case TableBlock table -> add(Block.Kind.TABLE, table);
            case ListBlock list -> addChildren(list);
            case BlockQuote quote -> addChildren(quote);
            case ListItem item when item.getFirstChild() != null && item.getFirstChild().getNext() != null ->
                    addChildren(item);
            default -> add(Block.Kind.PROSE, node);
        }
    }

    private void addChildren(Node container) {
        if (container.getFirstChild() == null) {
            add(Block.Kind.PROSE, container);
        }
        for (Node child = container.getFirstChild(); child != null; child = child.getNext()) {
            addBlock(child);
        }
    }

    private void add(Block.Kind kind, Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (!spans.isEmpty()) {
            blocks.add(kind, headings(), spans.getFirst().getLineIndex(), spans.getLast().getLineIndex());
        }
    }

    private List<String> headings() {
        List<String> headings = new ArrayList<>();
        for (String heading : path) {
            if (heading != null && !heading.isEmpty()) {
                headings.add(heading);
            }
        }
        return headings;
    }

    /** Index of the first line after a YAML front matter block, or 0 when there is none. */
    private int frontMatterEnd() {
        if (source.count() < 2 || !source.line(0).stripTrailing().equals("---")) {
            return 0;
        }
        for (int i = 1; i < source.count(); i++) {
            String line = source.line(i).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                return i + 1;
            }
        }
        return 0;
    }

    private String frontMatterTitle(int body) {
        for (int i = 1; i < body - 1; i++) {
            Matcher m = FRONT_MATTER_TITLE.matcher(source.line(i));
            if (m.matches()) {
                String value = m.group(1);
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isBlank() ? null : value;
            }
        }
        return null;
    }
}

package org.labrador.webui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;

/**
 * Turns the Markdown a model writes into HTML that is safe to put in the page: one root {@code <div
 * class="markdown">}, no raw HTML from the input, no scripts or event handlers, links only to http(s),
 * mailto or relative addresses, and no images (a model's image link would make the reader's browser
 * fetch an arbitrary remote address, so only its alt text is shown). Citation markers such as {@code [1]}
 * or {@code [2, 3]} become links to {@code #cite-N} when N is one of the given citation numbers; other
 * bracketed numbers stay plain text. Thread-safe.
 */
public final class MarkdownRenderer {

    static final String LINK_REL = "nofollow noopener noreferrer";

    private static final Pattern CITATION_MARKER = Pattern.compile("\\[(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)]");
    private static final Pattern CODE_LANGUAGE = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}");
    private static final Pattern ABSOLUTE = Pattern.compile("^(https?:)?//.*", Pattern.CASE_INSENSITIVE);
    /** Only to let jsoup judge relative links; never appears in the output. */
    private static final String BASE_URI = "http://labrador.invalid/";

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final Cleaner cleaner = new Cleaner(safelist());

    public MarkdownRenderer() {
        List<Extension> extensions = List.of(TablesExtension.create());
        parser = Parser.builder().extensions(extensions).build();
        renderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
                .nodeRendererFactory(ImageAsAltText::new)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    if (node instanceof Link) {
                        attributes.put("rel", LINK_REL);
                    }
                })
                .build();
    }

    /** Renders {@code markdown} without citation links. */
    public String render(String markdown) {
        return render(markdown, Set.of());
    }

    /**
     * Renders {@code markdown}; markers naming a number in {@code citations} become links to
     * {@code #cite-N}.
     */
    public String render(String markdown, Set<Integer> citations) {
        String html = renderer.render(parser.parse(markdown == null ? "" : markdown));
        // The renderer already escapes raw HTML and unsafe URLs; the cleaner is the second line of
        // defence, should a renderer extension or a parser bug ever let markup through.
        Document clean = cleaner.clean(Jsoup.parseBodyFragment(html, BASE_URI));
        Element body = clean.body();
        keepOnlyLanguageClasses(body);
        letTheKeyboardScrollCode(body);
        openAbsoluteLinksInNewTab(body);
        linkCitationMarkers(body, citations);
        clean.outputSettings().prettyPrint(false);
        return "<div class=\"markdown\">" + body.html() + "</div>";
    }

    private static Safelist safelist() {
        return new Safelist()
                .addTags("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
                        "em", "strong", "del", "s", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
                        "td", "a", "span", "sup")
                .addAttributes("a", "href", "title")
                .addAttributes("ol", "start")
                .addAttributes("code", "class")
                .addAttributes("span", "class")
                .addAttributes("th", "align")
                .addAttributes("td", "align")
                .addProtocols("a", "href", "http", "https", "mailto")
                .addEnforcedAttribute("a", "rel", LINK_REL)
                .preserveRelativeLinks(true);
    }

    /**
     * A code block scrolls sideways inside its box; one that Tab cannot reach cannot be scrolled without a
     * mouse, so each is focusable and named (by its language, when the Markdown gives one).
     */
    private static void letTheKeyboardScrollCode(Element body) {
        for (Element pre : body.select("pre")) {
            Element code = pre.selectFirst("code[class]");
            String language = code == null ? "" : code.className().substring("language-".length());
            pre.attr("tabindex", "0").attr("role", "group")
                    .attr("aria-label", language.isEmpty() ? "Code" : "Code (" + language + ")");
        }
    }

    /** Class names are kept only for what the renderer itself writes: code languages and image alt text. */
    private static void keepOnlyLanguageClasses(Element body) {
        for (Element code : body.select("code[class]")) {
            if (!CODE_LANGUAGE.matcher(code.className()).matches()) {
                code.removeAttr("class");
            }
        }
        for (Element span : body.select("span[class]")) {
            if (!span.className().equals("image-alt")) {
                span.removeAttr("class");
            }
        }
    }

    /** A link out of Labrador must not replace the conversation the reader is in. */
    private static void openAbsoluteLinksInNewTab(Element body) {
        for (Element a : body.select("a[href]")) {
            if (ABSOLUTE.matcher(a.attr("href")).matches()) {
                a.attr("target", "_blank");
            }
        }
    }

    private static void linkCitationMarkers(Element body, Set<Integer> citations) {
        if (citations.isEmpty()) {
            return;
        }
        List<TextNode> texts = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode text && outsideLinksAndCode(text)) {
                texts.add(text);
            }
        }, body);
        for (TextNode text : texts) {
            linkMarkersIn(text, citations);
        }
    }

    private static boolean outsideLinksAndCode(TextNode text) {
        for (Element parent = text.parent() instanceof Element e ? e : null; parent != null; parent = parent.parent()) {
            String tag = parent.normalName();
            if (tag.equals("a") || tag.equals("code") || tag.equals("pre")) {
                return false;
            }
        }
        return true;
    }

    private static void linkMarkersIn(TextNode text, Set<Integer> citations) {
        String whole = text.getWholeText();
        Matcher m = CITATION_MARKER.matcher(whole);
        List<org.jsoup.nodes.Node> replacement = new ArrayList<>();
        int done = 0;
        while (m.find()) {
            List<Integer> numbers = numbers(m.group(1));
            if (numbers.stream().noneMatch(citations::contains)) {
                continue;
            }
            if (m.start() > done) {
                replacement.add(new TextNode(whole.substring(done, m.start())));
            }
            Element sup = new Element("sup").addClass("cite-refs");
            for (int n : numbers) {
                if (citations.contains(n)) {
                    sup.appendElement("a").attr("href", "#cite-" + n).addClass("cite-ref").text("[" + n + "]");
                } else {
                    sup.appendText("[" + n + "]");
                }
            }
            replacement.add(sup);
            done = m.end();
        }
        if (replacement.isEmpty()) {
            return;
        }
        if (done < whole.length()) {
            replacement.add(new TextNode(whole.substring(done)));
        }
        for (org.jsoup.nodes.Node node : replacement) {
            text.before(node);
        }
        text.remove();
    }

    private static List<Integer> numbers(String list) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : list.split(",")) {
            numbers.add(Integer.parseInt(part.strip()));
        }
        return numbers;
    }

    /**
     * Writes an image as its alt text: showing a remote image would let a model's answer (or a poisoned
     * document it quotes) make the reader's browser fetch any address.
     */
    private static final class ImageAsAltText implements NodeRenderer {

        private final HtmlNodeRendererContext context;

        ImageAsAltText(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            StringBuilder alt = new StringBuilder();
            node.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    alt.append(text.getLiteral());
                }

                @Override
                public void visit(Code code) {
                    alt.append(code.getLiteral());
                }
            });
            String label = alt.isEmpty() ? "image" : alt.toString();
            context.getWriter().tag("span", Map.of("class", "image-alt"));
            context.getWriter().text("[" + label + "]");
            context.getWriter().tag("/span");
        }
    }
}

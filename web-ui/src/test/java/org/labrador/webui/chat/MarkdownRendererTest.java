package org.labrador.webui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private Element root(String markdown, Set<Integer> citations) {
        String html = renderer.render(markdown, citations);
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.body().children()).as("one root element for Vaadin's Html").hasSize(1);
        assertThat(doc.body().child(0).tagName()).isEqualTo("div");
        assertThat(doc.body().child(0).hasClass("markdown")).isTrue();
        return doc.body().child(0);
    }

    private Element root(String markdown) {
        return root(markdown, Set.of());
    }

    private static void assertNoActiveContent(Element root) {
        assertThat(root.select("script, img, iframe, object, embed, style, svg, form, input")).isEmpty();
        for (Element e : root.getAllElements()) {
            e.attributes().forEach(a -> assertThat(a.getKey()).doesNotStartWith("on"));
            assertThat(e.attr("href")).doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("data:");
            assertThat(e.attr("src")).isEmpty();
            assertThat(e.attr("style")).isEmpty();
        }
    }

    @Test
    void rendersPlainMarkdown() {
        Element root = root("# Title\n\nSome *emphasis* and **strong** text.\n\n- one\n- two\n");
        assertThat(root.select("h1").text()).isEqualTo("Title");
        assertThat(root.select("em").text()).isEqualTo("emphasis");
        assertThat(root.select("strong").text()).isEqualTo("strong");
        assertThat(root.select("ul > li")).hasSize(2);
    }

    @Test
    void scriptTagsAreShownAsTextNotRun() {
        Element root = root("Hello <script>alert('x')</script> world\n\n<script>\nalert(1)\n</script>\n");
        assertNoActiveContent(root);
        assertThat(root.text()).contains("<script>alert('x')</script>");
    }

    @Test
    void rawHtmlIsEscaped() {
        Element root = root("<div onclick=\"steal()\">click</div>\n\ninline <b onmouseover=x>bold</b> and <a href=\"javascript:alert(1)\">a</a>");
        assertNoActiveContent(root);
        assertThat(root.children().select("div, b")).isEmpty();
        assertThat(root.select("a")).isEmpty();
        assertThat(root.text()).contains("<div onclick=\"steal()\">click</div>");
    }

    @Test
    void onerrorAttributesNeverReachThePage() {
        Element root = root("<img src=x onerror=alert(1)>\n\ntext <img src=\"y\" onerror=\"alert(2)\"> more");
        assertNoActiveContent(root);
        assertThat(root.text()).contains("onerror=alert(1)");
    }

    @Test
    void javascriptAndDataLinksLoseTheirAddress() {
        Element root = root("[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
                + "[vb](vbscript:msgbox) [JS](JAVASCRIPT:alert(1)) <javascript:alert(1)>");
        assertNoActiveContent(root);
        for (Element a : root.select("a")) {
            assertThat(a.attr("href")).isEmpty();
        }
    }

    @Test
    void remoteImagesAreNotLoadedButTheirAltTextIsShown() {
        Element root = root("See ![a tracking pixel](http://evil.example/pixel.png \"t\") and "
                + "![](https://evil.example/x.png) and ![local](img/plot.png)");
        assertNoActiveContent(root);
        assertThat(root.html()).doesNotContain("evil.example").doesNotContain("plot.png");
        assertThat(root.select("span.image-alt").eachText())
                .containsExactly("[a tracking pixel]", "[image]", "[local]");
    }

    @Test
    void webLinksOpenInANewTabWithoutReferrerOrOpener() {
        Element root = root("[docs](https://example.org/docs) and <http://example.org/auto>");
        Elements links = root.select("a");
        assertThat(links).hasSize(2);
        for (Element a : links) {
            assertThat(a.attr("rel")).isEqualTo("nofollow noopener noreferrer");
            assertThat(a.attr("target")).isEqualTo("_blank");
        }
        assertThat(links.eachAttr("href")).containsExactly("https://example.org/docs", "http://example.org/auto");
    }

    @Test
    void relativeAndMailLinksAreKeptInTheSameTab() {
        Element root = root("[viewer](source/docs/guide.md?lines=3-5) [mail](mailto:help@example.org) [part](#setup)");
        Elements links = root.select("a");
        assertThat(links.eachAttr("href"))
                .containsExactly("source/docs/guide.md?lines=3-5", "mailto:help@example.org", "#setup");
        for (Element a : links) {
            assertThat(a.attr("rel")).isEqualTo("nofollow noopener noreferrer");
            assertThat(a.hasAttr("target")).isFalse();
        }
    }

    @Test
    void rendersGfmTables() {
        Element root = root("| Detector | Rate |\n|:--|--:|\n| ATLAS | 40 MHz |\n| CMS | 40 MHz |\n");
        assertThat(root.select("table > thead > tr > th").eachText()).containsExactly("Detector", "Rate");
        assertThat(root.select("table > tbody > tr")).hasSize(2);
        assertThat(root.select("td").first().text()).isEqualTo("ATLAS");
    }

    @Test
    void codeBlocksKeepTheirTextAndLanguageVerbatim() {
        String code = "for (int i = 0; i < n; i++) {\n    sum += x[i] * <T>w;\n}";
        Element root = root("```java\n" + code + "\n```\n\nand `a < b` inline");
        Element block = root.selectFirst("pre > code");
        assertThat(block).isNotNull();
        assertThat(block.attr("class")).isEqualTo("language-java");
        assertThat(block.wholeText()).isEqualTo(code + "\n");
        assertThat(root.select("p > code").text()).isEqualTo("a < b");
    }

    @Test
    void codeBlocksCanBeScrolledFromTheKeyboardAndSayWhatTheyHold() {
        Element python = root("```python\nprint(1)\n```").selectFirst("pre");
        assertThat(python.attr("tabindex")).isEqualTo("0");
        assertThat(python.attr("role")).isEqualTo("group");
        assertThat(python.attr("aria-label")).isEqualTo("Code (python)");
        assertThat(root("    indented code").selectFirst("pre").attr("aria-label")).isEqualTo("Code");
    }

    @Test
    void oddLanguageNamesDoNotBecomeClasses() {
        Element root = root("```x\" onclick=\"y\ncode\n```");
        assertNoActiveContent(root);
        Element block = root.selectFirst("pre > code");
        assertThat(block.hasAttr("onclick")).isFalse();
        assertThat(block.attr("class")).matches("(language-[A-Za-z0-9_+#.-]+)?");
    }

    @Test
    void citationMarkersBecomeLinksToTheirCitation() {
        Element root = root("Beams collide at 13.6 TeV [1]. Both experiments agree [2, 3].", Set.of(1, 2, 3));
        Elements refs = root.select("sup.cite-refs > a.cite-ref");
        assertThat(refs.eachAttr("href")).containsExactly("#cite-1", "#cite-2", "#cite-3");
        assertThat(refs.eachText()).containsExactly("[1]", "[2]", "[3]");
        assertThat(root.select("sup.cite-refs")).hasSize(2);
        assertThat(root.text()).startsWith("Beams collide at 13.6 TeV [1]. Both experiments agree");
    }

    @Test
    void unknownCitationNumbersStayPlainText() {
        Element root = root("Known [1], unknown [7], mixed [1, 9], array x[0].", Set.of(1));
        assertThat(root.select("a.cite-ref").eachAttr("href")).containsExactly("#cite-1", "#cite-1");
        assertThat(root.select("a[href=#cite-7], a[href=#cite-9], a[href=#cite-0]")).isEmpty();
        assertThat(root.text()).contains("unknown [7]").contains("[9]").contains("x[0]");
    }

    @Test
    void withoutCitationsNoMarkerIsLinked() {
        Element root = root("See [1] and [2].");
        assertThat(root.select("a")).isEmpty();
        assertThat(root.text()).isEqualTo("See [1] and [2].");
    }

    @Test
    void markersInCodeAndLinksAreLeftAlone() {
        Element root = root("`xs[1]` and\n\n```\nys[2]\n```\n\n[see [1]](https://example.org)", Set.of(1, 2));
        assertThat(root.select("a.cite-ref")).isEmpty();
        assertThat(root.select("code").eachText()).contains("xs[1]");
    }

    @Test
    void markersInListsAndTablesAreLinked() {
        Element root = root("- first [1]\n\n| a | b |\n|---|---|\n| x [2] | y |\n", Set.of(1, 2));
        assertThat(root.select("li a.cite-ref").attr("href")).isEqualTo("#cite-1");
        assertThat(root.select("td a.cite-ref").attr("href")).isEqualTo("#cite-2");
    }

    @Test
    void emptyAndNullInputGiveAnEmptyRoot() {
        assertThat(renderer.render("")).isEqualTo("<div class=\"markdown\"></div>");
        assertThat(renderer.render(null)).isEqualTo("<div class=\"markdown\"></div>");
    }

    @Test
    void partialMarkdownWhileStreamingStillRenders() {
        Element root = root("Here is code:\n\n```python\nprint(1)\n", Set.of());
        assertThat(root.selectFirst("pre > code").wholeText()).isEqualTo("print(1)\n");
    }
}

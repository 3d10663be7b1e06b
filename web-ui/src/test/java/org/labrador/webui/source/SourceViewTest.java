package org.labrador.webui.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Html;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.labrador.webui.chat.AnswerListener;
import org.labrador.webui.chat.ChatAssistant;
import org.labrador.webui.chat.SourceFile;
import org.labrador.webui.chat.Status;
import org.labrador.webui.chat.Turn;

class SourceViewTest {

    private static final String TEXT = "# Guide\n<script>alert(1)</script>\nline 3\nline 4 & <b>more</b>\n";

    private final ChatAssistant assistant = new ChatAssistant() {
        @Override
        public void answer(String question, List<Turn> history, java.util.Set<String> sources, AnswerListener listener) {
        }

        @Override
        public Status status() {
            return null;
        }

        @Override
        public Optional<SourceFile> openFile(String source, String path) {
            return source.equals("docs") && path.equals("guides/My Guide.md")
                    ? Optional.of(new SourceFile(source, path, TEXT)) : Optional.empty();
        }
    };

    private Element sourceText(SourceView view) {
        Html html = view.getChildren().filter(Html.class::isInstance).map(Html.class::cast).findFirst().orElseThrow();
        assertThat(html.getId()).contains("source-text");
        return Jsoup.parseBodyFragment("<div>" + html.getInnerHtml() + "</div>").body().child(0);
    }

    @Test
    void showsNumberedEscapedLinesWithTheCitedOnesMarked() {
        SourceView view = new SourceView(assistant);
        view.show("docs", "guides/My Guide.md", LineRange.parse("2-3"));

        assertThat(view.getPageTitle()).isEqualTo("docs/guides/My Guide.md");
        Element text = sourceText(view);
        assertThat(text.select(".line")).hasSize(4);
        assertThat(text.select("script, b")).isEmpty();
        assertThat(text.select(".line").get(1).select(".code").text()).isEqualTo("<script>alert(1)</script>");
        assertThat(text.select(".line.cited .ln").eachText()).containsExactly("2", "3");
        assertThat(text.select("#L4 .code").text()).isEqualTo("line 4 & <b>more</b>");
        assertThat(view.getChildren().anyMatch(c -> c.getId().filter("not-found"::equals).isPresent())).isFalse();
    }

    @Test
    void withoutLinesNothingIsMarked() {
        SourceView view = new SourceView(assistant);
        view.show("docs", "guides/My Guide.md", Optional.empty());
        assertThat(sourceText(view).select(".cited")).isEmpty();
    }

    @Test
    void unknownDocumentsSayNotFound() {
        SourceView view = new SourceView(assistant);
        view.show("docs", "missing.md", LineRange.parse("1"));
        assertThat(view.getChildren().anyMatch(c -> c.getId().filter("not-found"::equals).isPresent())).isTrue();
        assertThat(view.getChildren().anyMatch(Html.class::isInstance)).isFalse();
        assertThat(view.getPageTitle()).isEqualTo("docs/missing.md");
    }

    @Test
    void linksEncodeEachPathSegment() {
        assertThat(SourceView.href("docs", "guides/My Guide.md", "12-40"))
                .isEqualTo("source/docs/guides/My%20Guide.md?lines=12-40");
        assertThat(SourceView.href("code", "src/a+b#c.java", null)).isEqualTo("source/code/src/a%2Bb%23c.java");
        assertThat(SourceView.decode("My%20Guide.md")).isEqualTo("My Guide.md");
        assertThat(SourceView.decode("a+b.md")).isEqualTo("a+b.md");
        assertThat(SourceView.decode("a%2Bb%23c.java")).isEqualTo("a+b#c.java");
    }

    @Test
    void lineRanges() {
        assertThat(LineRange.parse("12-40")).contains(new LineRange(12, 40));
        assertThat(LineRange.parse("7")).contains(new LineRange(7, 7));
        assertThat(LineRange.parse("40-12")).isEmpty();
        assertThat(LineRange.parse("0")).isEmpty();
        assertThat(LineRange.parse("x")).isEmpty();
        assertThat(LineRange.parse(null)).isEmpty();
        assertThat(new LineRange(3, 3)).hasToString("3");
    }

    @Test
    void numberedTextKeepsEmptyLinesButNotAFinalNewline() {
        Element html = Jsoup.parseBodyFragment(NumberedText.html("a\r\n\nb\n", Optional.empty())).body().child(0);
        assertThat(html.select(".line")).hasSize(3);
        assertThat(Jsoup.parseBodyFragment(NumberedText.html("", Optional.empty())).body().select(".line")).hasSize(1);
    }
}

package org.labrador.webui.source;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.labrador.webui.chat.ChatAssistant;
import org.labrador.webui.chat.SourceFile;

/**
 * Shows one document of a source with line numbers: {@code source/<source>/<path>?lines=12-40}. The cited
 * lines are highlighted and scrolled into view; a document the source does not have gives a "not found"
 * message ({@code #not-found}). The text is in {@code #source-text}, a region that scrolls sideways on its own
 * and that the keyboard can reach.
 */
@Route("source/:source/:path*")
@PermitAll
@StyleSheet("context://styles/chat.css")
public class SourceView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");

    private final ChatAssistant assistant;
    private String title = "Labrador";

    public SourceView(ChatAssistant assistant) {
        this.assistant = assistant;
        addClassNames("page", "source-page");
    }

    /** The address of this view for a document, with the cited lines if any. */
    public static String href(String source, String path, String lines) {
        String segments = Arrays.stream((path == null ? "" : path).split("/"))
                .filter(s -> !s.isEmpty())
                .map(SourceView::encode)
                .collect(Collectors.joining("/"));
        String href = "source/" + encode(source == null ? "" : source) + "/" + segments;
        return lines == null || lines.isBlank() ? href : href + "?lines=" + encode(lines.strip());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String source = decode(event.getRouteParameters().get("source").orElse(""));
        List<String> segments = event.getRouteParameters().getWildcard("path");
        String path = segments.stream().map(SourceView::decode).collect(Collectors.joining("/"));
        Optional<LineRange> lines = event.getLocation().getQueryParameters().getSingleParameter("lines")
                .flatMap(LineRange::parse);
        show(source, path, lines);
    }

    void show(String source, String path, Optional<LineRange> lines) {
        removeAll();
        title = source + "/" + path;

        Anchor back = new Anchor(".", "← Labrador");
        back.addClassName("back");
        H1 heading = new H1(title);
        heading.addClassName("source-title");
        add(back, heading);

        Optional<SourceFile> file = path.isEmpty() ? Optional.empty() : open(source, path);
        if (file.isEmpty()) {
            Paragraph notFound = new Paragraph("Not found: " + title + " is not a document Labrador can show here."
                    + " Documents of sources read from another server (a live wiki, Indico, Mattermost, INSPIRE)"
                    + " open at their own address, which the citation links to.");
            notFound.setId("not-found");
            notFound.addClassName("not-found");
            add(notFound);
            return;
        }
        lines.ifPresent(range -> {
            Span cited = new Span("lines " + range);
            cited.addClassName("cited-lines");
            add(cited);
        });
        Html text = new Html(NumberedText.html(file.get().text() == null ? "" : file.get().text(), lines));
        text.setId("source-text");
        // Long lines scroll inside the box: Tab reaches it, so the keyboard can scroll it too.
        text.getElement().setAttribute("tabindex", "0");
        text.getElement().setAttribute("role", "region");
        text.getElement().setAttribute("aria-label", "Text of " + title);
        add(text);
        if (lines.isPresent()) {
            text.getElement().executeJs(
                    "const c = $0.querySelector('.cited'); if (c) c.scrollIntoView({block: 'center'});");
        }
    }

    private Optional<SourceFile> open(String source, String path) {
        try {
            return assistant.openFile(source, path);
        } catch (RuntimeException e) {
            // A path the source refuses (outside its root, unreadable) reads as "not found" to the reader.
            return Optional.empty();
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The router may hand segments over still percent-encoded; a literal "+" stays a plus. */
    static String decode(String segment) {
        if (!PERCENT_ESCAPE.matcher(segment).find()) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}

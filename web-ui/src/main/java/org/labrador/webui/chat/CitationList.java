package org.labrador.webui.chat;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.regex.Pattern;
import org.labrador.retrieval.Citation;
import org.labrador.webui.source.SourceView;

/**
 * The numbered sources under an answer. Each is a link ({@code a.citation}) labelled
 * "[n] title › heading path — path:lines" with the matching snippet below it. Labrador's own viewer opens
 * in the same tab (the conversation is kept); web pages open in a new tab. All text is set as text, never
 * as HTML, since titles and snippets come from indexed documents.
 */
final class CitationList extends Div {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
    private static final Pattern WEB = Pattern.compile("^https?://.+", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private boolean holdsIds;

    CitationList() {
        addClassName("citations");
        setVisible(false);
    }

    void show(List<Citation> citations) {
        removeAll();
        citations.forEach(c -> add(item(c)));
        setVisible(!citations.isEmpty());
        holdAnchorIds(holdsIds);
    }

    /**
     * Gives the items the ids {@code cite-N} that the answer's markers link to. Only the newest answer
     * holds them, so that ids stay unique on a page with several answers.
     */
    void holdAnchorIds(boolean hold) {
        holdsIds = hold;
        getChildren().forEach(item -> {
            String n = item.getElement().getAttribute("data-cite");
            if (hold) {
                item.getElement().setAttribute("id", "cite-" + n);
            } else {
                item.getElement().removeAttribute("id");
            }
        });
    }

    static String label(Citation c) {
        StringBuilder label = new StringBuilder("[").append(c.n()).append("] ");
        label.append(blank(c.title()) ? c.path() : c.title());
        if (c.headings() != null) {
            // The top heading usually repeats the title; show it once.
            c.headings().stream().filter(h -> !blank(h) && !h.equals(c.title()))
                    .forEach(h -> label.append(" › ").append(h));
        }
        if (!blank(c.commit())) {
            // Code is cited as repo@commit:path#Lstart-Lend, the form Git users paste.
            label.append(" — ").append(c.source()).append('@').append(c.commit(), 0, Math.min(8, c.commit().length()))
                    .append(':').append(c.path());
            if (!blank(c.lines())) {
                label.append("#L").append(c.lines().replace("-", "-L"));
            }
            return label.toString();
        }
        label.append(" — ").append(c.path());
        if (!blank(c.pages())) {
            // Papers are cited by page, as readers of papers expect.
            label.append(c.pages().contains("-") ? ", pages " : ", page ").append(c.pages());
        } else if (!blank(c.lines())) {
            label.append(':').append(c.lines());
        }
        if (!blank(c.modified())) {
            label.append(" (last edited ").append(c.modified(), 0, Math.min(10, c.modified().length())).append(')');
            if (outdated(c.modified())) {
                label.append(" · possibly outdated");
            }
        }
        return label.toString();
    }

    /** Pages not edited for this long are flagged: wikis keep advice that the experiment has moved past. */
    static final java.time.Duration OUTDATED_AFTER = java.time.Duration.ofDays(2 * 365);

    static boolean outdated(String modified) {
        try {
            return java.time.Instant.parse(modified).isBefore(java.time.Instant.now().minus(OUTDATED_AFTER));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** Where a citation opens: its own address if that is a web page or a page of Labrador, else the viewer. */
    static String href(Citation c) {
        String uri = c.uri() == null ? "" : c.uri().strip();
        if (WEB.matcher(uri).matches() || isRelative(uri)) {
            return uri;
        }
        return SourceView.href(c.source(), c.path(), c.lines());
    }

    static boolean opensInNewTab(String href) {
        return WEB.matcher(href).matches();
    }

    private static boolean isRelative(String uri) {
        return !uri.isEmpty() && !uri.startsWith("//") && !uri.startsWith("\\") && !SCHEME.matcher(uri).matches();
    }

    private static Anchor item(Citation c) {
        String href = href(c);
        Anchor item = new Anchor(href, "");
        item.addClassName("citation");
        item.getElement().setAttribute("data-cite", Integer.toString(c.n()));
        if (opensInNewTab(href)) {
            item.setTarget("_blank");
            item.getElement().setAttribute("rel", "noopener");
        }
        Span label = new Span(label(c));
        label.addClassName("citation-label");
        item.add(label);
        if (isCode(c)) {
            item.add(codeBlock(c));
        } else if (!blank(SnippetText.plain(c.snippet()))) {
            item.add(snippet(c.snippet()));
        }
        return item;
    }

    private static final Pattern PROSE = Pattern.compile(".*\\.(md|markdown|rst|html?|txt)$", Pattern.CASE_INSENSITIVE);

    /** Code from a repository is shown as the cited lines themselves; prose as a snippet. */
    static boolean isCode(Citation c) {
        return !blank(c.commit()) && !blank(c.text()) && !PROSE.matcher(c.path()).matches();
    }

    /** The cited lines, numbered from the first cited line, set as text. */
    static Pre codeBlock(Citation c) {
        Pre block = new Pre();
        block.addClassName("cited-code");
        int first = 1;
        try {
            first = Integer.parseInt(c.lines().split("-")[0].strip());
        } catch (RuntimeException e) {
            // no usable line range: number from 1
        }
        String[] lines = c.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Span number = new Span(Integer.toString(first + i));
            number.addClassName("ln");
            Span code = new Span(lines[i] + "\n");
            code.addClassName("code");
            block.add(number, code);
        }
        return block;
    }

    /**
     * The snippet as plain text ({@link SnippetText}: no {@code ##} or backticks of the source's Markdown); the
     * matched terms, marked {@code **term**}, become highlighted spans.
     */
    static Span snippet(String snippet) {
        Span block = new Span();
        block.addClassName("citation-snippet");
        String[] parts = SnippetText.plain(snippet).split("\\*\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            Span part = new Span(parts[i]);
            // An unpaired final "**" leaves an odd count: its text is shown plain rather than highlighted.
            if (i % 2 == 1 && i < parts.length - 1) {
                part.addClassName("term");
            }
            block.add(part);
        }
        return block;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package org.labrador.webui.chat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import java.util.ArrayList;
import java.util.List;

/**
 * A box above the question field for what the reader should know or do, such as starting the model
 * server. Messages of one answer add up (a notice, then the failure it explains); a new question clears
 * them. The text may hold Markdown (a command in backticks); it is rendered safely.
 */
final class NoticeBox extends Div {

    private final MarkdownRenderer renderer;
    private final List<String> shown = new ArrayList<>();
    private Runnable onChange = () -> { };

    NoticeBox(MarkdownRenderer renderer) {
        this.renderer = renderer;
        setId("notice");
        addClassName("notice");
        getElement().setAttribute("role", "status");
        setVisible(false);
    }

    void show(String notice) {
        add(message(notice, "notice-message"));
        shown.add(notice);
        setVisible(true);
        onChange.run();
    }

    /** Whether the box shows this notice now. */
    boolean shows(String notice) {
        return notice != null && isVisible() && shown.contains(notice);
    }

    /** What to run when a notice comes or the box clears (the status line shows what the box no longer does). */
    void onChange(Runnable action) {
        onChange = action;
    }

    void showError(String message) {
        add(message(message, "notice-error"));
        addClassName("error");
        setVisible(true);
    }

    void hide() {
        removeAll();
        shown.clear();
        removeClassName("error");
        setVisible(false);
        onChange.run();
    }

    private Html message(String text, String className) {
        Html message = new Html(renderer.render(text == null ? "" : text));
        message.getElement().getClassList().add(className);
        return message;
    }
}

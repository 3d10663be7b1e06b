package org.labrador.webui.chat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;

/**
 * A box above the question field for what the reader should know or do, such as starting the model
 * server. Messages of one answer add up (a notice, then the failure it explains); a new question clears
 * them. The text may hold Markdown (a command in backticks); it is rendered safely.
 */
final class NoticeBox extends Div {

    private final MarkdownRenderer renderer;

    NoticeBox(MarkdownRenderer renderer) {
        this.renderer = renderer;
        setId("notice");
        addClassName("notice");
        getElement().setAttribute("role", "status");
        setVisible(false);
    }

    void show(String notice) {
        add(message(notice, "notice-message"));
        setVisible(true);
    }

    void showError(String message) {
        add(message(message, "notice-error"));
        addClassName("error");
        setVisible(true);
    }

    void hide() {
        removeAll();
        removeClassName("error");
        setVisible(false);
    }

    private Html message(String text, String className) {
        Html message = new Html(renderer.render(text == null ? "" : text));
        message.getElement().getClassList().add(className);
        return message;
    }
}

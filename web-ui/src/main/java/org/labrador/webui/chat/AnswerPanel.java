package org.labrador.webui.chat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.labrador.retrieval.Citation;

/**
 * One turn on the page ({@code .turn}): the question, the answer ({@code .answer}, rendered Markdown), its
 * citations ({@code .citations}), and once complete a copy button ({@code .copy-answer}) and thumbs up and
 * down. While the answer streams the panel has the class {@code streaming}.
 */
final class AnswerPanel extends Div {

    private final MarkdownRenderer renderer;
    private final String question;
    private final Div answer = new Div();
    private final CitationList citations = new CitationList();
    private final Div feedback = new Div();
    private final Div actions = new Div();
    /** Where a rating goes: the exchange, 1 or -1, and a comment or null. */
    interface Rater {
        void rate(long exchangeId, int rating, String comment);
    }

    private Rater rater = (id, rating, comment) -> { };

    AnswerPanel(String question, MarkdownRenderer renderer) {
        this.renderer = renderer;
        this.question = question;
        addClassName("turn");
        Div asked = new Div(question);
        asked.addClassName("question");
        answer.addClassName("answer");
        feedback.addClassName("feedback");
        feedback.setVisible(false);
        // The page's script copies the answer's Markdown (data-markdown): no round trip, so the browser
        // still counts the click as the user's when it writes to the clipboard.
        com.vaadin.flow.component.button.Button copy = new com.vaadin.flow.component.button.Button("Copy");
        copy.addClassName("copy-answer");
        copy.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.SMALL,
                com.vaadin.flow.component.button.ButtonVariant.TERTIARY);
        copy.setAriaLabel("Copy answer");
        actions.addClassName("answer-actions");
        actions.add(copy, feedback);
        actions.setVisible(false);
        add(asked, answer, citations, actions);
    }

    /** Where thumbs up and down go. */
    void onRate(Rater rater) {
        this.rater = rater;
    }

    /** Offers thumbs up and down for the answer the server kept as {@code exchangeId}. */
    void enableFeedback(long exchangeId) {
        feedback.removeAll();
        com.vaadin.flow.component.button.Button up = new com.vaadin.flow.component.button.Button("Helpful");
        com.vaadin.flow.component.button.Button down = new com.vaadin.flow.component.button.Button("Not helpful");
        up.addClassName("thumbs-up");
        down.addClassName("thumbs-down");
        up.addClickListener(e -> rated(exchangeId, 1, up, down));
        down.addClickListener(e -> rated(exchangeId, -1, up, down));
        feedback.add(up, down);
        feedback.setVisible(true);
    }

    private void rated(long exchangeId, int rating, com.vaadin.flow.component.button.Button up,
                       com.vaadin.flow.component.button.Button down) {
        rater.rate(exchangeId, rating, null);
        up.setEnabled(false);
        down.setEnabled(false);
        if (rating > 0) {
            feedback.add(new Span("Thanks: the curators see this."));
            return;
        }
        // What was wrong or missing tells the curators which page to write.
        com.vaadin.flow.component.textfield.TextField comment = new com.vaadin.flow.component.textfield.TextField();
        comment.setPlaceholder("What was wrong or missing? (optional)");
        comment.addClassName("feedback-comment");
        com.vaadin.flow.component.button.Button send = new com.vaadin.flow.component.button.Button("Send", e -> {
            rater.rate(exchangeId, rating, comment.getValue());
            feedback.removeAll();
            feedback.add(new Span("Thanks: the curators see this."));
        });
        send.addClassName("send-feedback");
        feedback.add(comment, send);
    }

    /** A panel for a turn that is already complete, as when the page is built again. */
    static AnswerPanel completed(AnsweredTurn turn, MarkdownRenderer renderer) {
        AnswerPanel panel = new AnswerPanel(turn.question(), renderer);
        panel.showAnswer(turn.answer(), turn.citations());
        panel.showCitations(turn.citations());
        if (!turn.grounded()) {
            panel.markUnverified();
        }
        panel.actions.setVisible(true);
        return panel;
    }

    /** Shows that the answer is on its way, until the first text arrives. */
    void startStreaming() {
        addClassName("streaming");
        Span waiting = new Span("Searching the sources…");
        waiting.addClassName("waiting");
        answer.removeAll();
        answer.add(waiting);
    }

    /** While the answer has not begun: the question's place in the queue for a busy model (0: it is being written). */
    void waitingInLine(int position) {
        if (!answer.getElement().hasAttribute("data-markdown")) {
            Span waiting = new Span(position == 0 ? "Writing the answer…"
                    : "The model is busy: your question is " + ordinal(position) + " in line…");
            waiting.addClassName("waiting");
            waiting.getElement().setAttribute("role", "status");
            answer.removeAll();
            answer.add(waiting);
        }
    }

    private static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    void showAnswer(String markdown, List<Citation> cited) {
        Set<Integer> numbers = cited.stream().map(Citation::n).collect(Collectors.toUnmodifiableSet());
        answer.removeAll();
        answer.add(new Html(renderer.render(markdown, numbers)));
        answer.getElement().setAttribute("data-markdown", markdown == null ? "" : markdown);
        // Highlights code and gives each block its copy button; the script may still be loading (it then
        // decorates what is on the page once it runs).
        answer.getElement().executeJs("window.labradorChat && window.labradorChat.decorate($0)");
    }

    void showCitations(List<Citation> cited) {
        citations.show(cited);
    }

    /** Marks the answer as unverified ({@code .unverified-mark}): it cites none of the sources it was given. */
    void markUnverified() {
        addClassName("unverified");
        Span mark = new Span("Unverified: this answer cites none of the sources.");
        mark.addClassName("unverified-mark");
        addComponentAtIndex(getElement().indexOfChild(answer.getElement()) + 1, mark);
    }

    void finishStreaming(boolean failed) {
        removeClassName("streaming");
        if (failed) {
            addClassName("failed");
        } else {
            actions.setVisible(true);
        }
    }

    /** The question as asked. */
    String question() {
        return question;
    }

    CitationList citations() {
        return citations;
    }

    Div answer() {
        return answer;
    }
}

package org.labrador.webui.chat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What an empty chat shows a newcomer ({@code #start}): the sources they may read ({@code .source-card}:
 * kind, documents, last sync), questions the curators suggest ({@code .suggested-question}, a click asks
 * it), and whom to ask when the answer is not in the sources ({@code #contact}).
 */
final class StartPage extends Div {

    /** Enough to show what can be asked without pushing the question field out of sight. */
    static final int MAX_SUGGESTIONS = 6;

    StartPage(List<ChatAssistant.ReadableSource> sources, KindLabels kinds, String contact, MarkdownRenderer renderer,
              Consumer<String> ask, Clock clock) {
        setId("start");
        addClassName("start-page");

        H2 heading = new H2("Ask about what these sources hold");
        heading.addClassName("start-heading");
        add(heading);

        if (sources.isEmpty()) {
            Paragraph none = new Paragraph("There is no source you may read yet.");
            none.addClassName("no-sources");
            add(none);
        } else {
            UnorderedList cards = new UnorderedList();
            cards.addClassName("source-cards");
            sources.forEach(s -> cards.add(card(s, kinds, clock)));
            add(cards);
        }

        Set<String> suggested = new LinkedHashSet<>();
        sources.forEach(s -> suggested.addAll(s.suggestedQuestions()));
        if (!suggested.isEmpty()) {
            H2 tryThese = new H2("Try asking");
            tryThese.addClassName("start-heading");
            Div questions = new Div();
            questions.addClassName("suggested-questions");
            suggested.stream().limit(MAX_SUGGESTIONS).forEach(q -> {
                Button question = new Button(q, e -> ask.accept(q));
                question.addClassName("suggested-question");
                question.addThemeVariants(ButtonVariant.SMALL);
                questions.add(question);
            });
            add(tryThese, questions);
        }

        if (!contact.isBlank()) {
            // Written by an administrator in the configuration; rendered as any Markdown, safely.
            Html who = new Html(renderer.render("Not in the sources? Ask " + contact));
            who.setId("contact");
            who.addClassName("contact");
            add(who);
        }
    }

    private static ListItem card(ChatAssistant.ReadableSource s, KindLabels kinds, Clock clock) {
        Span name = new Span(s.name());
        name.addClassName("source-name");
        Span kind = new Span(label(kinds, s.kind()));
        kind.addClassName("source-kind");
        Span holds = new Span(s.documents() == 1 ? "1 document" : s.documents() + " documents");
        holds.addClassName("source-holds");
        Span synced = new Span(s.syncing() ? "syncing now"
                : s.lastSync() == null ? "never synced" : "synced " + RelativeTime.since(s.lastSync(), clock.instant()));
        synced.addClassName("source-synced");
        ListItem card = new ListItem(name, kind, holds, synced);
        card.addClassName("source-card");
        return card;
    }

    private static String label(KindLabels kinds, String kind) {
        try {
            String label = kinds.label(kind);
            return label == null || label.isBlank() ? kind : label;
        } catch (RuntimeException e) {
            return kind; // a label is a courtesy: the kind's own name will do
        }
    }
}

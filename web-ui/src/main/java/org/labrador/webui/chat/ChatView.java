package org.labrador.webui.chat;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.labrador.webui.account.Viewer;

/**
 * The home page: the conversation so far, the question field ({@code #question}) with its button
 * ({@code #ask}, or Enter), a notice box ({@code #notice}) and the status line ({@code #status}). Each
 * question is sent with the earlier turns as history; its answer streams into a new {@link AnswerPanel}.
 */
@Route("")
@PageTitle("Labrador")
@PermitAll
public class ChatView extends Div implements BeforeEnterObserver {

    /**
     * A citation marker jumps to the citation of its own answer: ids are unique only for the newest answer,
     * so without this a marker in an older answer would jump to the newest one's list.
     */
    private static final String SCOPED_CITATION_JUMPS = """
            $0.addEventListener('click', e => {
              const ref = e.target.closest('a.cite-ref');
              if (!ref) return;
              const n = (ref.getAttribute('href') || '').replace('#cite-', '');
              const turn = ref.closest('.turn');
              const target = turn && turn.querySelector('.citation[data-cite="' + n + '"]');
              if (!target) return;
              e.preventDefault();
              target.scrollIntoView({behavior: 'smooth', block: 'center'});
              target.classList.add('flash');
              setTimeout(() => target.classList.remove('flash'), 1500);
            });""";

    static final String ALL_SOURCES = "All sources";

    private final ChatAssistant assistant;
    private final Conversation conversation;
    private final MarkdownRenderer renderer = new MarkdownRenderer();
    private final Div turns = new Div();
    private final Div history = new Div();
    private final NoticeBox notice = new NoticeBox(renderer);
    private final TextField question = new TextField();
    private final Button ask = new Button("Ask");
    private final Select<String> source = new Select<>();
    private AnswerPanel newest;
    private boolean answering;

    public ChatView(ChatAssistant assistant, Conversation conversation, Viewer viewer) {
        this.assistant = assistant;
        this.conversation = conversation;
        addClassNames("page", "chat-page");

        H1 title = new H1("Labrador");
        title.addClassName("app-title");

        turns.addClassName("conversation");
        turns.getElement().executeJs(SCOPED_CITATION_JUMPS);
        showTurns();

        question.setId("question");
        question.addClassName("question-field");
        question.setPlaceholder("Ask about the collaboration's docs, wiki, papers and code");
        question.setAriaLabel("Question");
        question.setClearButtonVisible(true);
        question.setAutofocus(true);

        ask.setId("ask");
        ask.addThemeVariants(ButtonVariant.PRIMARY);
        ask.addClickListener(e -> ask());
        // Blurring and refocusing the field first makes the browser send its value before the click.
        ask.addClickShortcut(Key.ENTER).listenOn(question).resetFocusOnActiveElement();

        // Limiting a question to one source (a repository, a wiki) keeps the others out of the answer.
        source.setId("source");
        source.setAriaLabel("Source");
        source.setItems(allSourcesAnd(assistant.sources()));
        source.setValue(ALL_SOURCES);
        source.setVisible(!assistant.sources().isEmpty());

        Div askRow = new Div(question, source, ask);
        askRow.addClassName("ask-row");

        history.setId("conversations");
        history.addClassName("history");
        add(title, history, turns, notice, askRow, new StatusLine(assistant));
        showHistory();
    }

    /** {@code ?conversation=ID} reopens a kept conversation, {@code ?new} starts afresh. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters();
        if (parameters.getParameters().containsKey("new")) {
            conversation.clear();
            showTurns();
        }
        parameters.getSingleParameter("conversation").flatMap(ChatView::parseId).ifPresent(id -> {
            List<AnsweredTurn> kept = assistant.openConversation(id);
            if (!kept.isEmpty()) {
                conversation.reopen(id, kept);
                showTurns();
            }
        });
    }

    private static java.util.Optional<Long> parseId(String value) {
        try {
            return java.util.Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private void showTurns() {
        turns.removeAll();
        newest = null;
        for (AnsweredTurn turn : conversation.turns()) {
            showTurn(AnswerPanel.completed(turn, renderer));
        }
    }

    /** The user's earlier conversations: open one, or delete it. */
    private void showHistory() {
        history.removeAll();
        List<ChatAssistant.SavedConversation> saved = assistant.conversations();
        if (saved.isEmpty()) {
            history.setVisible(false);
            return;
        }
        history.setVisible(true);
        Details list = new Details("Earlier conversations (" + saved.size() + ")");
        Anchor fresh = new Anchor("?new", "New conversation");
        fresh.addClassName("new-conversation");
        list.add(fresh);
        for (ChatAssistant.SavedConversation c : saved) {
            Anchor open = new Anchor("?conversation=" + c.id(), c.title());
            open.addClassName("open-conversation");
            Button delete = new Button("Delete", e -> {
                assistant.deleteConversation(c.id());
                if (java.util.Objects.equals(conversation.id(), c.id())) {
                    conversation.clear();
                    showTurns();
                }
                showHistory();
            });
            delete.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
            delete.addClassName("delete-conversation");
            Div row = new Div(open, delete);
            row.addClassName("saved-conversation");
            list.add(row);
        }
        history.add(list);
    }

    private void ask() {
        String text = question.getValue() == null ? "" : question.getValue().strip();
        if (text.isEmpty() || answering) {
            return;
        }
        answering = true;
        ask.setEnabled(false);
        notice.hide();
        question.clear();

        AnswerPanel panel = new AnswerPanel(text, renderer);
        panel.startStreaming();
        showTurn(panel);
        panel.scrollIntoView();

        List<Turn> history = conversation.history();
        AnswerStream stream = new AnswerStream(text, panel, notice, uiExecutor(), conversation::add, this::answered)
                .onRecorded(conversation::recordedAs);
        panel.onRate(assistant::rate);
        try {
            String chosen = source.getValue();
            assistant.answer(text, history, chosen == null || ALL_SOURCES.equals(chosen) ? Set.of() : Set.of(chosen),
                    conversation.id(), stream);
        } catch (RuntimeException e) {
            // The contract says answer() never throws; should it, the page must still come back to life.
            stream.onError("The answer failed: " + e.getMessage());
        }
    }

    private static List<String> allSourcesAnd(List<String> names) {
        List<String> items = new java.util.ArrayList<>(names.size() + 1);
        items.add(ALL_SOURCES);
        items.addAll(names);
        return items;
    }

    private void showTurn(AnswerPanel panel) {
        if (newest != null) {
            newest.citations().holdAnchorIds(false);
        }
        newest = panel;
        panel.citations().holdAnchorIds(true);
        turns.add(panel);
    }

    private void answered() {
        showHistory();
        answering = false;
        ask.setEnabled(true);
        question.focus();
    }

    /**
     * How the assistant's thread reaches the page: {@code UI.access} locks the page and pushes the change.
     * Tests replace it to run changes directly.
     */
    Executor uiExecutor() {
        UI ui = UI.getCurrent();
        return change -> {
            try {
                ui.access(change::run);
            } catch (UIDetachedException e) {
                // The reader closed the page; there is no one left to show the answer to.
            }
        };
    }

    boolean answering() {
        return answering;
    }
}

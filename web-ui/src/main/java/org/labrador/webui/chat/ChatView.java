package org.labrador.webui.chat;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.labrador.webui.account.Viewer;

/**
 * The chat: a sidebar of the user's conversations ({@link ConversationList}), the conversation on the page
 * (or, while it is empty, the {@link StartPage}), a notice box ({@code #notice}), the question field
 * ({@code #question}, several lines; Enter asks, Shift+Enter starts a new line) with its button
 * ({@code #ask}), and the status line ({@code #status}). {@code /} starts a new conversation; a kept one
 * has its own address {@code /c/ID}, so that reloading the page or coming back from a cited document shows
 * it again. An address of a conversation that is not the user's is "not found", whoever's it is.
 */
@Route("")
@RouteAlias("c/:id([0-9]{1,18})")
@PermitAll
@StyleSheet("context://styles/chat.css")
public class ChatView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    /**
     * Highlighted code is served with the application (a WebJar), never fetched from elsewhere: the page
     * may run only this site's scripts.
     */
    static final String HIGHLIGHT_JS = "webjars/highlightjs/11.11.1/highlight.min.js";
    static final String CHAT_JS = "scripts/chat.js";

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
    private final KindLabels kinds;
    private final Conversation conversation;
    private final MarkdownRenderer renderer = new MarkdownRenderer();
    private final H1 title = new H1();
    private final Div scroller = new Div();
    private final Div turns = new Div();
    private final NoticeBox notice = new NoticeBox(renderer);
    private final TextArea question = new TextArea();
    private final Button ask = new Button("Ask");
    private final Select<String> source = new Select<>();
    private final ConversationList sidebar;
    private final Button menu = new Button("Conversations", VaadinIcon.CHAT.create());
    private final Div backdrop = new Div();
    private AnswerPanel newest;
    private boolean answering;

    public ChatView(ChatAssistant assistant, KindLabels kinds, Conversation conversation, Viewer viewer) {
        this.assistant = assistant;
        this.kinds = kinds;
        this.conversation = conversation;
        addClassName("chat-page");

        sidebar = new ConversationList(assistant, this::startNew, this::deleted, this::renamed);

        // On a phone the sidebar is a drawer: this button opens it, the backdrop (or choosing) closes it. It says
        // what it opens: a second ☰ under the app bar's menu button read as the same menu.
        menu.setId("conversations-toggle");
        menu.addClassName("sidebar-toggle");
        menu.addThemeVariants(ButtonVariant.TERTIARY);
        menu.getElement().setAttribute("aria-controls", "conversations");
        menu.getElement().setAttribute("aria-expanded", "false");
        menu.addClickListener(e -> showSidebar(!sidebar.hasClassName("open")));
        backdrop.addClassName("sidebar-backdrop");
        backdrop.addClickListener(e -> showSidebar(false));

        title.addClassName("conversation-title");
        Div header = new Div(menu, title);
        header.addClassName("chat-header");

        turns.addClassName("conversation");
        scroller.addClassName("chat-scroll");
        scroller.add(turns);
        turns.getElement().executeJs(SCOPED_CITATION_JUMPS);

        question.setId("question");
        question.addClassName("question-field");
        question.setPlaceholder("Ask about the collaboration's docs, wiki, papers and code");
        question.setAriaLabel("Question");
        question.setAutofocus(true);
        question.setHelperText("Enter asks · Shift+Enter starts a new line");

        ask.setId("ask");
        ask.addThemeVariants(ButtonVariant.PRIMARY);
        ask.addClickListener(e -> ask());
        // Enter asks; Shift+Enter is another shortcut, so it stays the text area's new line. Blurring and
        // refocusing the field first makes the browser send its value before the click.
        ask.addClickShortcut(Key.ENTER).listenOn(question).resetFocusOnActiveElement();

        // Limiting a question to one source (a repository, a wiki) keeps the others out of the answer.
        source.setId("source");
        source.setAriaLabel("Source");
        source.setItems(allSourcesAnd(assistant.sources()));
        source.setValue(ALL_SOURCES);
        source.setVisible(!assistant.sources().isEmpty());

        Div askRow = new Div(question, source, ask);
        askRow.addClassName("ask-row");

        // An administrator's fix for a missing model is said once: in the notice box while it shows it, else below.
        StatusLine status = new StatusLine(assistant);
        status.notRepeating(notice::shows);
        notice.onChange(status::showModelFix);
        Div main = new Div(header, scroller, notice, askRow, status);
        main.addClassName("chat-main");
        Div body = new Div(sidebar, backdrop, main);
        body.addClassName("chat-body");
        add(body);
        showConversation();
    }

    /** {@code /} is a new conversation; {@code /c/ID} one of the user's kept ones, or "not found". */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<Long> id = event.getRouteParameters().getLong("id");
        showSidebar(false);
        if (id.isEmpty()) {
            conversation.clear();
        } else if (!id.get().equals(conversation.id())) {
            // The one on the page already (after Back from a cited document) is shown as it is; any other is
            // opened from the server, which opens only the user's own.
            Optional<ChatAssistant.OpenedConversation> kept = assistant.openConversation(id.get());
            if (kept.isEmpty()) {
                event.rerouteToError(NotFoundException.class, "There is no conversation " + id.get() + " of yours.");
                return;
            }
            conversation.reopen(kept.get().id(), kept.get().title(), kept.get().turns());
        }
        showConversation();
    }

    /** The address of one of the user's conversations, relative to the application's. */
    public static String href(long conversationId) {
        return "c/" + conversationId;
    }

    @Override
    public String getPageTitle() {
        return conversation.title() == null ? "Labrador" : conversation.title() + " · Labrador";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // In order: the page's script highlights with the library once both are loaded.
        event.getUI().getPage().addJavaScript("context://" + HIGHLIGHT_JS);
        event.getUI().getPage().addJavaScript("context://" + CHAT_JS);
    }

    private void showConversation() {
        turns.removeAll();
        newest = null;
        List<AnsweredTurn> kept = conversation.turns();
        if (kept.isEmpty()) {
            turns.add(new StartPage(readableSources(), kinds, assistant.contact(), renderer, this::askThis, Clock.systemUTC()));
        }
        kept.forEach(turn -> showTurn(AnswerPanel.completed(turn, renderer)));
        notice.hide();
        showTitle();
        sidebar.select(conversation.id());
    }

    private List<ChatAssistant.ReadableSource> readableSources() {
        try {
            return assistant.readableSources();
        } catch (RuntimeException e) {
            // The start page is a courtesy: a source whose counts cannot be read must not break the chat.
            return List.of();
        }
    }

    /**
     * The heading names the page for screen readers. On screen it shows only what the page does not show anyway:
     * "Labrador" is the app bar's, and a conversation titled by its first question has that question right below.
     */
    private void showTitle() {
        title.setText(conversation.title() == null ? "Labrador" : conversation.title());
        title.setClassName("repeats", conversation.title() == null || titledByItsQuestion(conversation.title()));
        getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
    }

    /** Whether {@code title} is the first question on the page, as the server titles a new conversation (cut with …). */
    private boolean titledByItsQuestion(String title) {
        return turns.getChildren().filter(AnswerPanel.class::isInstance).findFirst()
                .map(first -> ((AnswerPanel) first).question().strip().replaceAll("\\s+", " "))
                .map(question -> question.equals(title)
                        || title.endsWith("…") && question.startsWith(title.substring(0, title.length() - 1)))
                .orElse(false);
    }

    private void showSidebar(boolean open) {
        sidebar.setClassName("open", open);
        backdrop.setClassName("open", open);
        menu.getElement().setAttribute("aria-expanded", Boolean.toString(open));
    }

    private void startNew() {
        showSidebar(false);
        Optional<UI> ui = getUI();
        if (ui.isPresent()) {
            ui.get().navigate(ChatView.class);
        } else {
            conversation.clear();
            showConversation();
        }
    }

    private void deleted(long id) {
        if (Objects.equals(conversation.id(), id)) {
            startNew();
        }
    }

    private void renamed() {
        // The title as the server keeps it (one line, cut to a list's length).
        assistant.conversations("").stream().filter(c -> Objects.equals(c.id(), conversation.id())).findFirst()
                .ifPresent(c -> {
                    conversation.retitle(c.title());
                    showTitle();
                });
    }

    /** Asks a suggested question as if typed. */
    private void askThis(String suggested) {
        question.setValue(suggested);
        ask();
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
        if (conversation.turns().isEmpty()) {
            turns.removeAll(); // the start page gives way to the conversation
        }

        AnswerPanel panel = new AnswerPanel(text, renderer);
        panel.startStreaming();
        showTurn(panel);
        panel.scrollIntoView();

        // An answer that arrives after the reader moved to another conversation belongs to its own.
        long generation = conversation.generation();
        List<Turn> history = conversation.history();
        AnswerStream stream = new AnswerStream(text, panel, notice, uiExecutor(), turn -> {
            if (conversation.generation() == generation) {
                conversation.add(turn);
            }
        }, this::answered).onRecorded(id -> {
            if (conversation.generation() == generation) {
                recorded(id, text);
            }
        });
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

    /** The first answer gives a new conversation its id: the address becomes its own, without a reload. */
    private void recorded(long id, String asked) {
        boolean isNew = conversation.id() == null;
        conversation.recordedAs(id, asked);
        if (isNew) {
            getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, href(id)));
            showTitle();
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
        sidebar.select(conversation.id());
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

package org.labrador.webui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.dom.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.labrador.retrieval.Citation;

class ChatViewTest {

    /** A signed-in reader, as the navigation bar sees them. */
    static final org.labrador.webui.account.Viewer READER = new org.labrador.webui.account.Viewer() {
        @Override
        public String name() {
            return "ada";
        }

        @Override
        public boolean curator() {
            return false;
        }

        @Override
        public boolean admin() {
            return false;
        }
    };


    /** The kinds' labels as the server's registry gives them; a kind it does not know has none. */
    static final KindLabels KINDS = kind -> java.util.Map.of("docs", "Docs folder", "git", "Git repository",
            "twiki", "TWiki or Foswiki").get(kind);

    /** Records every question and hands the test the listener, to play the assistant's part. */
    static class ScriptedAssistant implements ChatAssistant {
        final List<String> questions = new ArrayList<>();
        final List<List<Turn>> histories = new ArrayList<>();
        final List<java.util.Set<String>> sourceChoices = new ArrayList<>();
        AnswerListener listener;

        @Override
        public List<String> sources() {
            return List.of("docs", "straxen");
        }

        @Override
        public void answer(String question, List<Turn> history, java.util.Set<String> sources, AnswerListener listener) {
            questions.add(question);
            sourceChoices.add(sources);
            histories.add(List.copyOf(history));
            this.listener = listener;
        }

        @Override
        public Status status() {
            return new Status(3, 42, null, false, 0, "qwen3:4b", true, "");
        }

        @Override
        public List<ReadableSource> readableSources() {
            return List.of(new ReadableSource("docs", "docs", 12, java.time.Instant.now().minusSeconds(7200), false,
                            List.of("How do I build it?")),
                    new ReadableSource("straxen", "git", 0, null, false, List.of()),
                    new ReadableSource("twiki", "twiki", 40, java.time.Instant.now().minusSeconds(3 * 86_400), false, List.of()),
                    new ReadableSource("notebook", "lab-notebook", 5, null, true, List.of()));
        }

        @Override
        public String contact() {
            return "the computing coordinators";
        }

        @Override
        public Optional<SourceFile> openFile(String source, String path) {
            return Optional.empty();
        }
    }

    private final ScriptedAssistant assistant = new ScriptedAssistant();
    private final Conversation conversation = new Conversation();
    private final ChatView view = directView(conversation);

    private ChatView directView(Conversation conversation) {
        return new ChatView(assistant, KINDS, conversation, READER) {
            @Override
            Executor uiExecutor() {
                return Runnable::run;
            }
        };
    }

    private static Citation citation(int n, String uri) {
        return new Citation(n, "Guide", "docs/guide.md", List.of("Install", "Linux"), "12-40", uri,
                "run **make** first", "docs");
    }

    private void ask(String question) {
        ((TextArea) component("question")).setValue(question);
        ((Button) component("ask")).click();
    }

    private Component component(String id) {
        return ViewSearch.byId(view, id).flatMap(Element::getComponent).orElseThrow();
    }

    private List<Element> answers() {
        return ViewSearch.byClass(view, "answer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aQuestionCanBeLimitedToOneSource() {
        ask("Where is the S1 threshold?");
        assistant.listener.onDone();
        var select = (com.vaadin.flow.component.select.Select<String>) component("source");
        select.setValue("straxen");
        ask("And the S2 threshold?");
        assertThat(assistant.sourceChoices).containsExactly(java.util.Set.of(), java.util.Set.of("straxen"));
    }

    @Test
    void hasTheElementsTheBrowserTestUses() {
        assertThat(component("question")).isInstanceOf(TextArea.class);
        assertThat(component("ask")).isInstanceOf(Button.class);
        assertThat(component("notice").isVisible()).isFalse();
        assertThat(ViewSearch.byId(view, "status")).isPresent();
    }

    @Test
    void streamsAnAnswerWithItsCitations() {
        ask("How do I build it?");

        assertThat(assistant.questions).containsExactly("How do I build it?");
        assertThat(assistant.histories.getFirst()).isEmpty();
        assertThat(component("ask").getElement().isEnabled()).isFalse();
        assertThat(((TextArea) component("question")).getValue()).isEmpty();
        assertThat(answers()).hasSize(1);

        assistant.listener.onToken("Run `make` ");
        assertThat(ViewSearch.text(answers().getFirst())).contains("Run make");

        assistant.listener.onToken("in the top folder [1].");
        assistant.listener.onCitations(List.of(citation(1, "")));
        assistant.listener.onDone();

        Element answer = answers().getFirst();
        Html html = (Html) answer.getChildren().findFirst().flatMap(Element::getComponent).orElseThrow();
        assertThat(html.getInnerHtml()).contains("<code>make</code>").contains("href=\"#cite-1\"");
        List<Element> cited = ViewSearch.byClass(view, "citation");
        assertThat(cited).hasSize(1);
        assertThat(cited.getFirst().getTag()).isEqualTo("a");
        assertThat(cited.getFirst().getAttribute("id")).isEqualTo("cite-1");
        assertThat(cited.getFirst().getAttribute("href")).isEqualTo("source/docs/docs/guide.md?lines=12-40");
        assertThat(ViewSearch.text(cited.getFirst()))
                .startsWith("[1] Guide › Install › Linux — docs/guide.md:12-40")
                .contains("make");
        assertThat(component("ask").getElement().isEnabled()).isTrue();
        assertThat(conversation.history()).containsExactly(new Turn("How do I build it?", "Run `make` in the top folder [1]."));
    }

    @Test
    void followUpQuestionsCarryTheEarlierTurns() {
        ask("first?");
        assistant.listener.onToken("one [1]");
        assistant.listener.onCitations(List.of(citation(1, "https://wiki.example.org/Guide")));
        assistant.listener.onDone();

        ask("and then?");
        assertThat(assistant.histories.get(1)).containsExactly(new Turn("first?", "one [1]"));
        assistant.listener.onToken("two [1]");
        assistant.listener.onCitations(List.of(citation(1, "")));
        assistant.listener.onDone();

        assertThat(answers()).hasSize(2);
        List<Element> cited = ViewSearch.byClass(view, "citation");
        assertThat(cited).hasSize(2);
        assertThat(cited.get(0).hasAttribute("id")).as("only the newest answer holds the ids").isFalse();
        assertThat(cited.get(0).getAttribute("target")).isEqualTo("_blank");
        assertThat(cited.get(0).getAttribute("rel")).isEqualTo("noopener");
        assertThat(cited.get(1).getAttribute("id")).isEqualTo("cite-1");
        assertThat(cited.get(1).hasAttribute("target")).isFalse();
    }

    @Test
    void theButtonIgnoresBlankQuestionsAndQuestionsWhileAnswering() {
        ask("   ");
        assertThat(assistant.questions).isEmpty();

        ask("first?");
        ((TextArea) component("question")).setValue("impatient");
        ((Button) component("ask")).click();
        assertThat(assistant.questions).containsExactly("first?");
    }

    @Test
    void noticesShowAboveTheQuestionAndClearOnTheNextOne() {
        ask("anyone there?");
        assistant.listener.onNotice("No Ollama server answers at localhost:11434: start it with `ollama serve`.");
        Component notice = component("notice");
        assertThat(notice.isVisible()).isTrue();
        assertThat(ViewSearch.text(notice.getElement())).contains("ollama serve");
        assistant.listener.onDone();

        ask("again?");
        assertThat(notice.isVisible()).isFalse();
    }

    @Test
    void anAdministratorsFixForTheModelIsSaidOnceInTheBoxOrBelow() {
        String fix = "No Ollama server answers at http://localhost:11434. Start one with `ollama serve`.";
        ScriptedAssistant down = new ScriptedAssistant() {
            @Override
            public Status status() {
                return new Status(3, 42, null, false, 0, "qwen3:4b", false, fix);
            }
        };
        ChatView page = new ChatView(down, KINDS, new Conversation(), READER) {
            @Override
            Executor uiExecutor() {
                return Runnable::run;
            }
        };
        StatusLine status = (StatusLine) ViewSearch.byId(page, "status").flatMap(Element::getComponent).orElseThrow();
        status.refresh();
        Element below = ViewSearch.byClass(status, "status-notice").getFirst();
        Element box = ViewSearch.byId(page, "notice").orElseThrow();
        assertThat(below.isVisible()).as("before a question, the status line says it").isTrue();
        assertThat(below.getText()).contains("ollama serve");

        ((TextArea) ViewSearch.byId(page, "question").flatMap(Element::getComponent).orElseThrow()).setValue("q?");
        ((Button) ViewSearch.byId(page, "ask").flatMap(Element::getComponent).orElseThrow()).click();
        down.listener.onNotice(fix);
        down.listener.onDone();
        assertThat(box.isVisible()).isTrue();
        assertThat(below.isVisible()).as("the box says it after the answer: not the line too").isFalse();
        status.refresh();
        assertThat(below.isVisible()).as("nor after the line's next refresh").isFalse();

        ((TextArea) ViewSearch.byId(page, "question").flatMap(Element::getComponent).orElseThrow()).setValue("again?");
        ((Button) ViewSearch.byId(page, "ask").flatMap(Element::getComponent).orElseThrow()).click();
        assertThat(box.isVisible()).isFalse();
        assertThat(below.isVisible()).as("the box cleared: the line says it again").isTrue();
    }

    @Test
    void aFailedAnswerIsReportedAndNotSentAsHistory() {
        ask("will this fail?");
        assistant.listener.onToken("partial");
        assistant.listener.onError("The model stopped answering.");
        assistant.listener.onDone();

        Component notice = component("notice");
        assertThat(notice.isVisible()).isTrue();
        assertThat(notice.getElement().getClassList()).contains("error");
        assertThat(ViewSearch.text(notice.getElement())).contains("The model stopped answering.");
        assertThat(component("ask").getElement().isEnabled()).isTrue();
        assertThat(conversation.history()).isEmpty();
    }

    @Test
    void anAssistantThatThrowsDoesNotLockThePage() {
        ChatAssistant failing = new ScriptedAssistant() {
            @Override
            public void answer(String question, List<Turn> history, java.util.Set<String> sources, AnswerListener listener) {
                throw new IllegalStateException("boom");
            }
        };
        ChatView broken = new ChatView(failing, KINDS, new Conversation(), READER) {
            @Override
            Executor uiExecutor() {
                return Runnable::run;
            }
        };
        ((TextArea) ViewSearch.byId(broken, "question").flatMap(Element::getComponent).orElseThrow()).setValue("q");
        ((Button) ViewSearch.byId(broken, "ask").flatMap(Element::getComponent).orElseThrow()).click();
        assertThat(broken.answering()).isFalse();
        assertThat(ViewSearch.byId(broken, "notice").orElseThrow().getClassList()).contains("error");
    }

    @Test
    void aNewViewShowsTheConversationSoFar() {
        ask("kept?");
        assistant.listener.onToken("yes [1]");
        assistant.listener.onCitations(List.of(citation(1, "")));
        assistant.listener.onDone();

        ChatView again = directView(conversation);
        assertThat(ViewSearch.byClass(again, "answer")).hasSize(1);
        assertThat(ViewSearch.byClass(again, "citation")).hasSize(1);
        assertThat(ViewSearch.byClass(again, "citation").getFirst().getAttribute("id")).isEqualTo("cite-1");
    }

    @Test
    void anEmptyChatShowsTheReadableSourcesTheSuggestionsAndWhomToAsk() {
        Element start = ViewSearch.byId(view, "start").orElseThrow();
        assertThat(ViewSearch.byClass(view, "conversation-title").getFirst().getClassList())
                .as("the app bar says Labrador already").contains("repeats");
        List<Element> cards = ViewSearch.byClass(view, "source-card");
        assertThat(cards).hasSize(4);
        assertThat(ViewSearch.text(cards.get(0))).contains("docs").contains("Docs folder").contains("12 documents")
                .contains("synced 2 h ago");
        assertThat(ViewSearch.text(cards.get(1))).contains("Git repository").contains("never synced");
        // Every kind is labelled as the Sources page labels it, not only the five the chat once knew.
        assertThat(ViewSearch.text(cards.get(2))).contains("TWiki or Foswiki").contains("40 documents")
                .contains("synced 3 days ago");
        assertThat(ViewSearch.text(cards.get(3))).contains("lab-notebook").contains("syncing now");
        assertThat(ViewSearch.text(ViewSearch.byId(view, "contact").orElseThrow()))
                .contains("Not in the sources? Ask the computing coordinators");

        ((Button) ViewSearch.byClass(view, "suggested-question").getFirst().getComponent().orElseThrow()).click();
        assertThat(assistant.questions).containsExactly("How do I build it?");
        assertThat(start.getParent()).as("the start page gives way to the conversation").isNull();
    }

    @Test
    void anAnswerThatArrivesAfterANewConversationStartedStaysOutOfIt() {
        ask("slow?");
        AnswerListener slow = assistant.listener;
        conversation.clear();
        slow.onToken("late");
        slow.onRecorded(7, 70);
        slow.onDone();
        assertThat(conversation.turns()).isEmpty();
        assertThat(conversation.id()).isNull();
    }

    @Test
    void theFirstRecordedAnswerGivesTheConversationItsIdAndTitle() {
        ask("Where  is the\nS1 threshold?");
        assistant.listener.onToken("In cuts.yaml.");
        assistant.listener.onRecorded(5, 50);
        assistant.listener.onDone();
        assertThat(conversation.id()).isEqualTo(5L);
        assertThat(conversation.title()).isEqualTo("Where is the S1 threshold?");
        Element title = ViewSearch.byClass(view, "conversation-title").getFirst();
        assertThat(title.getText()).isEqualTo("Where is the S1 threshold?");
        assertThat(title.getClassList()).as("the question right below says it on screen").contains("repeats");
        assertThat(ViewSearch.byClass(view, "copy-answer")).hasSize(1);

        conversation.retitle("Cuts for S1");
        ChatView again = directView(conversation);
        Element renamed = ViewSearch.byClass(again, "conversation-title").getFirst();
        assertThat(renamed.getText()).isEqualTo("Cuts for S1");
        assertThat(renamed.getClassList()).as("a title of its own shows").doesNotContain("repeats");
    }
}

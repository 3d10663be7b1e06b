package org.labrador.webui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.dom.Element;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.labrador.retrieval.Citation;

/**
 * Issue 17: the chat shows the answer as checked (a citation of a source that does not exist,
 * streamed already, is gone at the end) and marks an answer that cites none of its sources, also
 * when the conversation is shown again or reopened.
 */
class CheckedAnswerViewTest {

    private final ChatViewTest.ScriptedAssistant assistant = new ChatViewTest.ScriptedAssistant();
    private final Conversation conversation = new Conversation();
    private final ChatView view = new ChatView(assistant, ChatViewTest.KINDS, conversation, ChatViewTest.READER) {
        @Override
        Executor uiExecutor() {
            return Runnable::run;
        }
    };

    private void ask(String question) {
        ((TextArea) ViewSearch.byId(view, "question").flatMap(Element::getComponent).orElseThrow()).setValue(question);
        ((Button) ViewSearch.byId(view, "ask").flatMap(Element::getComponent).orElseThrow()).click();
    }

    @Test
    void theCheckedTextReplacesTheStreamedOne() {
        ask("Where is the S1 threshold set?");
        assistant.listener.onToken("In cuts.yaml [1], see also [7].");
        assistant.listener.onChecked("In cuts.yaml [1], see also.", true);
        assistant.listener.onDone();

        assertThat(ViewSearch.text(ViewSearch.byClass(view, "answer").getFirst())).contains("In cuts.yaml").doesNotContain("[7]");
        assertThat(conversation.history()).containsExactly(new Turn("Where is the S1 threshold set?", "In cuts.yaml [1], see also."));
        assertThat(ViewSearch.byClass(view, "unverified-mark")).isEmpty();
    }

    @Test
    void anAnswerCitingNoSourceIsMarkedUnverified() {
        ask("Where is the S1 threshold set?");
        assistant.listener.onToken("In the cuts file.");
        assistant.listener.onChecked("In the cuts file.", false);
        assistant.listener.onDone();

        assertThat(ViewSearch.byClass(view, "unverified-mark")).singleElement()
                .satisfies(mark -> assertThat(ViewSearch.text(mark)).startsWith("Unverified"));
    }

    @Test
    void theMarkStaysWhenThePageIsBuiltAgain() {
        ask("Where is the S1 threshold set?");
        assistant.listener.onToken("In the cuts file.");
        assistant.listener.onChecked("In the cuts file.", false);
        assistant.listener.onDone();

        ChatView again = new ChatView(assistant, ChatViewTest.KINDS, conversation, ChatViewTest.READER); // after Back from a cited file

        assertThat(ViewSearch.byClass(again, "unverified-mark")).hasSize(1);
    }

    @Test
    void aReopenedConversationMarksTheAnswersThatCitedNothing() {
        Conversation kept = new Conversation();
        kept.reopen(7, "S1 threshold", List.of(
                new AnsweredTurn("Where is the S1 threshold set?", "In the cuts file.", List.of(), false),
                new AnsweredTurn("And the S2 one?", "In cuts.yaml [1].", List.of(new Citation(1, "Cuts", "cuts.md",
                        List.of(), "3-9", "/source/docs/cuts.md", "", "docs")), true)));

        ChatView reopened = new ChatView(assistant, ChatViewTest.KINDS, kept, ChatViewTest.READER);

        List<Element> turns = ViewSearch.byClass(reopened, "turn");
        assertThat(turns).hasSize(2);
        assertThat(turns.get(0).getClassList()).contains("unverified");
        assertThat(ViewSearch.text(turns.get(0))).contains("Unverified: this answer cites none of the sources.");
        assertThat(turns.get(1).getClassList()).doesNotContain("unverified");
        assertThat(ViewSearch.byClass(reopened, "unverified-mark")).hasSize(1);
    }
}

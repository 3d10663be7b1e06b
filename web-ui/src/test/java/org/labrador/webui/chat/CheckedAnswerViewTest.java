package org.labrador.webui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.dom.Element;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the chat shows the answer as checked (a citation of a source that does not exist,
 * streamed already, is gone at the end) and marks an answer that cites none of its sources.
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
}

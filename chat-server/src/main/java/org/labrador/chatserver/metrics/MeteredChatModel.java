package org.labrador.chatserver.metrics;

import java.util.List;
import java.util.function.Consumer;
import org.labrador.models.ChatModel;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;

/** A {@link ChatModel} that records each call in {@link ModelMeters}; otherwise the model itself. */
final class MeteredChatModel implements ChatModel {

    private final ChatModel model;
    private final ModelMeters meters;

    MeteredChatModel(ChatModel model, LabradorMeters meters) {
        this.model = model;
        this.meters = meters.model("chat", model.name());
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public ModelStatus status() {
        return model.status();
    }

    @Override
    public ModelStatus refreshStatus() {
        return model.refreshStatus();
    }

    @Override
    public ContextWindow contextWindow() {
        return model.contextWindow();
    }

    @Override
    public ChatReply chat(List<ChatMessage> messages, ChatOptions options, Cancellation cancellation,
                          Consumer<String> onToken) throws ModelUnavailableException {
        ModelMeters.Call call = meters.start();
        try {
            ChatReply reply = model.chat(messages, options, cancellation, call.counting(onToken));
            call.promptRead(reply.promptTokens());
            call.finished(cancellation.isCancelled() ? "cancelled" : "ok", reply.completionTokens());
            return reply;
        } catch (ModelUnavailableException | RuntimeException e) {
            call.finished("error", 0);
            throw e;
        }
    }
}

package org.labrador.webui.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.labrador.retrieval.Citation;

/**
 * Carries one answer from the assistant's thread onto the page. Every change to components goes through
 * {@code ui}, which runs it with the page locked (in the application, {@code UI.access}); the answer so far
 * is re-rendered at most every {@value #RENDER_INTERVAL_MILLIS} ms and once more at the end, with the
 * citation markers linked. The end comes once, from {@link #onDone()} or {@link #onError(String)}.
 */
final class AnswerStream implements AnswerListener {

    static final long RENDER_INTERVAL_MILLIS = 100;

    private final String question;
    private final AnswerPanel panel;
    private final NoticeBox notice;
    private final Executor ui;
    private final Consumer<AnsweredTurn> onAnswered;
    private final Runnable onFinished;
    private java.util.function.LongConsumer onRecorded = id -> { };
    private final StringBuilder text = new StringBuilder();
    private final RenderThrottle throttle;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile List<Citation> citations = List.of();
    private volatile boolean unverified;

    /**
     * @param onAnswered receives the turn when the answer completed, on the UI's side
     * @param onFinished runs after the answer completed or failed, on the UI's side
     */
    AnswerStream(String question, AnswerPanel panel, NoticeBox notice, Executor ui,
                 Consumer<AnsweredTurn> onAnswered, Runnable onFinished) {
        this.question = question;
        this.panel = panel;
        this.notice = notice;
        this.ui = ui;
        this.onAnswered = onAnswered;
        this.onFinished = onFinished;
        this.throttle = new RenderThrottle(Duration.ofMillis(RENDER_INTERVAL_MILLIS), this::renderSoFar);
    }

    @Override
    public void onToken(String token) {
        if (token == null || token.isEmpty() || finished.get()) {
            return;
        }
        synchronized (text) {
            text.append(token);
        }
        throttle.request();
    }

    @Override
    public void onNotice(String message) {
        ui.execute(() -> notice.show(message));
    }

    /** The checked text replaces the streamed one; an answer citing no source is marked when it completes. */
    @Override
    public void onChecked(String checked, boolean grounded) {
        if (checked == null || finished.get()) {
            return;
        }
        synchronized (text) {
            text.setLength(0);
            text.append(checked);
        }
        unverified = !grounded;
    }

    @Override
    public void onQueued(int position) {
        if (!finished.get()) {
            ui.execute(() -> panel.waitingInLine(position));
        }
    }

    @Override
    public void onCitations(List<Citation> cited) {
        citations = cited == null ? List.of() : List.copyOf(cited);
    }

    @Override
    public void onRecorded(long conversationId, long exchangeId) {
        ui.execute(() -> {
            onRecorded.accept(conversationId);
            panel.enableFeedback(exchangeId);
        });
    }

    @Override
    public void onDone() {
        finish(null);
    }

    @Override
    public void onError(String message) {
        finish(message == null || message.isBlank() ? "The answer failed." : message);
    }

    /** Where to tell the conversation its id, once the server kept the answer. */
    AnswerStream onRecorded(java.util.function.LongConsumer action) {
        onRecorded = action;
        return this;
    }

    private void renderSoFar() {
        ui.execute(() -> panel.showAnswer(textSoFar(), citations));
    }

    private void finish(String error) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        throttle.close();
        ui.execute(() -> {
            String answer = textSoFar();
            List<Citation> cited = citations;
            panel.showAnswer(answer, cited);
            panel.showCitations(cited);
            panel.finishStreaming(error != null);
            if (error != null) {
                notice.showError(error);
            } else {
                if (unverified) {
                    panel.markUnverified();
                }
                onAnswered.accept(new AnsweredTurn(question, answer, cited, !unverified));
            }
            onFinished.run();
        });
    }

    private String textSoFar() {
        synchronized (text) {
            return text.toString();
        }
    }
}

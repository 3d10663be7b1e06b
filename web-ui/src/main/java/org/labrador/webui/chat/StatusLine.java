package org.labrador.webui.chat;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * The line at the foot of the chat page ({@code #status}): "N documents · M chunks · last sync … · model
 * NAME: ready", a progress bar while a sync runs, and what to do when the model is not ready (unless the page
 * shows that already, as the notice box does after an answer without a model). It asks the
 * assistant again every {@value #REFRESH_MILLIS} ms through the browser's polling, which stops with the
 * page.
 */
final class StatusLine extends Div {

    static final int REFRESH_MILLIS = 3000;

    private final ChatAssistant assistant;
    private final Clock clock;
    private final Span text = new Span();
    private final ProgressBar progress = new ProgressBar(0, 1);
    private final Span modelNotice = new Span();
    private final Span sourceProblems = new Span();
    private String modelFix = "";
    private Predicate<String> shownElsewhere = notice -> false;
    private Registration polling;

    StatusLine(ChatAssistant assistant) {
        this(assistant, Clock.systemUTC());
    }

    StatusLine(ChatAssistant assistant, Clock clock) {
        this.assistant = assistant;
        this.clock = clock;
        setId("status");
        addClassName("status");
        text.addClassName("status-text");
        progress.addClassName("sync-progress");
        progress.setVisible(false);
        modelNotice.addClassName("status-notice");
        modelNotice.setVisible(false);
        sourceProblems.addClassName("source-problems");
        sourceProblems.setVisible(false);
        add(text, progress, modelNotice, sourceProblems);
    }

    void refresh() {
        Status status;
        try {
            status = assistant.status();
        } catch (RuntimeException e) {
            // The status is a courtesy; a failing check must not break the page.
            status = null;
        }
        if (status == null) {
            text.setText("status unavailable");
            progress.setVisible(false);
            modelFix = "";
            showModelFix();
            sourceProblems.setVisible(false);
            return;
        }
        text.setText(describe(status, clock));
        progress.setVisible(status.syncing());
        progress.setValue(Math.clamp(status.syncProgress(), 0.0, 1.0));
        modelFix = status.modelReady() || status.modelNotice() == null ? "" : status.modelNotice();
        showModelFix();
        // A failed sync keeps the last good index; the reader should still know it may be stale.
        sourceProblems.setText(String.join(" · ", status.sourceProblems()));
        sourceProblems.setVisible(!status.sourceProblems().isEmpty());
    }

    /** Where else the page may show what to do about the model: the line does not say it a second time. */
    void notRepeating(Predicate<String> shownElsewhere) {
        this.shownElsewhere = shownElsewhere;
        showModelFix();
    }

    /** Shows what to do about the model as the last status said, unless the page shows it elsewhere now. */
    void showModelFix() {
        boolean explain = !modelFix.isBlank() && !shownElsewhere.test(modelFix);
        modelNotice.setText(explain ? modelFix : "");
        modelNotice.setVisible(explain);
    }

    static String describe(Status s, Clock clock) {
        String line = s.documents() + " documents · " + s.chunks() + " chunks · last sync "
                + RelativeTime.since(s.lastSync(), clock.instant())
                + " · model " + (s.model() == null || s.model().isBlank() ? "(none)" : s.model())
                + ": " + (s.modelReady() ? "ready" : "not ready");
        return s.syncing() ? line + " · syncing " + Math.round(100 * Math.clamp(s.syncProgress(), 0.0, 1.0)) + "%"
                : line;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
        UI ui = event.getUI();
        ui.setPollInterval(REFRESH_MILLIS);
        polling = ui.addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
    }
}

package org.labrador.models.ollama;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A switch that stops one streamed call to Ollama from another thread: pass it to
 * {@link OllamaGenerate#generate} or {@link OllamaChat#chat(java.util.List, Cancellation,
 * java.util.function.Consumer)}, and {@link #cancel} closes that call's HTTP connection at once,
 * whether Ollama is still loading the model or reading the prompt or already streaming; Ollama
 * stops generating when it notices. The call then returns the text so far. Use one per call.
 * Cancelling twice, or after the call ended, does nothing. Thread-safe.
 */
public final class Cancellation {

    /** Why a generation was stopped before the model finished. */
    public enum Reason {
        /** A newer request from the same client replaced this one. */
        SUPERSEDED,
        /** The time budget ran out. */
        TIME_BUDGET,
        /** Nobody reads the answer any more. */
        CLIENT_GONE
    }

    private final List<Runnable> aborts = new ArrayList<>();
    private Reason reason;

    /** Stops the generation; the first reason given is the one kept. */
    public void cancel(Reason why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            toRun = List.copyOf(aborts);
            aborts.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** Cancels with {@link Reason#TIME_BUDGET} once {@code budget} has passed. */
    public Cancellation cancelAfter(Duration budget) {
        CompletableFuture.delayedExecutor(budget.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> cancel(Reason.TIME_BUDGET));
        return this;
    }

    public synchronized boolean isCancelled() {
        return reason != null;
    }

    /** Why it was cancelled, or null. */
    public synchronized Reason reason() {
        return reason;
    }

    /** Runs {@code abort} on cancellation, or now if already cancelled. */
    public void onCancel(Runnable abort) {
        synchronized (this) {
            if (reason == null) {
                aborts.add(abort);
                return;
            }
        }
        abort.run();
    }

    /** Forgets the abort actions once the call is over. */
    public synchronized void clear() {
        aborts.clear();
    }
}

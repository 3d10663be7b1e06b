package org.labrador.models.ollama;

import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One streamed model call (ollama4j's, or an OpenAI-compatible server's) that can be stopped at any
 * moment, and whose pieces of text reach the caller on the caller's own thread.
 *
 * <p>ollama4j reads a stream on the thread that calls it and offers no way to stop it from outside;
 * it only stops when its token handler throws, which happens with the next token, so a model still
 * loading or reading a long prompt would keep running. So the call runs on a virtual thread of its
 * own, and stopping interrupts that thread: the JDK HTTP client then cancels the exchange if the
 * answer has not begun, or fails the blocked read, and ollama4j's try-with-resources closes the
 * response stream, which closes the connection; Ollama stops generating when its write fails.
 * Interrupting a thread that belongs to nobody else is safe, unlike interrupting the caller's.
 */
public final class StreamedCall {

    /** The ollama4j call; it passes each new piece of text to {@code pieces}. */
    @FunctionalInterface
    public interface Body<R> {
        R run(Consumer<String> pieces) throws Exception;
    }

    /**
     * How the call ended: with ollama4j's result, with its failure, or stopped by the cancellation;
     * {@code text} is what reached the token consumer, in {@code pieces} pieces.
     */
    public record Outcome<R>(R result, Exception failure, boolean stopped, String text, int pieces) {
    }

    private sealed interface Event {
    }

    private record Piece(String text) implements Event {
    }

    private record Finished(Object result) implements Event {
    }

    private record Failed(Exception failure) implements Event {
    }

    private record Stopped() implements Event {
    }

    private StreamedCall() {
    }

    /**
     * Runs {@code body} and passes its pieces to {@code onToken} on this thread, in order, until it
     * ends or {@code cancellation} fires. If {@code onToken} throws, the exchange is aborted and the
     * exception propagates.
     *
     * @throws InterruptedException if this thread is interrupted while waiting; the exchange is
     *     aborted too
     */
    @SuppressWarnings("unchecked")
    public static <R> Outcome<R> run(String name, Body<R> body, Cancellation cancellation, Consumer<String> onToken)
            throws InterruptedException {
        Objects.requireNonNull(onToken, "onToken");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Thread worker = Thread.ofVirtual().name(name).start(() -> {
            try {
                events.add(new Finished(body.run(piece -> events.add(new Piece(piece)))));
            } catch (Exception e) {
                events.add(new Failed(e));
            }
        });
        cancellation.onCancel(() -> {
            worker.interrupt();
            events.add(new Stopped()); // answer the caller at once, whatever the worker is doing
        });
        StringBuilder text = new StringBuilder();
        int pieces = 0;
        try {
            while (true) {
                switch (events.take()) {
                    case Piece p -> {
                        text.append(p.text());
                        pieces++;
                        onToken.accept(p.text());
                    }
                    case Finished f -> {
                        return new Outcome<>((R) f.result(), null, false, text.toString(), pieces);
                    }
                    case Failed f -> {
                        return new Outcome<>(null, f.failure(), cancellation.isCancelled(), text.toString(), pieces);
                    }
                    case Stopped s -> {
                        return new Outcome<>(null, null, true, text.toString(), pieces);
                    }
                }
            }
        } finally {
            cancellation.clear();
            // Ends the exchange if the caller leaves early (the consumer threw, or it was
            // interrupted); once the worker has finished this does nothing.
            worker.interrupt();
        }
    }
}

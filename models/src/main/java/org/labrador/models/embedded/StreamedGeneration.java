package org.labrador.models.embedded;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.labrador.models.ollama.Cancellation;

/**
 * One generation by llama.cpp, its pieces of text passed to the caller on the caller's own thread,
 * and stoppable at any moment.
 *
 * <p>The binding streams through an iterator whose {@code next()} blocks in native code until
 * llama.cpp has the next token. Its {@code cancel()} must not be called while another thread waits
 * in {@code next()}: it withdraws the task from llama.cpp's result queue, and the waiting thread
 * then waits forever. So a worker thread (a platform thread: a virtual thread blocked in native
 * code would hold its carrier) reads the iterator, and checks between tokens whether the caller has
 * stopped, and only then cancels the task itself. The caller returns at once when it stops; the
 * engine stops at its next token, and a prompt being read when the stop came is read to its end
 * first, because llama.cpp gives no result, and so no chance to stop, before that.
 *
 * <p>Turns: a request waits for one of the engine's turns (its parallel slots) before it reaches
 * llama.cpp, so that a request stopped while waiting costs nothing. Backpressure: the worker runs at
 * most {@value #AHEAD} pieces ahead of the caller, so that a slow reader (a client on a slow
 * connection) slows the generation down rather than piling text up.
 */
final class StreamedGeneration {

    /** How often a waiting caller or worker looks at its cancellation. */
    private static final long POLL_MILLIS = 20;
    /** How many pieces the worker may have generated that the caller has not taken yet. */
    static final int AHEAD = 64;

    /**
     * How the generation ended. {@code text} is what reached the consumer, in {@code pieces}
     * pieces; {@code firstPieceNanos} is {@link System#nanoTime()} when the first arrived (0 if none).
     */
    record Outcome(String text, int pieces, boolean stopped, Exception failure, long firstPieceNanos) {
    }

    private sealed interface Event {
    }

    private record Piece(String text) implements Event {
    }

    private record Finished() implements Event {
    }

    private record Failed(Exception failure) implements Event {
    }

    private StreamedGeneration() {
    }

    /**
     * Runs the generation and passes its pieces to {@code onToken} until it ends or
     * {@code cancellation} fires. If {@code onToken} throws, the generation is stopped and the
     * exception propagates.
     *
     * @throws InterruptedException if this thread is interrupted while waiting; the generation stops too
     */
    static Outcome run(LlamaModel model, InferenceParameters parameters, Semaphore turns, Executor workers,
                       AtomicLong tokenCount, Cancellation cancellation, Consumer<String> onToken)
            throws InterruptedException {
        // One more than AHEAD: room for the closing event.
        BlockingQueue<Event> events = new ArrayBlockingQueue<>(AHEAD + 1);
        AtomicBoolean abandoned = new AtomicBoolean();
        workers.execute(() -> generate(model, parameters, turns, tokenCount,
                () -> abandoned.get() || cancellation.isCancelled(), events));
        StringBuilder text = new StringBuilder();
        int pieces = 0;
        long first = 0;
        boolean finished = false;
        try {
            while (true) {
                if (cancellation.isCancelled()) {
                    return new Outcome(text.toString(), pieces, true, null, first);
                }
                Event event = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                switch (event) {
                    case null -> { }
                    case Piece p -> {
                        if (first == 0) {
                            first = System.nanoTime();
                        }
                        text.append(p.text());
                        pieces++;
                        onToken.accept(p.text());
                    }
                    case Finished f -> {
                        finished = true;
                        return new Outcome(text.toString(), pieces, false, null, first);
                    }
                    case Failed f -> {
                        finished = true;
                        return new Outcome(text.toString(), pieces, cancellation.isCancelled(), f.failure(), first);
                    }
                }
            }
        } finally {
            if (!finished) {
                abandoned.set(true); // stopped, interrupted, or the consumer threw: the worker stops at its next token
            }
        }
    }

    private interface Stop {
        boolean now();
    }

    private static void generate(LlamaModel model, InferenceParameters parameters, Semaphore turns,
                                 AtomicLong tokenCount, Stop stop, BlockingQueue<Event> events) {
        boolean turn = false;
        try {
            while (!(turn = turns.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS))) {
                if (stop.now()) {
                    return;
                }
            }
            if (stop.now()) {
                return;
            }
            LlamaIterator tokens = model.generate(parameters).iterator();
            while (tokens.hasNext()) {
                if (stop.now()) {
                    tokens.cancel();
                    return;
                }
                LlamaOutput output = tokens.next();
                tokenCount.incrementAndGet();
                if (!output.text.isEmpty() && !put(events, new Piece(output.text), stop)) {
                    tokens.cancel();
                    return;
                }
            }
            put(events, new Finished(), stop);
        } catch (InterruptedException e) {
            events.offer(new Failed(e));
        } catch (RuntimeException e) { // LlamaException: llama.cpp refused the request or failed in it
            events.offer(new Failed(e));
        } finally {
            if (turn) {
                turns.release();
            }
        }
    }

    /** Waits for room for the event; false if the caller stopped meanwhile. */
    private static boolean put(BlockingQueue<Event> events, Event event, Stop stop) throws InterruptedException {
        while (!events.offer(event, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (stop.now()) {
                return false;
            }
        }
        return true;
    }
}

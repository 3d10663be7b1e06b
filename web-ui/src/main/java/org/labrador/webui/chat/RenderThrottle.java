package org.labrador.webui.chat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a render action at most once per interval however often it is requested, and once more after the
 * last request so that the end of a burst is shown too. Re-rendering the whole answer's Markdown on every
 * token would send the browser a new page fragment tens of times a second; ten times is plenty to read.
 * After {@link #close()} nothing more runs: the caller renders the final state itself.
 */
final class RenderThrottle {

    /** One thread for all conversations: a scheduled render only hands work to the UI's queue. */
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("labrador-render-throttle").factory());

    private final long intervalNanos;
    private final Runnable render;
    private boolean renderedBefore;
    private long lastRender;
    private boolean scheduled;
    private boolean closed;

    RenderThrottle(Duration interval, Runnable render) {
        this.intervalNanos = interval.toNanos();
        this.render = render;
    }

    /** Asks for a render: now if the last one was long enough ago, otherwise when the interval is over. */
    synchronized void request() {
        if (closed || scheduled) {
            return;
        }
        long wait = renderedBefore ? lastRender + intervalNanos - System.nanoTime() : 0;
        if (wait <= 0) {
            renderNow();
        } else {
            scheduled = true;
            SCHEDULER.schedule(this::renderScheduled, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Drops any scheduled render and refuses later requests. */
    synchronized void close() {
        closed = true;
    }

    private synchronized void renderScheduled() {
        scheduled = false;
        if (!closed) {
            renderNow();
        }
    }

    private void renderNow() {
        renderedBefore = true;
        lastRender = System.nanoTime();
        render.run();
    }
}

package org.labrador.models.backends;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.labrador.models.ollama.Cancellation;

/**
 * Slots on a few servers ({@code limits[i]} requests at once on server {@code i}), handed out in
 * turns between requesters: whoever waits is served round-robin by requester, and first come first
 * served within one requester, so that one person's burst of questions cannot keep everyone else
 * waiting. A request may refuse some servers (one that failed it already, one found unhealthy).
 * Thread-safe.
 */
final class FairQueue {

    /** A slot taken on one server; give it back with {@link #release()}, once. */
    final class Lease {
        private final int server;
        private boolean released;

        private Lease(int server) {
            this.server = server;
        }

        int server() {
            return server;
        }

        void release() {
            lock.lock();
            try {
                if (!released) {
                    released = true;
                    inFlight[server]--;
                    dispatch();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static final class Waiter {
        final String requester;
        final Predicate<Integer> acceptable;
        Integer assigned;
        int position;

        Waiter(String requester, Predicate<Integer> acceptable) {
            this.requester = requester;
            this.acceptable = acceptable;
        }
    }

    private final int[] limits;
    private final int[] inFlight;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Requesters with someone waiting, in the order they began to wait. */
    private final Map<String, Deque<Waiter>> waiting = new LinkedHashMap<>();
    /** When each requester was last served (a running count), remembered for the most recent ones. */
    private final Map<String, Long> lastServed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 10_000;
        }
    };
    private long served;

    FairQueue(int... limits) {
        this.limits = limits.clone();
        this.inFlight = new int[limits.length];
        for (int limit : limits) {
            if (limit < 1) {
                throw new IllegalArgumentException("a server takes at least one request at a time");
            }
        }
    }

    /**
     * Waits for a slot on a server that {@code acceptable} allows (asked again at each turn, so it may
     * follow the servers' health), telling {@code positions} the place in line as it changes (1 = next)
     * and 0 once a slot is taken; nothing when a slot is free at once.
     *
     * @param maxWait how long to wait at most
     * @return the slot, or null if {@code cancellation} fired or {@code maxWait} passed first (nothing is
     *     taken then)
     */
    Lease acquire(String requester, Predicate<Integer> acceptable, IntConsumer positions, Cancellation cancellation,
                  java.time.Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Objects.requireNonNull(requester, "requester");
        Waiter me = new Waiter(requester, acceptable);
        cancellation.onCancel(this::wakeAll);
        int told = -1;
        lock.lock();
        try {
            waiting.computeIfAbsent(requester, r -> new ArrayDeque<>()).addLast(me);
            dispatch();
            while (me.assigned == null) {
                if (cancellation.isCancelled() || System.nanoTime() - deadline > 0) {
                    leave(me);
                    dispatch();
                    return null;
                }
                if (me.position != told) {
                    told = me.position;
                    int position = told;
                    // The listener may write to a client: never while holding the lock.
                    lock.unlock();
                    try {
                        positions.accept(position);
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                // A server turning healthy again changes nothing here: recheck now and then.
                changed.await(500, TimeUnit.MILLISECONDS);
                dispatch();
            }
        } catch (InterruptedException e) {
            if (me.assigned != null) {
                inFlight[me.assigned]--;
            } else {
                leave(me);
            }
            dispatch();
            throw e;
        } finally {
            lock.unlock();
        }
        if (told > 0) {
            positions.accept(0); // it waited: tell it its turn came
        }
        return new Lease(me.assigned);
    }

    /** How many wait now, over all requesters. */
    int waiting() {
        lock.lock();
        try {
            return waiting.values().stream().mapToInt(Deque::size).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Requests in flight on server {@code server} now. */
    int inFlight(int server) {
        lock.lock();
        try {
            return inFlight[server];
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the waiters to look again (a server's health changed, a request was cancelled). */
    void wakeAll() {
        lock.lock();
        try {
            dispatch();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void leave(Waiter me) {
        Deque<Waiter> queue = waiting.get(me.requester);
        if (queue != null) {
            queue.remove(me);
            if (queue.isEmpty()) {
                waiting.remove(me.requester);
            }
        }
    }

    /**
     * Hands free slots out in turn order, then numbers those still waiting. Turn order interleaves the
     * requesters' queues, the one served longest ago (or never) first: each one's first, then each
     * one's second, and so on.
     */
    private void dispatch() {
        boolean servedSomeone = true;
        while (servedSomeone) {
            servedSomeone = false;
            for (Waiter next : turnOrder()) {
                int server = freeServer(next);
                if (server >= 0) {
                    next.assigned = server;
                    inFlight[server]++;
                    lastServed.put(next.requester, ++this.served);
                    leave(next);
                    servedSomeone = true;
                    break;
                }
            }
        }
        int position = 1;
        for (Waiter w : turnOrder()) {
            w.position = position++;
        }
        changed.signalAll();
    }

    private List<Waiter> turnOrder() {
        List<Waiter> order = new ArrayList<>();
        List<Deque<Waiter>> queues = new ArrayList<>(waiting.values());
        // Stable: requesters served equally long ago keep the order they began to wait in.
        queues.sort(java.util.Comparator.comparingLong(q -> lastServed.getOrDefault(q.peekFirst().requester, 0L)));
        for (int depth = 0; ; depth++) {
            boolean any = false;
            for (Deque<Waiter> queue : queues) {
                if (queue.size() > depth) {
                    order.add(queue.stream().skip(depth).findFirst().orElseThrow());
                    any = true;
                }
            }
            if (!any) {
                return order;
            }
        }
    }

    /** The acceptable server with a free slot and the fewest requests in flight, or -1. */
    private int freeServer(Waiter waiter) {
        int best = -1;
        for (int i = 0; i < limits.length; i++) {
            if (inFlight[i] < limits[i] && waiter.acceptable.test(i) && (best < 0 || inFlight[i] < inFlight[best])) {
                best = i;
            }
        }
        return best;
    }
}

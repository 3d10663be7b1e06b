package org.labrador.chatserver;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Latencies of one operation in a load benchmark, how many failed, and a table row of percentiles. */
final class LatencySamples {

    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile double seconds;

    void add(long elapsed, boolean ok) {
        nanos.add(elapsed);
        if (!ok) {
            errors.incrementAndGet();
        }
    }

    int errors() {
        return errors.get();
    }

    /** The length of the run, for the rate. */
    void seconds(double runSeconds) {
        seconds = runSeconds;
    }

    /** {@code | users | operation | requests | errors | p50 | p95 | p99 | max | requests/s |} */
    void print(int users, String operation) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("| %d | %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n", users, operation, sorted.length,
                errors.get(), ms(sorted, 50), ms(sorted, 95), ms(sorted, 99), ms(sorted, 100), sorted.length / seconds);
    }

    static double ms(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}

package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.security.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Benchmark, not a test: 20 and then 100 simulated users at once, each with a token of their own,
 * alternating a hybrid search and a streamed answer ({@code POST /api/v1/ask}, SSE) against a model
 * server that streams its reply a token every 5 ms. Prints latency percentiles, throughput and
 * errors per operation. Run with {@code ./mvnw -Pbench verify -pl chat-server -am -Dtest=LoadBenchmark}.
 * Bounded: each user makes a fixed number of requests, and the whole run stops after ten minutes.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadBenchmark extends FixtureServerTest {

    private static final int[] USERS = {20, 100};
    private static final int ROUNDS_PER_USER = 10;
    private static final List<String> QUESTIONS = List.of("Where is the S1 area threshold set?",
            "How is the drift field calibrated?", "What does the event selection cut on?",
            "Which files define the cuts?", "How do I run the processing chain?");

    @LocalServerPort
    int port;

    private final LoadClient client = new LoadClient(() -> port);

    @Test
    void concurrentUsers() throws Exception {
        syncFixtures();
        OLLAMA.tokenDelay(Duration.ofMillis(5));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < USERS[USERS.length - 1]; i++) {
            tokens.add(tokenFor("load-" + (i % 10), Role.READER));
        }
        run(tokens.subList(0, 5), 2); // warm-up
        System.out.println();
        System.out.println("| users | operation | requests | errors | p50 ms | p95 ms | p99 ms | max ms | requests/s |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int users : USERS) {
            Map<String, LatencySamples> results = run(tokens.subList(0, users), ROUNDS_PER_USER);
            results.forEach((operation, samples) -> samples.print(users, operation));
            results.values().forEach(s -> assertThat(s.errors()).as("errors").isZero());
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("Heap in use after the runs: %d MB of %d MB.%n%n",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
    }

    private Map<String, LatencySamples> run(List<String> tokens, int rounds) throws InterruptedException {
        Map<String, LatencySamples> samples = new java.util.LinkedHashMap<>(); // filled before the users start, then only read
        for (String operation : List.of("search (hybrid, k=10)", "ask, first token (SSE)", "ask, whole answer (SSE)")) {
            samples.put(operation, new LatencySamples());
        }
        long start = System.nanoTime();
        try (var users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < tokens.size(); u++) {
                String token = tokens.get(u);
                int user = u;
                users.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        String question = QUESTIONS.get((user + r) % QUESTIONS.size());
                        client.search(token, question, samples.get("search (hybrid, k=10)"));
                        client.ask(token, question, samples.get("ask, first token (SSE)"), samples.get("ask, whole answer (SSE)"));
                    }
                });
            }
            users.shutdown();
            if (!users.awaitTermination(10, TimeUnit.MINUTES)) {
                users.shutdownNow();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        samples.values().forEach(s -> s.seconds(seconds));
        return samples;
    }
}

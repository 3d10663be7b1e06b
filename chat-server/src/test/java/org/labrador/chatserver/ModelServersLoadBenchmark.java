package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.security.Role;
import org.labrador.models.openai.testing.OpenAiProtocolServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test: 200 simulated users at once, each with a token of their own, each making
 * rounds of a hybrid search, a streamed answer and a code completion against
 * {@code labrador.model.engine: servers} with two OpenAI-compatible model servers that stream like a
 * loaded GPU server (a first token after 200 ms, then a token every 25 ms) and take 8 requests each.
 * Prints latency percentiles and errors per operation, and how evenly the waiting was shared:
 * each user's mean time to first token, from the best-served to the worst-served user, and Jain's
 * fairness index over the users' mean waits (1 = perfectly even). Run with
 * {@code ./test -Pbench -pl chat-server -am -Dtest=ModelServersLoadBenchmark}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModelServersLoadBenchmark extends FixtureServerTest {

    private static final int USERS = 200;
    private static final int ROUNDS_PER_USER = 3;
    private static final String SERVED = "Qwen/Qwen2.5-7B-Instruct";
    private static final String ANSWER = "The S1 area threshold is set in `config/cuts.yaml` under `s1_area_min`, "
            + "which the event selection applies to every peak before the drift-time cut [1].";
    private static final List<OpenAiProtocolServer> GPUS = List.of(gpu(), gpu());
    private static final List<String> QUESTIONS = List.of("Where is the S1 area threshold set?",
            "How is the drift field calibrated?", "What does the event selection cut on?",
            "Which files define the cuts?", "How do I run the processing chain?");

    @LocalServerPort
    int port;

    private final LoadClient client = new LoadClient(() -> port);

    private static OpenAiProtocolServer gpu() {
        return OpenAiProtocolServer.start().models(SERVED, "Qwen/Qwen2.5-Coder-1.5B")
                .reply(body -> body.has("messages") ? ANSWER : "return area >= threshold\n")
                .firstTokenDelay(Duration.ofMillis(200)).tokenDelay(Duration.ofMillis(25));
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        var data = Files.createTempDirectory("labrador-load-servers");
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.model.engine", () -> "servers");
        registry.add("labrador.ide.completion-model", () -> "Qwen/Qwen2.5-Coder-1.5B");
        for (int i = 0; i < GPUS.size(); i++) {
            OpenAiProtocolServer gpu = GPUS.get(i);
            registry.add("labrador.model.servers[" + i + "].url", gpu::baseUrl);
            registry.add("labrador.model.servers[" + i + "].protocol", () -> "openai");
            registry.add("labrador.model.servers[" + i + "].model", () -> SERVED);
            registry.add("labrador.model.servers[" + i + "].max-concurrent", () -> "8");
            registry.add("labrador.model.servers[" + i + "].context-tokens", () -> "32768");
        }
    }

    @AfterAll
    static void stopServers() {
        GPUS.forEach(OpenAiProtocolServer::close);
    }

    @Test
    void twoHundredUsers() throws Exception {
        syncFixtures();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            tokens.add(tokenFor("crowd-" + i, Role.READER));
        }
        Map<String, LatencySamples> samples = new LinkedHashMap<>();
        for (String operation : List.of("search (hybrid, k=10)", "ask, first token (SSE)", "ask, whole answer (SSE)",
                "completion (/api/generate)")) {
            samples.put(operation, new LatencySamples());
        }
        Map<Integer, AtomicLong> waitByUser = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (var users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < USERS; u++) {
                String token = tokens.get(u);
                int user = u;
                waitByUser.put(user, new AtomicLong());
                users.submit(() -> {
                    for (int r = 0; r < ROUNDS_PER_USER; r++) {
                        String question = QUESTIONS.get((user + r) % QUESTIONS.size());
                        client.search(token, question, samples.get("search (hybrid, k=10)"));
                        long first = client.ask(token, question, samples.get("ask, first token (SSE)"),
                                samples.get("ask, whole answer (SSE)"));
                        waitByUser.get(user).addAndGet(first);
                        complete(token, samples.get("completion (/api/generate)"));
                    }
                });
            }
            users.shutdown();
            assertThat(users.awaitTermination(20, TimeUnit.MINUTES)).isTrue();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        samples.values().forEach(s -> s.seconds(seconds));

        System.out.println();
        System.out.println("| users | operation | requests | errors | p50 ms | p95 ms | p99 ms | max ms | requests/s |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        samples.forEach((operation, s) -> s.print(USERS, operation));
        double[] meanWaits = waitByUser.values().stream().mapToDouble(w -> w.get() / 1e6 / ROUNDS_PER_USER).sorted().toArray();
        double sum = Arrays.stream(meanWaits).sum();
        double squares = Arrays.stream(meanWaits).map(w -> w * w).sum();
        System.out.printf("%nPer user, mean time to first token: best %.0f ms, median %.0f ms, worst %.0f ms;"
                        + " Jain's fairness index %.3f. Model servers: at most %d and %d connections at once (limit 8"
                        + " requests; a completion cut short by Labrador holds its connection until the server's next"
                        + " token).%n%n",
                meanWaits[0], meanWaits[meanWaits.length / 2], meanWaits[meanWaits.length - 1],
                sum * sum / (meanWaits.length * squares), GPUS.get(0).mostInFlight(), GPUS.get(1).mostInFlight());
        samples.values().forEach(s -> assertThat(s.errors()).as("errors").isZero());
    }

    private void complete(String token, LatencySamples samples) {
        String body = "{\"model\": \"Qwen/Qwen2.5-Coder-1.5B\", \"prompt\": \"def passes(area, threshold):\\n    \","
                + " \"suffix\": \"\\n\", \"stream\": false}";
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.http().send(HttpRequest.newBuilder(client.uri("/api/generate"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            samples.add(System.nanoTime() - start, response.statusCode() == 200 && response.body().contains("\"done\":true"));
        } catch (Exception e) {
            samples.add(System.nanoTime() - start, false);
        }
    }
}

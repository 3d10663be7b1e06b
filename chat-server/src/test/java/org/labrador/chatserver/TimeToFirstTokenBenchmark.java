package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Benchmark, not a test: how long Labrador takes to stream the first token of an answer over
 * HTTP, against the same first token asked of the model server directly. The model server
 * answers at once, so the difference is what Labrador adds (retrieval, query embedding, prompt).
 * Run with {@code ./test -Pbench -pl chat-server -am -Dtest=TimeToFirstTokenBenchmark}; it prints a table.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimeToFirstTokenBenchmark extends FixtureServerTest {

    private static final int WARM_UP = 10;
    private static final int RUNS = 100;

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void timeToFirstToken() throws Exception {
        syncFixtures();
        String ask = "{\"question\": \"Where is the S1 area threshold set?\"}";
        String chat = "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Where is the S1 area threshold set?\"}]}";
        long[] labrador = measure(URI.create("http://localhost:" + port + "/api/v1/ask"), ask, "text/event-stream", "event:token");
        long[] direct = measure(URI.create(OLLAMA.baseUrl() + "/api/chat"), chat, "application/x-ndjson", "\"content\"");

        System.out.println();
        System.out.println("| time to first token | p50 ms | p95 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|");
        row("model server directly", direct);
        row("through Labrador (`POST /api/v1/ask`, SSE)", labrador);
        System.out.printf("Labrador adds %.1f ms at the median.%n%n", (pct(labrador, 50) - pct(direct, 50)));
        assertThat(labrador).hasSize(RUNS);
    }

    private long[] measure(URI uri, String body, String accept, String firstTokenMark) throws Exception {
        long[] nanos = new long[RUNS];
        for (int i = -WARM_UP; i < RUNS; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long first = -1;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (first < 0 && line.replace(" ", "").contains(firstTokenMark.replace(" ", ""))) {
                        first = System.nanoTime() - start;
                    }
                }
            }
            if (i >= 0) {
                nanos[i] = first;
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void row(String label, long[] sorted) {
        System.out.printf("| %s | %.1f | %.1f | %.1f |%n", label, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99));
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}

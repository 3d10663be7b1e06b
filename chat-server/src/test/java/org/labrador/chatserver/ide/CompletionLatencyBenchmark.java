package org.labrador.chatserver.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labrador.retrieval.ReadAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test: how long a code completion takes through Labrador ({@code POST
 * /api/generate} with a suffix, not streamed) against the same raw request sent to the model
 * server directly, with and without repository context, and how long the repository lookup alone
 * takes when nothing is cached. The model server answers at once, so the differences are what
 * Labrador adds. Labrador streams from the model server, so the direct request streams too. Run with {@code ./mvnw -Pbench verify -pl chat-server}; it prints a table.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CompletionLatencyBenchmark extends IdeServerTest {

    private static final int WARM_UP = 20;
    private static final int RUNS = 200;

    @Autowired
    RepositoryContext repositoryContext;

    private final HttpClient direct = HttpClient.newHttpClient();

    /** The shipped budget, not the tests' generous one. */
    @DynamicPropertySource
    static void shippedBudget(DynamicPropertyRegistry registry) {
        contextBudget = "80ms";
        registry.add("labrador.ide.context-budget", () -> "80ms");
    }

    @Test
    void completionLatency() throws Exception {
        sync();
        OLLAMA.completion("passes_s1(p.area)").tokenDelay(Duration.ZERO);
        // A new identifier on every run, so that no lookup is answered from the cache.
        IntFunction<String> withContext = i -> "{\"model\": \"" + CODER + "\", \"stream\": false, \"path\": \"analysis/selection.py\","
                + " \"prompt\": " + OllamaApiTest.quote("from analysis.cuts import passes_s1\n\ndef select_" + i
                + "(peaks):\n    return [p for p in peaks if ") + ", \"suffix\": \"]\\n\"}";
        IntFunction<String> noIdentifiers = i -> "{\"model\": \"" + CODER + "\", \"stream\": false, \"prompt\": \"x = \", \"suffix\": \"\\n\"}";
        IntFunction<String> raw = i -> "{\"model\": \"" + CODER + "\", \"raw\": true,"
                + " \"prompt\": \"<|fim_prefix|>x = <|fim_suffix|>\\n<|fim_middle|>\"}";

        long[] version = measure(i -> http().get("/api/version"));
        long[] modelServer = measure(i -> post(URI.create(OLLAMA.baseUrl() + "/api/generate"), raw.apply(i)));
        long[] noContext = measure(i -> post(null, noIdentifiers.apply(i)));
        long[] context = measure(i -> post(null, withContext.apply(i)));
        int[] keywordsOnly = {0};
        long[] lookup = measure(i -> {
            var found = repositoryContext.find("from analysis.cuts import passes_s1\n\ndef select_" + (i + 100_000)
                + "(peaks):\n    return [p for p in peaks if ", "]\n", "analysis/selection.py", Set.of(), ReadAccess.everything());
            keywordsOnly[0] += found.keywordsOnly() ? 1 : 0;
            return found;
        });
        long[] cachedLookup = measure(i -> repositoryContext.find("def select(peaks):\n    return [p for p in peaks if ", "]\n",
                "analysis/selection.py", Set.of(), ReadAccess.everything()));
        assertThat(OLLAMA.lastGeneratePrompt()).contains("def passes_s1(area):");

        System.out.println();
        System.out.println("| code completion (" + RUNS + " runs, model answers at once) | p50 ms | p95 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|");
        row("`GET /api/version` through Labrador (token check, no model)", version);
        row("model server directly (raw `/api/generate`, streamed)", modelServer);
        row("through Labrador, no identifiers at the cursor (no lookup)", noContext);
        row("through Labrador, with repository context (lookup not cached)", context);
        row("repository lookup alone, not cached (hybrid search when it fits the budget, else keywords)", lookup);
        row("repository lookup alone, cached (same query again)", cachedLookup);
        System.out.printf("Keywords alone answered (the hybrid search being slower than the %d ms budget) %d of %d uncached lookups.%n",
                80, keywordsOnly[0], RUNS + WARM_UP);
        System.out.printf("Labrador adds %.1f ms at the median with context, %.1f ms without.%n%n",
                pct(context, 50) - pct(modelServer, 50), pct(noContext, 50) - pct(modelServer, 50));
    }

    private String post(URI uri, String body) {
        HttpRequest.Builder request = uri == null ? http().request("/api/generate") : HttpRequest.newBuilder(uri);
        try {
            HttpResponse<String> response = direct.send(request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long[] measure(IntFunction<Object> call) {
        long[] nanos = new long[RUNS];
        for (int i = -WARM_UP; i < RUNS; i++) {
            long start = System.nanoTime();
            call.apply(i + WARM_UP);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
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

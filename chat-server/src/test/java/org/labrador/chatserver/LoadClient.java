package org.labrador.chatserver;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/** The simulated users' calls of the load benchmarks: a hybrid search and a streamed answer, timed. */
final class LoadClient {

    private final IntSupplier port;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    LoadClient(IntSupplier port) {
        this.port = port;
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port.getAsInt() + path);
    }

    void search(String token, String question, LatencySamples samples) {
        URI uri = uri("/api/v1/search?k=10&mode=hybrid&q=" + URLEncoder.encode(question, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            samples.add(System.nanoTime() - start, response.statusCode() == 200 && response.body().contains("\"hits\""));
        } catch (Exception e) {
            samples.add(System.nanoTime() - start, false);
        }
    }

    /** @return nanoseconds to the first token (the whole time when none came) */
    long ask(String token, String question, LatencySamples firstToken, LatencySamples whole) {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/ask"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + question + "\"}")).build();
        long start = System.nanoTime();
        long first = -1;
        boolean done = false;
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (first < 0 && line.startsWith("event:token")) {
                        first = System.nanoTime() - start;
                    }
                    done |= line.startsWith("event:done");
                }
            }
            done &= response.statusCode() == 200;
        } catch (Exception e) {
            done = false;
        }
        long total = System.nanoTime() - start;
        firstToken.add(first < 0 ? total : first, done && first >= 0);
        whole.add(total, done);
        return first < 0 ? total : first;
    }
}

package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.security.Role;
import org.labrador.models.openai.testing.OpenAiProtocolServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code labrador.model.engine: servers} as an institute runs it: one vLLM-like server that fails, one
 * that answers and takes one request at a time. Answers fail over to the healthy one; a question that
 * waits for it is told its place in line on the stream; IDE plugins see its models.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModelServersTest extends FixtureServerTest {

    private static final String SERVED = "Qwen/Qwen2.5-7B-Instruct";
    private static final OpenAiProtocolServer BROKEN = OpenAiProtocolServer.start().models(SERVED).failWith(500);
    private static final OpenAiProtocolServer WORKING = OpenAiProtocolServer.start().models(SERVED)
            .reply(body -> body.toString().contains("cuts.yaml")
                    ? "The S1 area threshold is set in `config/cuts.yaml` under `s1_area_min` [1]."
                    : "I don't know.")
            .tokenDelay(Duration.ofMillis(150));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        var data = Files.createTempDirectory("labrador-servers-data");
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.model.engine", () -> "servers");
        registry.add("labrador.model.health-interval", () -> "200ms");
        registry.add("labrador.model.servers[0].url", BROKEN::baseUrl);
        registry.add("labrador.model.servers[0].protocol", () -> "openai");
        registry.add("labrador.model.servers[0].model", () -> SERVED);
        registry.add("labrador.model.servers[1].url", WORKING::baseUrl);
        registry.add("labrador.model.servers[1].protocol", () -> "openai");
        registry.add("labrador.model.servers[1].model", () -> SERVED);
        registry.add("labrador.model.servers[1].max-concurrent", () -> "1");
        registry.add("labrador.model.servers[1].context-tokens", () -> "32768");
    }

    @AfterAll
    static void stopServers() {
        BROKEN.close();
        WORKING.close();
    }

    @BeforeEach
    void sync() {
        syncFixtures();
    }

    @Test
    void answersComeFromTheServerThatWorks() throws Exception {
        HttpResponse<String> response = post(bearer(), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = ApiCalls.json(response, 200);
        assertThat(answer.path("answer").asString()).contains("s1_area_min");
        assertThat(answer.path("grounded").asBoolean()).isTrue();
        assertThat(answer.path("model").path("name").asString()).isEqualTo(SERVED);
    }

    @Test
    void aQuestionWaitingForABusyServerIsToldItsPlaceInLine() throws Exception {
        String alice = "Bearer " + tokenFor("alice-servers", Role.READER);
        String bob = "Bearer " + tokenFor("bob-servers", Role.READER);
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(request(alice, "text/event-stream"),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (WORKING.inFlight() == 0) { // alice's answer is streaming: the server's one slot is taken
            assertThat(System.nanoTime()).as("alice's answer reaches the server").isLessThan(deadline);
            Thread.sleep(10);
        }
        HttpResponse<String> second = http.send(request(bob, "text/event-stream"), HttpResponse.BodyHandlers.ofString());

        List<String> events = events(second.body());
        assertThat(events).contains("queue:{\"position\":1}", "queue:{\"position\":0}");
        assertThat(events.indexOf("queue:{\"position\":0}")).isLessThan(firstToken(events));
        assertThat(second.body()).contains("s1_area_min").contains("event:done");
        assertThat(first.get().body()).contains("event:done").doesNotContain("event:queue");
        assertThat(WORKING.mostInFlight()).isEqualTo(1);
    }

    @Test
    void idePluginsSeeTheServersModels() throws Exception {
        HttpResponse<String> tags = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tags"))
                .header("Authorization", bearer()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tags.statusCode()).isEqualTo(200);
        assertThat(tags.body()).contains(SERVED);
    }

    private HttpResponse<String> post(String authorization, String accept) throws Exception {
        return http.send(request(authorization, accept), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String authorization, String accept) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ask"))
                .header("Authorization", authorization).header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Where is the S1 area threshold set?\"}"))
                .build();
    }

    /** "name:data" per server-sent event, in order. */
    private static List<String> events(String body) {
        List<String> out = new ArrayList<>();
        String name = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:") && name != null) {
                out.add(name + ":" + line.substring(5).strip());
                name = null;
            }
        }
        return out;
    }

    private static int firstToken(List<String> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("token:")) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}

package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP API end to end: real index, real embeddings, a model server speaking Ollama's protocol. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AskApiTest extends FixtureServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @BeforeEach
    void sync() {
        syncFixtures();
    }

    @Test
    void answersWithCitationsThatPointAtTheRightFileAndLines() throws Exception {
        JsonNode answer = postAsk("{\"question\": \"Where is the S1 area threshold set?\"}", "application/json");

        assertThat(answer.path("answer").asString()).contains("config/cuts.yaml").containsPattern("\\[\\d]");
        assertThat(answer.path("model").path("available").asBoolean()).isTrue();
        assertThat(answer.path("model").path("name").asString()).isEqualTo(MODEL);
        JsonNode citations = answer.path("citations");
        assertThat(citations.size()).as("only the cited source").isEqualTo(1);
        JsonNode citation = citations.get(0);
        assertThat(citation.path("path").asString()).isEqualTo("analysis/event-selection.md");
        assertThat(citation.path("source").asString()).isEqualTo("fixtures");
        assertThat(citation.path("title").asString()).isEqualTo("Event selection");
        assertThat(citation.path("headings").toString()).contains("S1 area threshold");
        int cited = lineOf("analysis/event-selection.md", "The S1 area threshold is set in");
        String[] lines = citation.path("lines").asString().split("-");
        assertThat(Integer.parseInt(lines[0])).isLessThanOrEqualTo(cited);
        assertThat(Integer.parseInt(lines[lines.length - 1])).isGreaterThanOrEqualTo(cited);
        assertThat(citation.path("uri").asString()).startsWith("/source/fixtures/analysis/event-selection.md?lines=");
        assertThat(answer.path("answer").asString()).contains("[" + citation.path("n").asInt() + "]");

        // The model was told to answer only from the numbered sources.
        String prompt = OLLAMA.lastChatMessages().toString();
        assertThat(prompt).contains("only the numbered sources").contains("s1_area_min").contains("[1]");
    }

    @Test
    void streamsTokensThenCitationsAsServerSentEvents() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/ask")).header("Authorization", bearer())
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Where is the S1 area threshold set?\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        List<String> events = new ArrayList<>();
        StringBuilder streamed = new StringBuilder();
        JsonNode done = null;
        String event = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
                events.add(event);
            } else if (line.startsWith("data:")) {
                JsonNode data = JSON.readTree(line.substring(5));
                if ("token".equals(event)) {
                    streamed.append(data.path("text").asString());
                } else if ("done".equals(event)) {
                    done = data;
                }
            }
        }
        assertThat(events.stream().filter("token"::equals).count()).as("several tokens").isGreaterThan(3);
        assertThat(events.subList(events.size() - 2, events.size())).containsExactly("citations", "done");
        assertThat(done).isNotNull();
        assertThat(streamed.toString()).isEqualTo(done.path("answer").asString());
        assertThat(done.path("citations").get(0).path("path").asString()).isEqualTo("analysis/event-selection.md");
    }

    @Test
    void saysItDoesNotKnowWhenNoPassageCoversTheQuestionWithoutAskingTheModel() throws Exception {
        int before = OLLAMA.chatRequests().size();
        JsonNode answer = postAsk("{\"question\": \"What is a good recipe for apple pie with cinnamon?\"}", "application/json");
        assertThat(answer.path("answer").asString()).startsWith("I don't know");
        assertThat(OLLAMA.chatRequests()).hasSize(before);
    }

    @Test
    void searchReturnsHitsWithSnippetsInEveryMode() throws Exception {
        for (String mode : List.of("bm25", "vector", "hybrid")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    uri("/api/v1/search?k=3&mode=" + mode + "&q=" + URLEncoder.encode("LED gain calibration of the PMTs", StandardCharsets.UTF_8)))
                    .header("Authorization", bearer()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode hits = JSON.readTree(response.body()).path("hits");
            assertThat(hits.size()).isBetween(1, 3);
            JsonNode first = hits.get(0);
            assertThat(first.path("path").asString()).as(mode).isEqualTo("detector/pmt-calibration.rst");
            assertThat(first.path("headings").toString()).as(mode).contains("LED gain calibration");
            assertThat(first.path("snippet").asString()).isNotBlank();
            assertThat(first.has("score")).isTrue();
        }
    }

    @Test
    void searchListsEachDocumentOnceBeforeItRepeatsOneUnlessAskedForScoreOrder() throws Exception {
        String q = URLEncoder.encode("How are the PMT gains calibrated and events selected?", StandardCharsets.UTF_8);
        List<String> byDocument = searchPaths("/api/v1/search?k=10&mode=vector&q=" + q);
        List<String> byScore = searchPaths("/api/v1/search?k=10&mode=vector&order=score&q=" + q);
        assertThat(byDocument).as("score order repeats a document before it has shown the others").isNotEqualTo(byScore);
        int documents = (int) byDocument.stream().distinct().count();
        assertThat(byDocument.subList(0, documents)).as("each document once first").doesNotHaveDuplicates();
        assertThat(byDocument).as("every document the score order shows, and perhaps more").containsAll(byScore);
        assertThat(byDocument.getFirst()).as("the best passage still first").isEqualTo(byScore.getFirst());
    }

    private List<String> searchPaths(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", bearer()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("hits").valueStream().map(hit -> hit.path("path").asString()).toList();
    }

    @Test
    void badRequestsGetAClearError() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/search?q=x&mode=fuzzy")).header("Authorization", bearer()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).contains("bm25");
        response = http.send(HttpRequest.newBuilder(uri("/api/v1/search?q=x&order=random")).header("Authorization", bearer()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).contains("documents or score");
    }

    private JsonNode postAsk(String body, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/ask")).header("Authorization", bearer())
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

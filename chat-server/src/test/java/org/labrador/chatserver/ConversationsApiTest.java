package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.security.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/conversations}: search and rename, each within the caller's own conversations; and a
 * source's {@code suggestedQuestions} kept as sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConversationsApiTest extends FixtureServerTest {

    @LocalServerPort
    int port;

    private final ApiCalls api = new ApiCalls(() -> port);

    @Test
    void searchFindsTitlesAndQuestionsOfTheCallersOwnConversationsOnly() throws Exception {
        syncFixtures();
        String ada = tokenFor("ada-api", Role.READER);
        String bob = tokenFor("bob-api", Role.READER);
        long thresholds = conversationOf(ada, "Where is the S1 area threshold set?");
        ask(ada, thresholds, "And the 100% efficiency_cut?");
        long calibration = conversationOf(ada, "How are PMT gains calibrated?");
        conversationOf(bob, "Where is Bob's S1 area threshold?");

        assertThat(ids(api.call("GET", "/api/v1/conversations?q=s1%20AREA", ada, null))).containsExactly(thresholds);
        // Found by a later question, not the title; % and _ are matched as they are, not as wildcards.
        assertThat(ids(api.call("GET", "/api/v1/conversations?q=100%25%20efficiency_cut", ada, null)))
                .containsExactly(thresholds);
        assertThat(ids(api.call("GET", "/api/v1/conversations?q=100%25%20efficiency%25cut", ada, null))).isEmpty();
        assertThat(ids(api.call("GET", "/api/v1/conversations", ada, null))).containsExactly(calibration, thresholds);
    }

    @Test
    void onlyTheOwnerRenamesAConversation() throws Exception {
        syncFixtures();
        String ada = tokenFor("ada-api", Role.READER);
        String mallory = tokenFor("mallory-api", Role.READER);
        long id = conversationOf(ada, "Where is the S1 area threshold set?");

        var refused = api.call("PATCH", "/api/v1/conversations/" + id, mallory, "{\"title\": \"owned\"}");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(api.call("PATCH", "/api/v1/conversations/" + id, ada, "{\"title\": \"  \"}").statusCode()).isEqualTo(400);
        assertThat(api.call("PATCH", "/api/v1/conversations/" + id, ada, "{\"title\": \"S1\\ncuts\"}").statusCode())
                .isEqualTo(204);
        JsonNode kept = ApiCalls.json(api.call("GET", "/api/v1/conversations/" + id, ada, null), 200);
        assertThat(kept.path("conversation").path("title").asString()).isEqualTo("S1 cuts");
    }

    @Test
    void aSourceKeepsItsSuggestedQuestions() throws Exception {
        String curator = tokenFor("cora-api", Role.CURATOR);
        String body = """
                {"name": "suggesting", "kind": "docs", "path": "%s",
                 "suggestedQuestions": ["Where is the S1 area threshold set?", "  ", "How are\\nPMT gains calibrated?"]}"""
                .formatted(fixtureDocs().resolve("analysis").toString().replace("\\", "\\\\"));
        try {
            ApiCalls.json(api.call("POST", "/api/v1/sources", curator, body), 201);
            JsonNode source = ApiCalls.json(api.call("GET", "/api/v1/sources/suggesting", curator, null), 200);
            assertThat(source.path("definition").path("suggestedQuestions").toString())
                    .isEqualTo("[\"Where is the S1 area threshold set?\",\"How are PMT gains calibrated?\"]");
        } finally {
            api.call("DELETE", "/api/v1/sources/suggesting", curator, null);
        }
    }

    private long conversationOf(String token, String question) throws Exception {
        return ask(token, null, question);
    }

    private long ask(String token, Long conversation, String question) throws Exception {
        String body = "{\"question\": \"" + question + "\""
                + (conversation == null ? "" : ", \"conversation\": " + conversation) + "}";
        return ApiCalls.json(api.call("POST", "/api/v1/ask", token, body), 200).path("conversation").asLong();
    }

    private static List<Long> ids(java.net.http.HttpResponse<String> response) {
        List<Long> ids = new ArrayList<>();
        ApiCalls.json(response, 200).forEach(c -> ids.add(c.path("id").asLong()));
        return ids;
    }
}

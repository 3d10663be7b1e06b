package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls of Labrador's JSON API with a personal token, for the tests that run the server on a random port. */
public final class ApiCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntSupplier port;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param port the server's port, read at each call (tests learn it after they are built) */
    public ApiCalls(IntSupplier port) {
        this.port = port;
    }

    /** {@code method path} with {@code Authorization: Bearer token} and, when given, a JSON body. */
    public HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port.getAsInt() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's JSON, after checking its status (the body shows when it is not the one expected). */
    public static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}

package org.labrador.ingest.indico;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.net.SourceHttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Indico's HTTP export API, as its source defines it (indico/indico: {@code indico/web/http_api},
 * {@code indico/modules/events/api.py}; docs/source/http-api): {@code /export/categ/ID.json} and
 * {@code /export/event/ID.json}, with {@code detail=contributions} for the contributions with
 * their speakers, folders of attachments and minutes. The answer is an {@code HTTPAPIResult}
 * object whose {@code results} are the events. A category is read in pages of
 * {@value #PAGE} events ({@code limit}, {@code offset}, {@code order=id}): Indico caps a request
 * at 500 events with contributions, and says nothing when it cut a list short, so a page that
 * comes back full is followed by the next.
 *
 * <p>The API token goes in {@code Authorization: Bearer}. Indico answers a token it does not
 * accept (expired, revoked, without the {@code read:legacy_api} scope) with
 * {@code 400 "OAuth error: invalid_token…"}; that and a 401 become one message saying so.
 */
final class IndicoExport {

    static final int PAGE = 100;
    private static final int MAX_PAGES = 1_000;
    private static final long MAX_ANSWER_BYTES = 64L << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IndicoSettings settings;
    private final Supplier<String> token;
    private final SourceHttpClient http;

    IndicoExport(IndicoSettings settings, Supplier<String> token, AddressPolicy policy) {
        this.settings = settings;
        this.token = token == null ? () -> null : token;
        this.http = new SourceHttpClient("the Indico server at " + settings.url(), policy, TIMEOUT, Duration.ZERO);
    }

    /** Every event of the category or the one event, with contributions, in the export API's JSON. */
    List<JsonNode> events() throws IOException {
        if (settings.event() != null) {
            return results(get("/export/event/" + settings.event() + ".json", "detail=contributions"), "event " + settings.event());
        }
        List<JsonNode> events = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            String query = "detail=contributions&order=id&limit=" + PAGE + "&offset=" + page * PAGE
                    + (settings.from() == null ? "" : "&from=" + URLEncoder.encode(settings.from(), StandardCharsets.UTF_8));
            List<JsonNode> results = results(get("/export/categ/" + settings.category() + ".json", query),
                    "category " + settings.category());
            events.addAll(results);
            if (results.size() < PAGE) {
                return events;
            }
        }
        throw new IOException("category " + settings.category() + " has more than " + MAX_PAGES * PAGE
                + " events: narrow it with from");
    }

    /** An attachment's bytes: the token goes along only to the Indico server itself. */
    SourceHttpClient.Answer download(URI url) throws IOException {
        Map<String, String> headers = SourceHttpClient.sameOrigin(settings.baseUrl(), url) ? authorization() : Map.of();
        return http.get(url, headers, settings.maxFileBytes());
    }

    private SourceHttpClient.Answer get(String path, String query) throws IOException {
        SourceHttpClient.Answer answer = http.get(URI.create(settings.url() + path + "?" + query), authorization(),
                MAX_ANSWER_BYTES);
        if (answer.status() == 401 || answer.status() == 400 && answer.text().contains("OAuth error")) {
            throw new IOException("Indico did not accept the API token in " + settings.tokenEnv() + " (HTTP "
                    + answer.status() + "): it may have expired or been revoked; make a new one with the scope"
                    + " read:legacy_api");
        }
        return answer;
    }

    private List<JsonNode> results(SourceHttpClient.Answer answer, String what) throws IOException {
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (JacksonException e) {
            json = null;
        }
        if (!answer.ok()) {
            String message = json != null && json.path("message").isString() ? ": " + json.path("message").asString() : "";
            throw new IOException(switch (answer.status()) {
                case 403 -> "Indico refused access to " + what + " (HTTP 403" + message + ")";
                case 404 -> "Indico has no " + what + " (HTTP 404)";
                default -> "Indico answered HTTP " + answer.status() + " for " + what + message;
            });
        }
        if (json == null || !json.path("results").isArray()) {
            throw new IOException("Indico's answer for " + what + " is not the export API's JSON (no results list)");
        }
        List<JsonNode> out = new ArrayList<>();
        json.path("results").forEach(out::add);
        return out;
    }

    private Map<String, String> authorization() throws IOException {
        if (settings.tokenEnv() == null) {
            return Map.of();
        }
        String value = token.get();
        if (value == null || value.isBlank()) {
            throw new IOException("no API token: " + settings.tokenEnv() + " is not set");
        }
        return Map.of("Authorization", "Bearer " + value.strip());
    }
}

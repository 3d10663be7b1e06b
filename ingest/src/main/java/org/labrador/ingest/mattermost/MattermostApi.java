package org.labrador.ingest.mattermost;

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
 * The parts of Mattermost's REST API v4 a source needs, as the API reference defines them
 * (mattermost/mattermost-api-reference, {@code v4/source/*.yaml}): a team and its channels by name,
 * a channel's posts ({@code PostList}: {@code order} of ids, {@code posts} by id) paged backwards
 * with {@code before} and {@code per_page}, the posts changed {@code since} a time, a whole thread,
 * and user names by id. Requests carry {@code Authorization: Bearer} with the personal access
 * token. A 401 (a revoked token) is an error of the whole source; a 403 or 404 is the caller's to
 * judge (one channel the token cannot read). A 429 is waited out as long as Mattermost asks
 * ({@code Retry-After}, {@code X-RateLimit-Reset}) by {@link SourceHttpClient}, a few times; one
 * that outlasts the waits, like any other error, is the caller's to report, never a refusal.
 */
final class MattermostApi {

    /** An answer the caller must judge: its status, and the JSON when there is some. */
    record Reply(int status, JsonNode json) {
        boolean ok() {
            return status >= 200 && status < 300 && json != null;
        }

        /** Whether the server refuses what was asked (403) or does not know it (404). */
        boolean refused() {
            return status == 403 || status == 404;
        }

        /** Mattermost's own error message ({@code AppError.message}), or empty. */
        String message() {
            return json == null ? "" : json.path("message").asString("");
        }
    }

    /**
     * An answer that is neither the thing asked for nor a refusal of it, as an error that fails the
     * listing: what was indexed stays until the server answers again.
     *
     * @param what what was asked for, such as "channel ~analysis-help"
     */
    static IOException failure(Reply reply, String what) {
        String why = reply.status() == 429 ? "its rate limit held after the waits it asked for"
                : reply.message();
        return new IOException("Mattermost answered HTTP " + reply.status() + " for " + what
                + (why.isEmpty() ? "" : ": " + why) + "; nothing was removed, the next sync tries again");
    }

    static final int PER_PAGE = 200;
    /** What Mattermost returns at most for posts {@code since} a time; a full answer may have left some out. */
    static final int SINCE_LIMIT = 1000;
    private static final int MAX_PAGES = 50_000;
    private static final long MAX_PAGE_BYTES = 32L << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MattermostSettings settings;
    private final Supplier<String> token;
    private final SourceHttpClient http;

    MattermostApi(MattermostSettings settings, Supplier<String> token, AddressPolicy policy) {
        this.settings = settings;
        this.token = token == null ? () -> null : token;
        this.http = new SourceHttpClient("the Mattermost server at " + settings.url(), policy, TIMEOUT, Duration.ZERO);
    }

    Reply me() throws IOException {
        return get("/api/v4/users/me", MAX_PAGE_BYTES);
    }

    Reply team() throws IOException {
        return get("/api/v4/teams/name/" + segment(settings.team()), MAX_PAGE_BYTES);
    }

    Reply channelByName(String teamId, String channel) throws IOException {
        return get("/api/v4/teams/" + segment(teamId) + "/channels/name/" + segment(channel), MAX_PAGE_BYTES);
    }

    Reply channelById(String id) throws IOException {
        return get("/api/v4/channels/" + segment(id), MAX_PAGE_BYTES);
    }

    /**
     * Every post of a channel, newest first, page after page: each page asks for the posts before
     * the oldest one of the last, which stays right while people keep posting.
     *
     * @param label names the channel in messages ({@code ~analysis-help})
     * @throws ChannelRefused when the server refuses the channel (403) or does not know it (404)
     * @throws IOException    on any other error (a rate limit that held, a 400), which says nothing
     *                        about the channel's threads
     */
    List<JsonNode> posts(String channelId, String label) throws IOException {
        List<JsonNode> posts = new ArrayList<>();
        String before = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Reply reply = get("/api/v4/channels/" + segment(channelId) + "/posts?per_page=" + PER_PAGE
                    + (before.isEmpty() ? "" : "&before=" + segment(before)), MAX_PAGE_BYTES);
            if (reply.refused()) {
                throw new ChannelRefused(reply);
            }
            if (!reply.ok()) {
                throw failure(reply, "the posts of " + label);
            }
            JsonNode order = reply.json().path("order");
            JsonNode byId = reply.json().path("posts");
            if (!order.isArray() || !byId.isObject()) {
                throw new IOException("Mattermost's answer for channel " + channelId + " is not a post list");
            }
            String oldest = "";
            for (JsonNode id : order) {
                JsonNode post = byId.path(id.asString(""));
                if (post.isObject()) {
                    posts.add(post);
                    oldest = id.asString("");
                }
            }
            if (order.size() < PER_PAGE || oldest.isEmpty()) {
                return posts;
            }
            if (oldest.equals(before)) {
                throw new IOException("Mattermost repeated the page before post " + oldest + "; listing stopped");
            }
            before = oldest;
        }
        throw new IOException("channel " + channelId + " has more than " + MAX_PAGES * PER_PAGE + " posts");
    }

    /** The posts of a channel created, edited or deleted since a time (milliseconds since 1970). */
    Reply postsSince(String channelId, long sinceMillis) throws IOException {
        return get("/api/v4/channels/" + segment(channelId) + "/posts?since=" + sinceMillis, MAX_PAGE_BYTES);
    }

    Reply thread(String postId) throws IOException {
        return get("/api/v4/posts/" + segment(postId) + "/thread", settings.maxThreadBytes());
    }

    /** The users with these ids ({@code POST /api/v4/users/ids}). */
    Reply users(List<String> ids) throws IOException {
        return send(http.postJson(URI.create(settings.url() + "/api/v4/users/ids"), JSON.writeValueAsString(ids),
                authorization(), MAX_PAGE_BYTES));
    }

    /** A channel the token may not read (403), or that is not there (404), found while listing its posts. */
    static final class ChannelRefused extends IOException {
        final Reply reply;

        ChannelRefused(Reply reply) {
            super("HTTP " + reply.status() + (reply.message().isEmpty() ? "" : ": " + reply.message()));
            this.reply = reply;
        }
    }

    private Reply get(String path, long maxBytes) throws IOException {
        return send(http.get(URI.create(settings.url() + path), authorization(), maxBytes));
    }

    private Reply send(SourceHttpClient.Answer answer) throws IOException {
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (JacksonException e) {
            json = null;
        }
        if (answer.status() == 401) {
            throw new IOException("Mattermost did not accept the token in " + settings.tokenEnv() + " (HTTP 401): the"
                    + " personal access token may have been revoked, or its user deactivated");
        }
        if (answer.ok() && json == null) {
            throw new IOException("Mattermost's answer for " + SourceHttpClient.withoutQuery(answer.uri())
                    + " is not JSON");
        }
        if (answer.status() >= 500) {
            throw new IOException("Mattermost answered HTTP " + answer.status() + " for "
                    + SourceHttpClient.withoutQuery(answer.uri()));
        }
        return new Reply(answer.status(), json);
    }

    private Map<String, String> authorization() throws IOException {
        String value = token.get();
        if (value == null || value.isBlank()) {
            throw new IOException("no token: " + settings.tokenEnv() + " is not set");
        }
        return Map.of("Authorization", "Bearer " + value.strip());
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

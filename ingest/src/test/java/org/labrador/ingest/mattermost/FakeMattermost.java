package org.labrador.ingest.mattermost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Mattermost server speaking the REST API v4 as its reference defines it
 * (mattermost/mattermost-api-reference: {@code v4/source/posts.yaml}, {@code channels.yaml},
 * {@code teams.yaml}, {@code users.yaml}, {@code definitions.yaml} for {@code Post},
 * {@code PostList}, {@code Channel}, {@code Team}, {@code User} and {@code AppError};
 * {@code introduction.yaml} for bearer tokens): a channel's posts newest first, paged with
 * {@code per_page} (at most 200) and {@code before}, or those changed {@code since} a time (at most
 * 1000); a thread's posts; users by id. Errors are {@code AppError} objects; a private channel
 * whose member the token's user is not answers 403. Requests over the rate limit are refused as
 * Mattermost's limiter refuses them ({@code server/channels/app/ratelimit.go}): 429 with the text
 * "limit exceeded", {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, and
 * {@code X-RateLimit-Reset} and {@code Retry-After} in whole seconds.
 */
public final class FakeMattermost implements AutoCloseable {

    public static final String TOKEN = "9xuqwrwgstrb3mzrxb83nb357a";
    public static final String TEAM_ID = id('t', 1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final Map<String, ObjectNode> channels = new ConcurrentHashMap<>();
    public final Map<String, Boolean> member = new ConcurrentHashMap<>();
    public final Map<String, ObjectNode> posts = new ConcurrentHashMap<>();
    public final Map<String, String> users = new ConcurrentHashMap<>();
    public volatile boolean revoked;
    public volatile String brokenPostsAnswer;
    /** Requests whose path contains a key are answered with its status, as an {@code AppError}. */
    public final Map<String, Integer> failing = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
    private final HttpServer server;
    private int nextPost = 1;

    public FakeMattermost() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v4/", this::answer);
        server.start();
        users.put(id('u', 1), "indexer");
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A 26-character id as Mattermost makes them. */
    public static String id(char kind, int n) {
        return kind + String.format("%025d", n);
    }

    public String user(int n, String username) {
        users.put(id('u', n), username);
        return id('u', n);
    }

    /** A channel as the {@code Channel} schema has it; type O (public), P (private), D (direct). */
    public String channel(int n, String name, String display, String type, boolean isMember) {
        ObjectNode c = JSON.createObjectNode();
        String id = id('c', n);
        c.put("id", id);
        c.put("create_at", 1_600_000_000_000L);
        c.put("update_at", 1_600_000_000_000L);
        c.put("delete_at", 0);
        c.put("team_id", TEAM_ID);
        c.put("type", type);
        c.put("display_name", display);
        c.put("name", name);
        c.put("header", "");
        c.put("purpose", "");
        c.put("last_post_at", 0);
        c.put("total_msg_count", 0);
        c.put("creator_id", id('u', 1));
        channels.put(id, c);
        member.put(id, isMember);
        return id;
    }

    /** A post as the {@code Post} schema has it; a reply when {@code rootId} is not empty. */
    public synchronized ObjectNode post(String channelId, String rootId, String userId, String message, long createAt) {
        ObjectNode p = JSON.createObjectNode();
        String id = id('p', nextPost++);
        p.put("id", id);
        p.put("create_at", createAt);
        p.put("update_at", createAt);
        p.put("edit_at", 0);
        p.put("delete_at", 0);
        p.put("is_pinned", false);
        p.put("user_id", userId);
        p.put("channel_id", channelId);
        p.put("root_id", rootId);
        p.put("original_id", "");
        p.put("message", message);
        p.put("type", "");
        p.set("props", JSON.createObjectNode());
        p.put("hashtags", "");
        p.set("file_ids", JSON.createArrayNode());
        p.put("pending_post_id", "");
        p.set("metadata", JSON.createObjectNode());
        posts.put(id, p);
        return p;
    }

    /** The next {@code times} requests whose path contains {@code pathPart} are over the rate limit. */
    public void rateLimit(String pathPart, int times) {
        rateLimited.put(pathPart, new AtomicInteger(times));
    }

    private void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        requests.add(exchange.getRequestMethod() + " " + uri);
        for (Map.Entry<String, AtomicInteger> limit : rateLimited.entrySet()) {
            if (uri.getPath().contains(limit.getKey()) && limit.getValue().getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("X-RateLimit-Limit", "10");
                exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
                exchange.getResponseHeaders().add("X-RateLimit-Reset", "0");
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                byte[] body = "limit exceeded\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(429, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
        }
        if (revoked || !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "api.context.session_expired.app_error", "Invalid or expired session, please login again.");
            return;
        }
        String path = uri.getPath();
        for (Map.Entry<String, Integer> failure : failing.entrySet()) {
            if (path.contains(failure.getKey())) {
                int status = failure.getValue();
                error(exchange, status, status >= 500 ? "app.post.get_posts.app_error" : "api.context.invalid_url_param.app_error",
                        status >= 500 ? "Unable to get the posts." : "Invalid or missing parameter in request URL.");
                return;
            }
        }
        Map<String, String> query = query(uri.getRawQuery());
        String[] parts = path.substring("/api/v4/".length()).split("/");
        if (path.equals("/api/v4/users/me")) {
            send(exchange, 200, userJson(id('u', 1)));
        } else if (path.equals("/api/v4/users/ids") && exchange.getRequestMethod().equals("POST")) {
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode id : JSON.readTree(exchange.getRequestBody().readAllBytes())) {
                if (users.containsKey(id.asString())) {
                    out.add(userJson(id.asString()));
                }
            }
            send(exchange, 200, out);
        } else if (parts.length == 3 && parts[0].equals("teams") && parts[1].equals("name")) {
            if (!parts[2].equals("xenonnt")) {
                error(exchange, 404, "app.team.get_by_name.missing.app_error", "Unable to find the existing team.");
                return;
            }
            ObjectNode team = JSON.createObjectNode();
            team.put("id", TEAM_ID);
            team.put("name", "xenonnt");
            team.put("display_name", "XENONnT");
            team.put("type", "I");
            send(exchange, 200, team);
        } else if (parts.length == 5 && parts[0].equals("teams") && parts[2].equals("channels") && parts[3].equals("name")) {
            ObjectNode channel = channels.values().stream().filter(c -> c.path("name").asString().equals(parts[4]))
                    .findFirst().orElse(null);
            channelAnswer(exchange, channel);
        } else if (parts.length == 2 && parts[0].equals("channels")) {
            channelAnswer(exchange, channels.get(parts[1]));
        } else if (parts.length == 3 && parts[0].equals("channels") && parts[2].equals("posts")) {
            ObjectNode channel = channels.get(parts[1]);
            if (channel == null || !member.get(parts[1]) && !channel.path("type").asString().equals("O")) {
                error(exchange, 403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
                return;
            }
            if (brokenPostsAnswer != null) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                byte[] body = brokenPostsAnswer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            send(exchange, 200, channelPosts(parts[1], query));
        } else if (parts.length == 3 && parts[0].equals("posts") && parts[2].equals("thread")) {
            ObjectNode post = posts.get(parts[1]);
            if (post == null || post.path("delete_at").asLong() > 0) {
                error(exchange, 404, "app.post.get.app_error", "Unable to get the post.");
                return;
            }
            String root = post.path("root_id").asString().isEmpty() ? parts[1] : post.path("root_id").asString();
            String channelId = post.path("channel_id").asString();
            if (!member.get(channelId) && !channels.get(channelId).path("type").asString().equals("O")) {
                error(exchange, 403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
                return;
            }
            List<ObjectNode> thread = posts.values().stream().filter(p -> p.path("delete_at").asLong() == 0
                    && (p.path("id").asString().equals(root) || p.path("root_id").asString().equals(root))).toList();
            send(exchange, 200, postList(thread));
        } else {
            error(exchange, 404, "api.context.404.app_error", "Sorry, we could not find the page.");
        }
    }

    private void channelAnswer(HttpExchange exchange, ObjectNode channel) throws IOException {
        if (channel == null) {
            error(exchange, 404, "app.channel.get_by_name.missing.app_error", "Channel does not exist.");
        } else if (!member.get(channel.path("id").asString()) && !channel.path("type").asString().equals("O")) {
            error(exchange, 403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        } else {
            send(exchange, 200, channel);
        }
    }

    private ObjectNode channelPosts(String channelId, Map<String, String> query) {
        List<ObjectNode> inChannel = new ArrayList<>(posts.values().stream()
                .filter(p -> p.path("channel_id").asString().equals(channelId)).toList());
        if (query.containsKey("since")) {
            long since = Long.parseLong(query.get("since"));
            List<ObjectNode> changed = inChannel.stream().filter(p -> Math.max(p.path("update_at").asLong(),
                    p.path("delete_at").asLong()) > since).sorted(Comparator.comparingLong(p -> p.path("create_at").asLong()))
                    .limit(1000).toList();
            return postList(changed);
        }
        inChannel.removeIf(p -> p.path("delete_at").asLong() > 0);
        inChannel.sort(Comparator.comparingLong((ObjectNode p) -> p.path("create_at").asLong()).reversed());
        int perPage = Math.min(200, Integer.parseInt(query.getOrDefault("per_page", "60")));
        int from = 0;
        if (query.containsKey("before")) {
            from = inChannel.size();
            for (int i = 0; i < inChannel.size(); i++) {
                if (inChannel.get(i).path("id").asString().equals(query.get("before"))) {
                    from = i + 1;
                }
            }
        }
        int page = Integer.parseInt(query.getOrDefault("page", "0"));
        from += page * perPage;
        List<ObjectNode> slice = inChannel.subList(Math.min(from, inChannel.size()), Math.min(from + perPage, inChannel.size()));
        ObjectNode list = postList(slice);
        list.put("prev_post_id", from + perPage < inChannel.size() ? inChannel.get(from + perPage).path("id").asString() : "");
        return list;
    }

    private static ObjectNode postList(List<ObjectNode> posts) {
        ObjectNode list = JSON.createObjectNode();
        ArrayNode order = list.putArray("order");
        ObjectNode byId = list.putObject("posts");
        for (ObjectNode p : posts) {
            order.add(p.path("id").asString());
            byId.set(p.path("id").asString(), p);
        }
        list.put("next_post_id", "");
        list.put("prev_post_id", "");
        list.put("has_next", false);
        return list;
    }

    private ObjectNode userJson(String id) {
        ObjectNode u = JSON.createObjectNode();
        u.put("id", id);
        u.put("username", users.get(id));
        u.put("first_name", "");
        u.put("last_name", "");
        u.put("nickname", "");
        return u;
    }

    private static void error(HttpExchange exchange, int status, String id, String message) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id);
        e.put("message", message);
        e.put("detailed_error", "");
        e.put("request_id", "zmg6qzbbrjyzxk6r1dfsgsxqhr");
        e.put("status_code", status);
        send(exchange, status, e);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

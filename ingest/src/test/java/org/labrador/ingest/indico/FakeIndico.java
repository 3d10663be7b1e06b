package org.labrador.ingest.indico;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Indico server speaking the HTTP export API as Indico's own code serializes it
 * (indico/indico: {@code indico/modules/events/api.py} for events, contributions, persons and
 * dates; {@code indico/modules/attachments/api/util.py} for folders and attachments;
 * {@code indico/modules/events/notes/util.py} for minutes; {@code indico/web/http_api/responses.py}
 * for the {@code HTTPAPIResult} envelope; {@code handlers.py} for authentication): events come in
 * {@code results}, cut by {@code limit} and {@code offset} in {@code order=id}; a bearer token that
 * is not accepted gets {@code 400 "OAuth error: invalid_token…"}, as Indico turns authlib's error
 * into a BadRequest; without a token, protected events are left out and protected attachments
 * refused with 403. Attachments are served at their {@code download_url}.
 */
public final class FakeIndico implements AutoCloseable {

    public static final String TOKEN = "indp_0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Request path and query of each request, with its Authorization header. */
    public record Request(String path, Map<String, String> query, String authorization) {
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    public final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    public final Map<String, byte[]> files = new ConcurrentHashMap<>();
    public final Set<String> protectedFiles = ConcurrentHashMap.newKeySet();
    public final Set<String> protectedEvents = ConcurrentHashMap.newKeySet();
    public volatile boolean expiredToken;
    public volatile String brokenAnswer;
    public volatile int failWith;

    private final HttpServer server;
    private final String base;

    public FakeIndico() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url() {
        return base;
    }

    // ---- the data, in the export API's shapes ----

    /** An event as {@code _build_event_api_data} writes it (detail=contributions). */
    public ObjectNode event(String id, String title, String category, String start, String end) {
        ObjectNode e = JSON.createObjectNode();
        e.put("_type", "Conference");
        e.put("id", id);
        e.put("title", title);
        e.put("description", "");
        e.set("startDate", date(start));
        e.put("timezone", "Europe/Zurich");
        e.set("endDate", date(end));
        e.putNull("room");
        e.put("location", "");
        e.put("address", "");
        e.put("type", "meeting");
        e.set("references", JSON.createArrayNode());
        e.put("_fossil", "conferenceMetadataWithContribs");
        e.put("categoryId", 7);
        e.put("category", category);
        e.set("note", JSON.createObjectNode());
        e.put("roomFullname", "");
        e.put("url", base + "/event/" + id + "/");
        e.set("creationDate", date("2024-01-10 11:00:00"));
        e.putNull("creator");
        e.put("hasAnyProtection", false);
        e.set("folders", JSON.createArrayNode());
        e.set("chairs", JSON.createArrayNode());
        e.set("material", JSON.createArrayNode());
        e.set("keywords", JSON.createArrayNode());
        e.put("organizer", "");
        e.putNull("language");
        e.putNull("label");
        e.set("contributions", JSON.createArrayNode());
        events.add(e);
        return e;
    }

    /** A contribution as {@code _serialize_contribution} writes it. */
    public ObjectNode contribution(ObjectNode event, int dbId, String title, String start, String end, int minutes) {
        ObjectNode c = JSON.createObjectNode();
        c.put("_type", "Contribution");
        c.put("_fossil", "contributionMetadata");
        c.put("id", Integer.toString(dbId - 5000));
        c.put("db_id", dbId);
        c.put("friendly_id", dbId - 5000);
        c.put("title", title);
        c.set("startDate", date(start));
        c.set("endDate", date(end));
        c.put("duration", minutes);
        c.put("roomFullname", "");
        c.put("room", "");
        c.set("note", JSON.createObjectNode());
        c.put("location", "");
        c.putNull("type");
        c.put("description", "");
        c.set("folders", JSON.createArrayNode());
        c.put("url", base + "/event/" + event.path("id").asString() + "/contributions/" + dbId + "/");
        c.set("material", JSON.createArrayNode());
        c.set("speakers", JSON.createArrayNode());
        c.set("primaryauthors", JSON.createArrayNode());
        c.set("coauthors", JSON.createArrayNode());
        c.set("keywords", JSON.createArrayNode());
        c.putNull("track");
        c.putNull("session");
        c.set("references", JSON.createArrayNode());
        c.putNull("board_number");
        c.put("code", "");
        ((ArrayNode) event.get("contributions")).add(c);
        return c;
    }

    /** A person link as {@code _serialize_person} writes it. */
    public static ObjectNode person(String first, String last, String affiliation) {
        ObjectNode p = JSON.createObjectNode();
        p.put("_type", "ContributionParticipation");
        p.put("_fossil", "contributionParticipationMetadata");
        p.put("first_name", first);
        p.put("last_name", last);
        p.put("fullName", first + " " + last);
        p.put("id", "1");
        p.put("affiliation", affiliation);
        p.putNull("emailHash");
        return p;
    }

    /** A folder with one attachment, as {@code _build_folder_api_data} writes them; the file is served. */
    public ObjectNode attach(ObjectNode owner, String ownerPath, int folderId, int id, String title, String filename,
                             String contentType, String modified, byte[] bytes) {
        ObjectNode folder = JSON.createObjectNode();
        folder.put("_type", "folder");
        folder.put("id", folderId);
        folder.put("title", "Slides");
        folder.put("description", "");
        folder.put("default_folder", false);
        folder.put("is_protected", false);
        ObjectNode a = JSON.createObjectNode();
        a.put("_type", "attachment");
        a.put("id", id);
        String download = base + "/" + ownerPath + "/attachments/" + folderId + "/" + id + "/" + filename;
        a.put("download_url", download);
        a.put("title", title);
        a.put("description", "");
        a.put("modified_dt", modified);
        a.put("type", "file");
        a.put("is_protected", false);
        a.put("filename", filename);
        a.put("content_type", contentType);
        a.put("size", bytes.length);
        a.put("checksum", "0cc175b9c0f1b6a831c399e269772661");
        folder.set("attachments", JSON.createArrayNode().add(a));
        ((ArrayNode) owner.get("folders")).add(folder);
        files.put(URI.create(download).getPath(), bytes);
        return a;
    }

    /** Minutes as {@code build_note_api_data} writes them. */
    public static void minutes(ObjectNode owner, String html, String modified) {
        ObjectNode note = JSON.createObjectNode();
        note.put("html", html);
        note.put("url", "https://indico.example/note");
        note.put("modified_dt", modified);
        note.put("user", 42);
        owner.set("note", note);
    }

    /** A date as {@code _serialize_date} writes it: "2024-03-04 09:00:00" in Europe/Zurich. */
    public static ObjectNode date(String dateTime) {
        ObjectNode d = JSON.createObjectNode();
        d.put("date", dateTime.substring(0, 10));
        d.put("time", dateTime.substring(11));
        d.put("tz", "Europe/Zurich");
        return d;
    }

    // ---- the server ----

    private void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> query = query(uri.getRawQuery());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(uri.getPath(), query, authorization));
        boolean authed = ("Bearer " + TOKEN).equals(authorization) && !expiredToken;
        if (authorization != null && !authed) {
            send(exchange, 400, "text/html", "<p>OAuth error: invalid_token: The access token provided is expired,"
                    + " revoked, malformed, or invalid for other reasons.</p>");
            return;
        }
        if (failWith != 0) {
            send(exchange, failWith, "application/json", "{\"message\": \"Internal error\"}");
            return;
        }
        String path = uri.getPath();
        if (path.startsWith("/export/")) {
            if (brokenAnswer != null) {
                send(exchange, 200, "application/json", brokenAnswer);
                return;
            }
            exportAnswer(exchange, path, query, authed);
            return;
        }
        byte[] file = files.get(path);
        if (file == null) {
            send(exchange, 404, "text/html", "<p>Not found</p>");
        } else if (protectedFiles.contains(path) && !authed) {
            send(exchange, 403, "text/html", "<p>Access denied</p>");
        } else {
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, file.length);
            exchange.getResponseBody().write(file);
            exchange.close();
        }
    }

    private void exportAnswer(HttpExchange exchange, String path, Map<String, String> query, boolean authed)
            throws IOException {
        List<ObjectNode> visible = new ArrayList<>();
        for (ObjectNode e : events) {
            if (authed || !protectedEvents.contains(e.path("id").asString())) {
                visible.add(e);
            }
        }
        List<ObjectNode> selected;
        if (path.matches("/export/event/\\d+\\.json")) {
            String id = path.replaceAll("\\D", "");
            selected = visible.stream().filter(e -> e.path("id").asString().equals(id)).toList();
        } else if (path.matches("/export/categ/\\d+\\.json")) {
            selected = visible.stream().sorted(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.path("id").asString())))
                    .toList();
            int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
            selected = selected.subList(Math.min(offset, selected.size()), Math.min(offset + limit, selected.size()));
        } else {
            send(exchange, 404, "text/html", "<p>Not found</p>");
            return;
        }
        ArrayNode results = JSON.createArrayNode();
        for (ObjectNode e : selected) {
            ObjectNode copy = e.deepCopy();
            if (!"contributions".equals(query.get("detail"))) {
                copy.remove("contributions");
                copy.put("_fossil", "conferenceMetadata");
            }
            results.add(copy);
        }
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("count", results.size());
        envelope.set("additionalInfo", JSON.createObjectNode());
        envelope.put("_type", "HTTPAPIResult");
        envelope.put("ts", 1709550000);
        envelope.put("url", base + path);
        envelope.set("results", results);
        send(exchange, 200, "application/json", JSON.writeValueAsString(envelope));
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

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package org.labrador.ingest.inspire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * INSPIRE's REST API and arXiv's PDF service, each on a server of its own (two origins). INSPIRE
 * answers {@code /api/literature} searches as inspirehep/rest-api-doc describes them: hits in
 * {@code hits.hits} (each {@code id}, {@code created}, {@code updated}, {@code links},
 * {@code metadata} in the {@code hep} schema of inspirehep/inspire-schemas), their number in
 * {@code hits.total}, {@code links.next}; {@code size} and {@code page} (1-based), a 400 beyond
 * 1000 per page, only the metadata paths given in {@code fields}, and a 429 when asked to. arXiv
 * answers {@code /pdf/ID} with a redirect to the latest version, {@code /pdf/IDvN}, which serves the PDF.
 */
public final class FakeInspire implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final List<Map<String, String>> searches = new CopyOnWriteArrayList<>();
    public final List<String> arxivRequests = new CopyOnWriteArrayList<>();
    public final List<ObjectNode> hits = new CopyOnWriteArrayList<>();
    public final Map<String, byte[]> pdfs = new ConcurrentHashMap<>();
    public final AtomicInteger tooManyRequests = new AtomicInteger();
    public volatile String brokenAnswer;
    private final HttpServer inspire;
    private final HttpServer arxiv;

    public FakeInspire() throws IOException {
        inspire = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        inspire.createContext("/api/literature", this::search);
        inspire.start();
        arxiv = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        arxiv.createContext("/pdf/", this::pdf);
        arxiv.start();
    }

    public String url() {
        return "http://127.0.0.1:" + inspire.getAddress().getPort();
    }

    /** INSPIRE's address by the name {@code localhost}, for a policy that allows it by name only. */
    public String urlByName() {
        return "http://localhost:" + inspire.getAddress().getPort();
    }

    public String arxivUrl() {
        return "http://127.0.0.1:" + arxiv.getAddress().getPort();
    }

    public void stopArxiv() {
        arxiv.stop(0);
    }

    /** A literature hit with the {@code hep} fields used; more can be set on the returned metadata. */
    public ObjectNode record(int controlNumber, String title, String arxivId, String updated, String... authors) {
        ObjectNode hit = JSON.createObjectNode();
        hit.put("id", Integer.toString(controlNumber));
        hit.put("created", "2023-03-27T02:01:33.512377+00:00");
        hit.put("updated", updated);
        hit.putObject("links").put("json", url() + "/api/literature/" + controlNumber + "?format=json");
        ObjectNode m = hit.putObject("metadata");
        m.put("$schema", "https://inspirehep.net/schemas/records/hep.json");
        m.put("control_number", controlNumber);
        m.putArray("titles").addObject().put("title", title).put("source", "arXiv");
        ArrayNode names = m.putArray("authors");
        for (String author : authors) {
            names.addObject().put("full_name", author).put("uuid", "00000000-0000-0000-0000-000000000000")
                    .putArray("raw_affiliations").addObject().put("value", "Somewhere");
        }
        m.put("author_count", authors.length);
        m.putArray("document_type").add("article");
        if (arxivId != null) {
            m.putArray("arxiv_eprints").addObject().put("value", arxivId).putArray("categories").add("hep-ex");
        }
        m.put("earliest_date", "2023-03-26");
        m.put("citation_count", 120);
        hits.add(hit);
        return m;
    }

    private void search(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        searches.add(query);
        if (tooManyRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            send(exchange, 429, "{\"message\": \"Too many requests\", \"status\": 429}");
            return;
        }
        if (brokenAnswer != null) {
            send(exchange, 200, brokenAnswer);
            return;
        }
        int size = Integer.parseInt(query.getOrDefault("size", "10"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        if (size > 1000) {
            send(exchange, 400, "{\"message\": \"Maximum search page size of `1000` results exceeded.\", \"status\": 400}");
            return;
        }
        int from = (page - 1) * size;
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode hit : hits.subList(Math.min(from, hits.size()), Math.min(from + size, hits.size()))) {
            ObjectNode copy = hit.deepCopy();
            if (query.containsKey("fields")) {
                copy.set("metadata", filtered((ObjectNode) hit.get("metadata"), Set.of(query.get("fields").split(","))));
            }
            out.add(copy);
        }
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode hitsNode = answer.putObject("hits");
        hitsNode.set("hits", out);
        hitsNode.put("total", hits.size());
        ObjectNode links = answer.putObject("links");
        links.put("self", url() + "/api/literature/?q=" + query.getOrDefault("q", "") + "&size=" + size + "&page=" + page);
        if (from + size < hits.size()) {
            links.put("next", url() + "/api/literature/?q=" + query.getOrDefault("q", "") + "&size=" + size + "&page=" + (page + 1));
        }
        send(exchange, 200, JSON.writeValueAsString(answer));
    }

    /** The metadata with only the paths asked for: {@code authors.full_name} keeps each author's name alone. */
    private static ObjectNode filtered(ObjectNode metadata, Set<String> fields) {
        ObjectNode out = JSON.createObjectNode();
        for (String field : fields) {
            String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            JsonNode value = metadata.get(top);
            if (value == null) {
                continue;
            }
            if (field.contains(".") && value.isArray()) {
                String sub = field.substring(field.indexOf('.') + 1);
                ArrayNode kept = out.has(top) ? (ArrayNode) out.get(top) : out.putArray(top);
                int i = 0;
                for (Iterator<JsonNode> it = value.iterator(); it.hasNext(); i++) {
                    JsonNode item = it.next();
                    ObjectNode target = i < kept.size() ? (ObjectNode) kept.get(i) : kept.addObject();
                    if (item.has(sub)) {
                        target.set(sub, item.get(sub));
                    }
                }
            } else {
                out.set(top, value);
            }
        }
        return out;
    }

    private void pdf(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/pdf/".length());
        arxivRequests.add(id);
        if (!id.matches(".*v\\d+$") && pdfs.containsKey(id)) {
            exchange.getResponseHeaders().add("Location", "/pdf/" + id + "v2");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
            return;
        }
        byte[] pdf = pdfs.get(id.replaceFirst("v\\d+$", ""));
        if (pdf == null) {
            byte[] body = "<html>Article identifier not recognized</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/pdf");
        exchange.sendResponseHeaders(200, pdf.length);
        exchange.getResponseBody().write(pdf);
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

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        inspire.stop(0);
        arxiv.stop(0);
    }

    /** For tests that need the ids of what was read. */
    public List<String> controlNumbers() {
        List<String> out = new ArrayList<>();
        hits.forEach(h -> out.add(h.path("id").asString()));
        return out;
    }
}

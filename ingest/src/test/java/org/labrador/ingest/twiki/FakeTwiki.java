package org.labrador.ingest.twiki;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A TWiki served over HTTP from a {@code data/} tree, answering its view script as TWiki 4.2+ and
 * Foswiki do ({@code TWiki::UI::View}, {@code Foswiki::UI::View} in foswiki/distro): {@code ?raw=all}
 * gives the topic's store form, META lines included, as {@code text/plain}; {@code ?skin=text} on a
 * web's {@code WebTopicList} gives the rendered {@code %TOPICLIST%}, one link per topic of the web
 * (its own topics only, not its subwebs'), as HTML. A missing topic is a 404. With a password set,
 * requests without the right basic credentials get a 401, or, in {@link #loginPage} mode, the
 * login form with a 200, as a single sign-on site does.
 */
public final class FakeTwiki implements AutoCloseable {

    public final List<HttpExchangeRecord> requests = new CopyOnWriteArrayList<>();
    /** Topics answered with this status instead of their text, by path ({@code Atlas/TriggerMenuRun3}). */
    public final Map<String, Integer> failing = new ConcurrentHashMap<>();
    /** Topics answered with a redirect to this address instead of their text. */
    public final Map<String, String> redirects = new ConcurrentHashMap<>();
    public volatile String password;
    public volatile boolean loginPage;

    /** What the test wiki was asked. */
    public record HttpExchangeRecord(String path, String query, String authorization, String cookie) {
    }

    private final HttpServer server;
    private final Path data;

    public FakeTwiki(Path data) throws IOException {
        this.data = data;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/twiki/bin/view/", this::answer);
        server.start();
    }

    /** The view address, as a source's {@code url}. */
    public String viewUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/twiki/bin/view";
    }

    private void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        requests.add(new HttpExchangeRecord(uri.getPath(), uri.getQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Cookie")));
        String path = uri.getPath().substring("/twiki/bin/view/".length());
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        if (password != null && !("Basic " + java.util.Base64.getEncoder().encodeToString(
                ("indexer:" + password).getBytes(StandardCharsets.UTF_8))).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            if (loginPage) {
                send(exchange, 200, "text/html", "<html><body><form action=\"/twiki/bin/login\">"
                        + "<a href=\"/twiki/bin/view/Main/WebHome\">Main</a> Please log in</form></body></html>");
            } else {
                send(exchange, 401, "text/html", "<html>Authorization required</html>");
            }
            return;
        }
        if (failing.containsKey(path)) {
            send(exchange, failing.get(path), "text/html", "<html>Software error</html>");
            return;
        }
        if (redirects.containsKey(path)) {
            exchange.getResponseHeaders().add("Location", redirects.get(path));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        if (path.endsWith("/WebTopicList") && query.contains("skin=text")) {
            String web = path.substring(0, path.length() - "/WebTopicList".length());
            send(exchange, 200, "text/html; charset=iso-8859-1", topicList(web));
            return;
        }
        Path file = data.resolve(path + ".txt").normalize();
        if (!file.startsWith(data) || !Files.isRegularFile(file) || !query.contains("raw=all")) {
            send(exchange, 404, "text/html", "<html>The topic does not exist</html>");
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=iso-8859-1");
        byte[] body = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** The web's topics rendered as TWiki renders {@code %TOPICLIST{"   * [[$web.$name][$name]]"}%}. */
    private String topicList(String web) {
        StringBuilder html = new StringBuilder("<div class=\"patternTopic\"><ul>\n");
        try (Stream<Path> files = Files.list(data.resolve(web))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().forEach(n -> {
                String topic = n.substring(0, n.length() - 4);
                html.append("<li> <a href=\"/twiki/bin/view/").append(web).append('/').append(topic)
                        .append("\" class=\"twikiLink\">").append(topic).append("</a></li>\n");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The skin's own links, which are no topics of the web.
        html.append("</ul><a href=\"/twiki/bin/edit/").append(web).append("/WebTopicList\">Edit</a>")
                .append("<a href=\"https://twiki.example.org/twiki/bin/view/").append(web).append("/Elsewhere\">x</a>")
                .append("<a href=\"/twiki/bin/view/Main/WebHome\">Main</a></div>");
        return html.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
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

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A TWiki served over HTTP from a {@code data/} tree, answering its view script as TWiki 4.2+ and
 * Foswiki do ({@code TWiki::UI::View}, {@code Foswiki::UI::View} in foswiki/distro): {@code ?raw=all}
 * gives the topic's store form, META lines included, as {@code text/plain}; {@code ?skin=text} on a
 * web's {@code WebTopicList} gives the rendered {@code %TOPICLIST%}, one link per topic of the web
 * (its own topics only, not its subwebs'), as HTML; a web's {@code WebRss}, when the web has that
 * topic, gives the RSS 1.0 feed of {@code TWiki.WebRssBase} rendered by {@code view.rss.tmpl} as
 * {@code text/xml}: the web's topics newest first by their {@code TOPICINFO} date, at most
 * {@code limit} (default 16), each an {@code item} with its {@code dc:date} in ISO 8601, UTC.
 * A missing topic is a 404. With a password set,
 * requests without the right basic credentials get a 401, or, in {@link #loginPage} mode, the
 * login form with a 200, as a single sign-on site does.
 */
public final class FakeTwiki implements AutoCloseable {

    public final List<HttpExchangeRecord> requests = new CopyOnWriteArrayList<>();
    /** Topics answered with this status instead of their text, by path ({@code Atlas/TriggerMenuRun3}). */
    public final Map<String, Integer> failing = new ConcurrentHashMap<>();
    /** Topics answered with a redirect to this address instead of their text. */
    public final Map<String, String> redirects = new ConcurrentHashMap<>();
    /** Webs whose WebRss is customised to list this many topics whatever {@code limit} asks. */
    public final Map<String, Integer> feedLengths = new ConcurrentHashMap<>();
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
        if (path.endsWith("/WebRss") && Files.isRegularFile(data.resolve(path + ".txt"))) {
            String web = path.substring(0, path.length() - "/WebRss".length());
            Matcher limit = Pattern.compile("(?:^|&)limit=(\\d+)").matcher(query);
            int length = feedLengths.getOrDefault(web, limit.find() ? Integer.parseInt(limit.group(1)) : 16);
            send(exchange, 200, "text/xml; charset=iso-8859-1", rss(web, length));
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

    /**
     * The web's feed as {@code %SEARCH{".*" type="regex" order="modified" reverse="on" limit="…"}%}
     * renders it into {@code WebRssBase}'s format ({@code WebStatistics} excluded).
     */
    private String rss(String web, int limit) {
        String view = viewUrl();
        List<String[]> topics = new ArrayList<>(); // name, epoch seconds, author
        try (Stream<Path> files = Files.list(data.resolve(web))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".txt"))::iterator) {
                String topic = file.getFileName().toString().replaceFirst("\\.txt$", "");
                if (topic.equals("WebStatistics")) {
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                Matcher info = Pattern
                        .compile("%META:TOPICINFO\\{[^}]*?author=\"([^\"]*)\"[^}]*?date=\"(\\d+)\"").matcher(text);
                topics.add(info.find() ? new String[] {topic, info.group(2), info.group(1)}
                        : new String[] {topic, Long.toString(Files.getLastModifiedTime(file).toInstant().getEpochSecond()),
                                "UnknownUser"});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        topics.sort(Comparator.comparingLong((String[] t) -> Long.parseLong(t[1])).reversed());
        List<String[]> listed = topics.subList(0, Math.min(limit, topics.size()));
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>")
                .append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"")
                .append(" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns=\"http://purl.org/rss/1.0/\"")
                .append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wiki=\"http://purl.org/rss/1.0/modules/wiki/\" >\n")
                .append("<channel rdf:about=\"").append(view).append('/').append(web).append("\">\n")
                .append("  <title>TWiki's ").append(web).append(" web</title>\n")
                .append("  <link>").append(view).append('/').append(web).append("</link>\n")
                .append("  <description>The ").append(web).append(" web of TWiki.</description>\n")
                .append("<image rdf:resource=\"http://127.0.0.1/twiki/pub/TWiki/TWikiLogos/T-logo-140x40-t.gif\" />\n")
                .append("  <dc:language>en-us</dc:language>\n  <items>\n    <rdf:Seq>\n");
        for (String[] t : listed) {
            rss.append("      <rdf:li rdf:resource=\"").append(view).append('/').append(web).append('/').append(t[0]).append("\" />\n");
        }
        rss.append("    </rdf:Seq>\n  </items>\n</channel>\n");
        for (String[] t : listed) {
            String date = Instant.ofEpochSecond(Long.parseLong(t[1])).toString();
            rss.append("<item rdf:about=\"").append(view).append('/').append(web).append('/').append(t[0]).append("\">\n")
                    .append("  <title>").append(t[0]).append("</title>\n")
                    .append("  <link>").append(view).append('/').append(web).append('/').append(t[0]).append("</link>\n")
                    .append("  <description>The topic's first words (last changed by ").append(t[2]).append(")</description>\n")
                    .append("  <dc:date>").append(date).append("</dc:date>\n")
                    .append("  <dc:contributor>\n    <rdf:Description link=\"").append(view).append("?topic=Main.")
                    .append(t[2]).append("\">\n      <rdf:value>").append(t[2].toLowerCase(Locale.ROOT))
                    .append("</rdf:value>\n    </rdf:Description>\n  </dc:contributor>\n</item>\n");
        }
        return rss.append("</rdf:RDF>").toString();
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

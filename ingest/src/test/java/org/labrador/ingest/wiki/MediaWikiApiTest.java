package org.labrador.ingest.wiki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.SourceFile;

/**
 * The api.php client against a small wiki served in the test, answering in MediaWiki's documented
 * JSON ({@code formatversion=2}): listings cut into pages joined by {@code continue} objects, a
 * login with a login token and a session cookie, and the odd answers real wikis give (warnings,
 * continuation values that need encoding, hidden revisions, errors).
 */
class MediaWikiApiTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);
    /** The test wiki listens on 127.0.0.1, which an administrator must allow like any internal host. */
    private static final AddressPolicy LOCAL = AddressPolicy.allowing(List.of("127.0.0.1"));
    /** Pages per answer of the test wiki: small, so a listing takes several answers. */
    private static final int BATCH = 2;

    private final Map<String, String> pages = new TreeMap<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI api;
    private boolean requireLogin;
    private boolean repeatContinuation;

    @BeforeEach
    void startWiki() throws IOException {
        pages.put("Drift chamber", "== Gas ==\nArgon-ethane since March.\n== Calibration ==\nNightly <math>v_d</math> fits.");
        pages.put("Drift chamber/Run 2 & later", "Subpage with an ampersand in its title.");
        pages.put("Calorimeter", "The '''calorimeter''' has 4096 cells.");
        pages.put("Électronique", "Readout boards.");
        pages.put("Trigger", "Level-1 trigger at 40 MHz.");
        pages.put("Tracker", "#REDIRECT [[Drift chamber]]");
        pages.put("Help:Shifts", "== Booking ==\nBook shifts in the shift tool.");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/w/api.php", this::answer);
        server.start();
        api = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/w/api.php");
    }

    @AfterEach
    void stopWiki() {
        server.stop(0);
    }

    @Test
    void listsEveryPageAcrossContinuedAnswersInEachNamespace() throws IOException {
        MediaWikiApi wiki = new MediaWikiApi("det", api, Set.of(0, 12), null, 1_000_000, CHUNKER, LOCAL);

        List<String> listed = wiki.list();

        assertThat(listed).containsExactly("Calorimeter", "Drift_chamber", "Drift_chamber/Run_2_&_later", "Help:Shifts",
                "Trigger", "Électronique");
        long mainListings = requests.stream()
                .filter(r -> "allpages".equals(r.get("list")) && "0".equals(r.get("apnamespace"))).count();
        assertThat(mainListings).as("answers needed for 5 main-namespace pages, 2 at a time").isEqualTo(3);
        assertThat(requests).allMatch(r -> "json".equals(r.get("format")) && "2".equals(r.get("formatversion")));
    }

    @Test
    void readsTheLatestRevisionIntoSectionsWithAnchors() {
        MediaWikiApi wiki = new MediaWikiApi("det", api, MediaWikiExport.DEFAULT_NAMESPACES, null, 1_000_000, CHUNKER, LOCAL);

        SourceFile page = wiki.read("Drift_chamber");

        assertThat(page.document().title()).isEqualTo("Drift chamber");
        assertThat(page.modified()).isEqualTo("2024-03-02T10:00:00Z");
        Passage calibration = page.document().passages().stream()
                .filter(p -> p.headings().equals(List.of("Calibration"))).findFirst().orElseThrow();
        assertThat(calibration.text()).contains("Nightly $v_d$ fits.");
        assertThat(wiki.anchor(calibration)).isEqualTo("Calibration");
        assertThat(wiki.read("Drift_chamber/Run_2_&_later").document().passages().getFirst().text())
                .contains("ampersand");
    }

    @Test
    void missingRedirectHiddenAndOversizedPagesAreSkippedWithTheirReason() {
        MediaWikiApi wiki = new MediaWikiApi("det", api, Set.of(0), null, 30, CHUNKER, LOCAL);

        assertThat(wiki.read("No_such_page").skipReason()).isEqualTo("no such page on the wiki");
        assertThat(wiki.read("Tracker").skipReason()).isEqualTo("redirect");
        assertThat(wiki.read("Hidden").skipReason()).isEqualTo("the page's text is hidden or not readable");
        assertThat(wiki.read("Drift_chamber").skipReason()).startsWith("page text is ").endsWith("over the limit of 30");
    }

    @Test
    void logsInWithABotPasswordBeforeReading() throws IOException {
        requireLogin = true;
        MediaWikiApi anonymous = new MediaWikiApi("det", api, Set.of(0), null, 1_000_000, CHUNKER, LOCAL);
        assertThatThrownBy(anonymous::list).isInstanceOf(IOException.class).hasMessageContaining("readapidenied");

        MediaWikiApi bot = new MediaWikiApi("det", api, Set.of(0), new MediaWikiApi.BotLogin("Indexer@labrador", "s3cret"),
                1_000_000, CHUNKER, LOCAL);

        assertThat(bot.list()).contains("Drift_chamber");
        assertThat(bot.read("Calorimeter").isSkipped()).isFalse();
        assertThat(requests).anyMatch(r -> "login".equals(r.get("action")) && "token-123+\\".equals(r.get("lgtoken")));
        MediaWikiApi wrong = new MediaWikiApi("det", api, Set.of(0), new MediaWikiApi.BotLogin("Indexer@labrador", "nope"),
                1_000_000, CHUNKER, LOCAL);
        assertThatThrownBy(wrong::list).hasMessageContaining("login as Indexer@labrador failed: Failed");
    }

    @Test
    void recentChangesAreFollowedAcrossContinuations() throws IOException {
        MediaWikiApi wiki = new MediaWikiApi("det", api, Set.of(0), null, 1_000_000, CHUNKER, LOCAL);

        Set<String> changed = wiki.changedSince(Instant.parse("2024-03-01T00:00:00Z"));

        assertThat(changed).containsExactlyInAnyOrder("Drift_chamber", "Calorimeter", "Trigger");
        assertThat(requests).filteredOn(r -> "recentchanges".equals(r.get("list")))
                .allMatch(r -> "2024-03-01T00:00:00Z".equals(r.get("rcend")) && "0".equals(r.get("rcnamespace")))
                .hasSize(2);
    }

    @Test
    void aSyncAsksOnlyForPagesChangedSinceTheLastOne() {
        MediaWikiApi wiki = new MediaWikiApi("det", api, Set.of(0), null, 1_000_000, CHUNKER, LOCAL);
        Instant lastSync = Instant.parse(wiki.update()).minus(java.time.Duration.ofDays(1));

        assertThat(wiki.changedSince(lastSync.toString())).get(org.assertj.core.api.InstanceOfAssertFactories.collection(String.class))
                .containsExactlyInAnyOrder("Drift_chamber", "Calorimeter", "Trigger");
        assertThat(requests).filteredOn(r -> "recentchanges".equals(r.get("list")))
                .allMatch(r -> Instant.parse(r.get("rcend")).isBefore(lastSync), "asked from a little before the last sync");
        // Older than the wiki's recent changes can be trusted, or unreadable: compare every page.
        assertThat(wiki.changedSince("2024-03-01T00:00:00Z")).isEmpty();
        assertThat(wiki.changedSince("not a time")).isEmpty();
    }

    @Test
    void aWikiRepeatingItsContinuationDoesNotLoopForever() {
        repeatContinuation = true;
        MediaWikiApi wiki = new MediaWikiApi("det", api, Set.of(0), null, 1_000_000, CHUNKER, LOCAL);

        assertThatThrownBy(wiki::list).hasMessageContaining("repeated the continuation");
    }

    @Test
    void aUrlThatIsNotTheApiFailsWithoutQuotingTheServer() {
        MediaWikiApi wiki = new MediaWikiApi("det", URI.create(api.toString().replace("api.php", "index.php")),
                Set.of(0), null, 1_000_000, CHUNKER, LOCAL);

        assertThatThrownBy(wiki::list).isInstanceOf(IOException.class)
                .hasMessageStartingWith("could not read the wiki at " + api.toString().replace("api.php", "index.php"))
                // The server's status is not quoted (the address's port may hold the digits 404: 40445).
                .hasMessageNotContainingAny("HTTP 404", "404 Not Found", "Not Found")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\b404\\b"));
    }

    @Test
    void aWikiOnAnInternalAddressIsNotAskedUnlessAllowed() {
        MediaWikiApi wiki = new MediaWikiApi("det", api, Set.of(0), null, 1_000_000, CHUNKER);

        assertThatThrownBy(wiki::list).isInstanceOf(IOException.class).hasMessageStartingWith("could not read the wiki at");
        assertThat(requests).isEmpty();
    }

    @Test
    void anOpenAndAClosedPortLookAlike() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] banner = "SSH-2.0-OpenSSH_9.6 internal banner".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, banner.length);
            exchange.getResponseBody().write(banner);
            exchange.close();
        });
        other.start();
        int open = other.getAddress().getPort();
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = probe.getLocalPort();
        }
        try {
            String openMessage = failure(new MediaWikiApi("det", URI.create("http://127.0.0.1:" + open + "/api.php"),
                    Set.of(0), null, 1_000_000, CHUNKER, LOCAL));
            String closedMessage = failure(new MediaWikiApi("det", URI.create("http://127.0.0.1:" + closed + "/api.php"),
                    Set.of(0), null, 1_000_000, CHUNKER, LOCAL));
            assertThat(openMessage.replace(":" + open, ":PORT")).isEqualTo(closedMessage.replace(":" + closed, ":PORT"))
                    .doesNotContain("SSH").doesNotContain("500");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aRedirectToAnInternalAddressIsNotFollowed() throws IOException {
        List<String> internalHits = new CopyOnWriteArrayList<>();
        HttpServer internal = HttpServer.create(new InetSocketAddress(0), 0); // every interface, ::1 included
        internal.createContext("/", exchange -> {
            internalHits.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        internal.start();
        server.createContext("/moved/api.php", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://[::1]:" + internal.getAddress().getPort() + "/metadata");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        try {
            MediaWikiApi wiki = new MediaWikiApi("det", URI.create(api.toString().replace("/w/", "/moved/")),
                    Set.of(0), null, 1_000_000, CHUNKER, LOCAL);
            assertThatThrownBy(wiki::list).hasMessageStartingWith("could not read the wiki at");
            assertThat(internalHits).isEmpty();
        } finally {
            internal.stop(0);
        }
    }

    @Test
    void aRedirectToAnAllowedAddressIsFollowed() throws IOException {
        server.createContext("/old/api.php", exchange -> {
            exchange.getResponseHeaders().add("Location", api + "?" + exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        MediaWikiApi wiki = new MediaWikiApi("det", URI.create(api.toString().replace("/w/", "/old/")),
                Set.of(0), null, 1_000_000, CHUNKER, LOCAL);
        assertThat(wiki.list()).contains("Calorimeter");
    }

    private static String failure(MediaWikiApi wiki) {
        try {
            wiki.list();
        } catch (IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the wiki to be unreadable");
    }

    // ---- the test wiki -------------------------------------------------------------------------

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> params = decode(exchange.getRequestURI().getRawQuery());
        if ("POST".equals(exchange.getRequestMethod())) {
            params.putAll(decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        }
        requests.add(params);
        boolean session = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")).contains("wikiSession=ok");
        String body;
        if ("login".equals(params.get("action"))) {
            boolean ok = "token-123+\\".equals(params.get("lgtoken")) && "s3cret".equals(params.get("lgpassword"));
            if (ok) {
                exchange.getResponseHeaders().add("Set-Cookie", "wikiSession=ok; Path=/; HttpOnly");
            }
            body = ok ? "{\"login\":{\"result\":\"Success\",\"lguserid\":5,\"lgusername\":\"Indexer\"}}"
                    : "{\"login\":{\"result\":\"Failed\",\"reason\":\"Incorrect username or password entered.\"}}";
        } else if ("tokens".equals(params.get("meta"))) {
            body = "{\"batchcomplete\":true,\"query\":{\"tokens\":{\"logintoken\":\"token-123+\\\\\"}}}";
        } else if (requireLogin && !session) {
            body = "{\"error\":{\"code\":\"readapidenied\",\"info\":\"You need read permission to use this module.\"},"
                    + "\"servedby\":\"mw-test\"}";
        } else if ("allpages".equals(params.get("list"))) {
            body = allPages(params);
        } else if ("recentchanges".equals(params.get("list"))) {
            body = recentChanges(params);
        } else if ("revisions".equals(params.get("prop"))) {
            body = revisions(params.get("titles"));
        } else {
            body = "{\"error\":{\"code\":\"badvalue\",\"info\":\"Unrecognized value.\"}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** {@code list=allpages}: titles after {@code apcontinue}, {@value #BATCH} at a time, redirects filtered. */
    private String allPages(Map<String, String> params) {
        int namespace = Integer.parseInt(params.get("apnamespace"));
        List<String> titles = new ArrayList<>();
        for (String title : pages.keySet()) {
            boolean inNamespace = namespace == 12 ? title.startsWith("Help:") : !title.contains(":");
            boolean redirect = pages.get(title).startsWith("#REDIRECT");
            if (inNamespace && !(redirect && "nonredirects".equals(params.get("apfilterredir")))) {
                titles.add(title);
            }
        }
        // MediaWiki continues from a title (spaces as underscores), which may hold & and / and accents.
        String from = params.getOrDefault("apcontinue", "");
        List<String> after = titles.stream().filter(t -> t.replace(' ', '_').compareTo(from) >= 0).toList();
        List<String> batch = after.subList(0, Math.min(BATCH, after.size()));
        StringBuilder json = new StringBuilder("{\"warnings\":{\"main\":{\"warnings\":\"Unrecognized parameter: x.\"}},");
        if (after.size() > BATCH || repeatContinuation) {
            String next = repeatContinuation ? "Calorimeter" : after.get(BATCH).replace(' ', '_');
            json.append("\"continue\":{\"apcontinue\":").append(quote(next)).append(",\"continue\":\"-||\"},");
        } else {
            json.append("\"batchcomplete\":true,");
        }
        json.append("\"query\":{\"allpages\":[");
        for (int i = 0; i < batch.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"pageid\":").append(100 + i).append(",\"ns\":").append(namespace)
                    .append(",\"title\":").append(quote(batch.get(i))).append('}');
        }
        return json.append("]}}").toString();
    }

    private String recentChanges(Map<String, String> params) {
        if (!params.containsKey("rccontinue")) {
            return "{\"continue\":{\"rccontinue\":\"20240301120000|4711\",\"continue\":\"-||\"},\"query\":{\"recentchanges\":["
                    + "{\"type\":\"edit\",\"ns\":0,\"title\":\"Drift chamber\",\"pageid\":7,\"revid\":120,\"timestamp\":\"2024-03-02T10:00:00Z\"},"
                    + "{\"type\":\"new\",\"ns\":0,\"title\":\"Calorimeter\",\"pageid\":8,\"revid\":121,\"timestamp\":\"2024-03-02T09:00:00Z\"}]}}";
        }
        return "{\"batchcomplete\":true,\"query\":{\"recentchanges\":["
                + "{\"type\":\"edit\",\"ns\":0,\"title\":\"Trigger\",\"pageid\":9,\"revid\":119,\"timestamp\":\"2024-03-01T12:00:00Z\"},"
                + "{\"type\":\"edit\",\"ns\":0,\"title\":\"Drift chamber\",\"pageid\":7,\"revid\":118,\"timestamp\":\"2024-03-01T11:00:00Z\"}]}}";
    }

    private String revisions(String title) {
        if (title.equals("Hidden")) {
            return "{\"batchcomplete\":true,\"query\":{\"pages\":[{\"pageid\":12,\"ns\":0,\"title\":\"Hidden\",\"revisions\":"
                    + "[{\"revid\":5,\"parentid\":4,\"timestamp\":\"2024-01-01T00:00:00Z\",\"slots\":{\"main\":"
                    + "{\"contentmodel\":\"wikitext\",\"contentformat\":\"text/x-wiki\",\"texthidden\":true}}}]}]}}";
        }
        String text = pages.get(title);
        if (text == null) {
            return "{\"batchcomplete\":true,\"query\":{\"pages\":[{\"ns\":0,\"title\":" + quote(title) + ",\"missing\":true}]}}";
        }
        return "{\"batchcomplete\":true,\"query\":{\"normalized\":[],\"pages\":[{\"pageid\":7,\"ns\":0,\"title\":" + quote(title)
                + ",\"revisions\":[{\"revid\":120,\"parentid\":101,\"timestamp\":\"2024-03-02T10:00:00Z\",\"slots\":{\"main\":"
                + "{\"contentmodel\":\"wikitext\",\"contentformat\":\"text/x-wiki\",\"content\":" + quote(text) + "}}}]}]}}";
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

package org.labrador.ingest.wiki;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.VersionedSource;
import org.labrador.models.BoundedHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A source of kind {@code mediawiki}: a live MediaWiki read through its {@code api.php} (JSON,
 * {@code formatversion=2}).
 *
 * <p>{@link #list()} walks {@code list=allpages} (redirects left out) in each chosen namespace,
 * following the {@code continue} object of every answer until there is none, so a wiki of any
 * size is listed whole. {@link #read} fetches the latest revision's main slot with its timestamp
 * ({@code prop=revisions&rvprop=content|timestamp|ids&rvslots=main}) and cuts it like
 * {@link MediaWikiExport} does; paths, titles, passages and {@link #anchor anchors} are the same as
 * for an export of the same wiki. {@link #changedSince} lists the pages edited, created or moved
 * since a time ({@code list=recentchanges}), for a sync that need not re-read the whole wiki.
 *
 * <p>With a bot password (Special:BotPasswords) the source logs in first ({@code action=login}
 * with a login token; the session cookie is kept); without one it reads as an anonymous visitor.
 * API errors ({@code "error": {…}}) fail {@link #list()} with the wiki's own message, and skip a
 * page in {@link #read}.
 *
 * <p>Every request, and every redirect followed, goes only where the {@link AddressPolicy} allows.
 * A wiki that cannot be read (address refused, connection refused, timeout, an HTTP error, an
 * answer that is not JSON) fails with one message whatever the reason, so that callers learn
 * nothing of internal hosts and ports; the reason goes to the server log.
 */
public final class MediaWikiApi implements VersionedSource {

    /** A bot password: the login name ("User@bot") and the generated password. */
    public record BotLogin(String name, String password) {

        @Override
        public String toString() {
            return "BotLogin[" + name + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MediaWikiApi.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final int MAX_REDIRECTS = 5;
    private static final String USER_AGENT = "Labrador/0.1 (knowledge indexer)";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PAGE_LIMIT = 500;
    private static final Duration RECENT_CHANGES_TRUSTED = Duration.ofDays(30);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final String name;
    private final URI api;
    private final Set<Integer> namespaces;
    private final BotLogin login;
    private final long maxPageBytes;
    private final DocumentChunker chunker;
    private final HttpClient http;
    private final AddressPolicy policy;
    private boolean loggedIn;

    /**
     * @param name         the source's name
     * @param api          the wiki's api.php URL, such as {@code https://wiki.example.org/w/api.php}
     * @param namespaces   the namespace numbers to index (see {@link MediaWikiExport#DEFAULT_NAMESPACES})
     * @param login        a bot password, or null to read anonymously
     * @param maxPageBytes pages whose text is larger (UTF-8 bytes) are skipped
     * @param chunker      cuts each page into passages
     */
    public MediaWikiApi(String name, URI api, Set<Integer> namespaces, BotLogin login, long maxPageBytes,
            DocumentChunker chunker) {
        this(name, api, namespaces, login, maxPageBytes, chunker, AddressPolicy.blockingInternal());
    }

    /**
     * A wiki read through its API, from the hosts {@code policy} allows only.
     *
     * @param policy checked before every request and every redirect
     */
    public MediaWikiApi(String name, URI api, Set<Integer> namespaces, BotLogin login, long maxPageBytes,
            DocumentChunker chunker, AddressPolicy policy) {
        this.name = name;
        this.policy = policy;
        this.api = api;
        this.namespaces = new TreeSet<>(namespaces);
        this.login = login;
        this.maxPageBytes = maxPageBytes;
        this.chunker = chunker;
        // Redirects are followed by hand, so that each target is checked against the policy.
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> list() throws IOException {
        Set<String> paths = new TreeSet<>();
        for (int namespace : namespaces) {
            Map<String, String> params = query("list", "allpages", "apnamespace", Integer.toString(namespace),
                    "apfilterredir", "nonredirects", "aplimit", Integer.toString(PAGE_LIMIT));
            for (JsonNode answer : continued(params)) {
                for (JsonNode page : answer.path("query").path("allpages")) {
                    paths.add(WikiPage.pathOf(page.path("title").asString()));
                }
            }
        }
        return List.copyOf(paths);
    }

    @Override
    public SourceFile read(String path) {
        WikiPage page;
        try {
            page = page(path);
        } catch (IOException e) {
            return SourceFile.skipped(path, "cannot read from the wiki: " + e.getMessage());
        }
        if (page == null) {
            return SourceFile.skipped(path, "no such page on the wiki");
        }
        return page.toSourceFile(path, chunker);
    }

    /** The latest revision of a page, or null when the wiki has no such page. */
    public WikiPage page(String path) throws IOException {
        String title = path.replace('_', ' ');
        JsonNode answer = get(query("prop", "revisions", "titles", title, "rvprop", "content|timestamp|ids",
                "rvslots", "main"));
        JsonNode page = answer.path("query").path("pages").path(0);
        if (page.isMissingNode() || page.path("missing").asBoolean(false) || page.path("invalid").asBoolean(false)) {
            return null;
        }
        JsonNode revision = page.path("revisions").path(0);
        JsonNode main = revision.path("slots").path("main");
        if (main.path("texthidden").asBoolean(false) || !main.has("content")) {
            return new WikiPage(page.path("title").asString(title), page.path("ns").asInt(), revision.path("revid").asLong(),
                    revision.path("timestamp").asString(""), null, "the page's text is hidden or not readable");
        }
        String content = main.path("content").asString();
        long bytes = content.getBytes(StandardCharsets.UTF_8).length;
        return bytes > maxPageBytes
                ? new WikiPage(page.path("title").asString(title), page.path("ns").asInt(), revision.path("revid").asLong(),
                        revision.path("timestamp").asString(""), null,
                        "page text is " + bytes + " bytes, over the limit of " + maxPageBytes)
                : new WikiPage(page.path("title").asString(title), page.path("ns").asInt(), revision.path("revid").asLong(),
                        revision.path("timestamp").asString(""), content, null);
    }

    /**
     * The sync's revision of a live wiki is the time it started: the next sync asks the wiki's
     * recent changes since then and reads only those pages (the listing still finds deleted ones).
     */
    @Override
    public String update() {
        return Instant.now().toString();
    }

    /**
     * Pages changed since a revision written by {@link #update()}, or empty (compare every page) when
     * that revision is too old for the wiki's recent changes, which MediaWiki keeps for 90 days by
     * default, or cannot be read. Asks from a little earlier than the revision, so that a wiki whose
     * clock runs behind Labrador's loses no edit.
     */
    @Override
    public Optional<Set<String>> changedSince(String revision) {
        Instant since;
        try {
            since = Instant.parse(revision);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (since.isBefore(Instant.now().minus(RECENT_CHANGES_TRUSTED))) {
            return Optional.empty();
        }
        try {
            return Optional.of(changedSince(since.minus(CLOCK_SKEW)));
        } catch (IOException e) {
            return Optional.empty(); // the sync then compares every page: slower, never wrong
        }
    }

    /** The paths of pages of the chosen namespaces edited, created or moved since {@code since}. */
    public Set<String> changedSince(Instant since) throws IOException {
        Map<String, String> params = query("list", "recentchanges", "rcend", since.toString(), "rcdir", "older",
                "rcprop", "title|timestamp|ids", "rctype", "edit|new|log", "rclimit", Integer.toString(PAGE_LIMIT),
                "rcnamespace", namespaces.stream().map(String::valueOf).collect(Collectors.joining("|")));
        Set<String> changed = new TreeSet<>();
        for (JsonNode answer : continued(params)) {
            for (JsonNode change : answer.path("query").path("recentchanges")) {
                changed.add(WikiPage.pathOf(change.path("title").asString()));
            }
        }
        return changed;
    }

    @Override
    public String anchor(Passage passage) {
        return SectionAnchors.mediaWiki(passage);
    }

    /** Every answer of a listing, following {@code continue} until the wiki sends none. */
    private List<JsonNode> continued(Map<String, String> params) throws IOException {
        List<JsonNode> answers = new ArrayList<>();
        Map<String, String> next = new LinkedHashMap<>(params);
        next.put("continue", "");
        Set<String> seen = new HashSet<>();
        while (true) {
            JsonNode answer = get(next);
            answers.add(answer);
            JsonNode more = answer.path("continue");
            if (!more.isObject() || more.isEmpty()) {
                return answers;
            }
            // A wiki that hands back the same token would make this loop forever.
            if (!seen.add(more.toString())) {
                throw new IOException("the wiki repeated the continuation " + more + "; listing stopped");
            }
            next = new LinkedHashMap<>(params);
            for (Map.Entry<String, JsonNode> field : more.properties()) {
                next.put(field.getKey(), field.getValue().asString());
            }
        }
    }

    private static Map<String, String> query(String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "query");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    private JsonNode get(Map<String, String> params) throws IOException {
        logIn();
        return send(request(api + "?" + form(withFormat(params))).GET());
    }

    private synchronized void logIn() throws IOException {
        if (login == null || loggedIn) {
            return;
        }
        JsonNode tokens = send(request(api + "?" + form(withFormat(query("meta", "tokens", "type", "login")))).GET());
        String token = tokens.path("query").path("tokens").path("logintoken").asString("");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "login");
        params.put("lgname", login.name());
        params.put("lgpassword", login.password());
        params.put("lgtoken", token);
        JsonNode answer = send(request(api.toString())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(withFormat(params)))));
        String result = answer.path("login").path("result").asString("");
        if (!result.equals("Success")) {
            throw new IOException("login as " + login.name() + " failed: " + result + " "
                    + answer.path("login").path("reason").asString(""));
        }
        loggedIn = true;
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        Answer response;
        try {
            response = exchange(request.timeout(TIMEOUT).header("User-Agent", USER_AGENT).build());
        } catch (IOException e) {
            throw unreadable(e.toString(), e);
        }
        if (response.status() != 200) {
            throw unreadable("HTTP " + response.status(), null);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (tools.jackson.core.JacksonException e) {
            throw unreadable("the answer is not JSON", e);
        }
        if (answer == null || !answer.isObject()) {
            throw unreadable("the answer is not a JSON object", null);
        }
        if (answer.has("error")) {
            JsonNode error = answer.path("error");
            throw new IOException("the wiki refused: " + error.path("code").asString() + ": " + error.path("info").asString());
        }
        return answer;
    }

    /** A request to an address of the wiki; one the HTTP client cannot use is an unreadable wiki like any other. */
    private HttpRequest.Builder request(String uri) throws IOException {
        try {
            return HttpRequest.newBuilder(URI.create(uri));
        } catch (IllegalArgumentException e) {
            throw unreadable("not a usable URL: " + e.getMessage(), e);
        }
    }

    /** An API answer: its status and its body. */
    private record Answer(int status, String body) {}

    /**
     * Sends a request, following up to {@value #MAX_REDIRECTS} redirects of a GET, each target checked first, and
     * reads the answer: at most {@link #maxAnswerBytes} (a page of the largest size allowed, with room for the
     * JSON around it; a listing of {@value #PAGE_LIMIT} titles is far less), and no pause of {@link #TIMEOUT}
     * without a byte, so that a server that stalls or floods cannot hold or fill the sync.
     */
    private Answer exchange(HttpRequest request) throws IOException {
        HttpRequest next = request;
        for (int hop = 0; ; hop++) {
            policy.check(next.uri(), SCHEMES);
            HttpResponse<InputStream> response;
            try {
                response = http.send(next, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            Optional<String> location = response.headers().firstValue("Location");
            boolean redirect = switch (response.statusCode()) {
                case 301, 302, 303, 307, 308 -> true;
                default -> false;
            };
            if (redirect && location.isPresent() && next.method().equals("GET") && hop < MAX_REDIRECTS) {
                try {
                    HttpRequest target = HttpRequest.newBuilder(next.uri().resolve(location.get())).timeout(TIMEOUT)
                            .header("User-Agent", USER_AGENT).GET().build();
                    response.body().close();
                    next = target;
                    continue;
                } catch (IllegalArgumentException e) {
                    // a Location that is no usable URL: the redirect is the (unusable) answer
                }
            }
            byte[] body = BoundedHttp.readWhileFlowing(response.body(), TIMEOUT, maxAnswerBytes());
            return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8));
        }
    }

    private long maxAnswerBytes() {
        return Math.min(Integer.MAX_VALUE - 8, 4 * maxPageBytes + 16_000_000L);
    }

    /**
     * The one message for a wiki that cannot be read, whatever the reason: a refused address, a
     * closed port and an internal web server that is no wiki must look alike to the caller.
     */
    private IOException unreadable(String detail, Throwable cause) {
        log.warn("Wiki source '{}': reading {} failed: {}", name, shownApi(), detail);
        return new IOException("could not read the wiki at " + shownApi() + "; check that it is the wiki's api.php"
                + " address (a host on an internal network must be allowed by an administrator)", cause);
    }

    /** The API address without any user information, which may hold a password. */
    private String shownApi() {
        return api.toString().replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }

    private static Map<String, String> withFormat(Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>(params);
        out.put("format", "json");
        out.put("formatversion", "2");
        return out;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}

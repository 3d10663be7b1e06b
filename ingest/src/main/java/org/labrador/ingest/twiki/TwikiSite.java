package org.labrador.ingest.twiki;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.kind.ConnectionCheck;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.net.SourceHttpClient;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.VersionedSource;

/**
 * A source of kind {@code twiki} read from a live TWiki (4.2 or later) or Foswiki over its view
 * script, the one interface both have in common:
 *
 * <ul>
 *   <li>the topics of a web are the links of its {@code WebTopicList} topic viewed with
 *       {@code ?skin=text} (the rendered {@code %TOPICLIST%}, which every web has). Foswiki's
 *       {@code bin/rest} serves only the handlers of installed plugins, none of which lists topics
 *       in a stock installation, so it is not used;</li>
 *   <li>a topic is read with {@code ?raw=all}: its store form as plain text, {@code %META%} lines
 *       included, exactly as in the {@code data/} folder ({@code raw=text} would lose the
 *       revision date).</li>
 * </ul>
 *
 * <p>Incremental: a sync asks each web's {@code WebRss} feed (see {@link TwikiChanges}) for the
 * topics changed since the last sync and reads only those, and the topics new to the index; the
 * topic lists are still read in full, so deleted and moved topics leave the index. A web whose
 * feed cannot tell (no WebRss topic, no topic in the feed older than the last sync) has every one
 * of its topics compared, as without a feed; the other webs keep their feeds' answers. A topic
 * changed without a new revision (its file edited on the server's disk) is in no feed, so it is
 * not compared until its web's feed cannot tell or every topic is compared (a rebuilt index).
 *
 * <p>Credentials come from the secret that {@code token-env} names: {@code user:password} for HTTP
 * basic authentication (the usual Apache set-up), {@code cookie:NAME=VALUE; …} for a session
 * cookie (a single sign-on site), {@code bearer:TOKEN} for a token. A web whose listing is refused
 * or empty (every web has a WebHome; an empty list is a login page) fails the listing, so nothing
 * already indexed is deleted; a topic that cannot be read is skipped with the reason and keeps its
 * passages.
 */
public final class TwikiSite implements VersionedSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MAX_LISTING_BYTES = 32L << 20;
    /**
     * How far the wiki's clock may be behind this server's. A sync records its start in this
     * server's time; a topic saved just after it is dated by the wiki's clock, which, if behind,
     * dates it before that start. The next sync asks for the changes since this much earlier.
     */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final TwikiSettings settings;
    private final Supplier<String> secret;
    private final DocumentChunker chunker;
    private final SourceHttpClient http;
    private final URI view;

    /**
     * @param secret  gives the value of the secret {@code token-env} names (read at each request, so a
     *                rotated one is used at once); null or giving null: read as a guest
     * @param policy  the hosts the wiki may be on
     */
    public TwikiSite(TwikiSettings settings, Supplier<String> secret, AddressPolicy policy, DocumentChunker chunker) {
        if (!settings.live()) {
            throw new IllegalArgumentException("twiki source '" + settings.name() + "' has no url");
        }
        this.settings = settings;
        this.secret = secret == null ? () -> null : secret;
        this.chunker = chunker;
        this.view = settings.viewUrl();
        this.http = new SourceHttpClient("the wiki at " + view, policy, TIMEOUT, Duration.ZERO);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public List<String> list() throws IOException {
        Set<String> topics = new TreeSet<>();
        for (String web : settings.webs()) {
            topics.addAll(listWeb(web));
        }
        return List.copyOf(topics);
    }

    /** The topics of one web, {@code Web/Topic}, from its topic list; fails when none is listed. */
    private Set<String> listWeb(String web) throws IOException {
        Set<String> topics = new TreeSet<>();
        URI listing = URI.create(view + "/" + web + "/WebTopicList?skin=text");
        SourceHttpClient.Answer answer = http.get(listing, credentials(), MAX_LISTING_BYTES);
        if (answer.status() == 401 || answer.status() == 403) {
            throw new IOException("the wiki refused to list web " + web + " (HTTP " + answer.status()
                    + "): check the credentials in " + tokenName());
        }
        if (!answer.ok()) {
            throw new IOException("the wiki answered HTTP " + answer.status() + " for the topic list of web " + web);
        }
        String prefix = view.getRawPath() + "/" + web + "/";
        for (Element link : Jsoup.parse(text(answer), answer.uri().toString()).select("a[href]")) {
            URI target;
            try {
                target = URI.create(link.absUrl("href"));
            } catch (IllegalArgumentException e) {
                continue;
            }
            String targetPath = target.getRawPath();
            if (targetPath == null || !SourceHttpClient.sameOrigin(view, target) || !targetPath.startsWith(prefix)) {
                continue;
            }
            String topic = targetPath.substring(prefix.length());
            if (TwikiDataFolder.isTopicName(topic) && !TwikiDataFolder.isMachinery(topic)) {
                topics.add(web + "/" + topic);
            }
        }
        if (topics.isEmpty()) {
            throw new IOException("no topics listed for web " + web + ": check the web's name, and the credentials"
                    + " in " + tokenName() + " (a login page lists none)");
        }
        return topics;
    }

    /** The time the sync starts: the next one asks for the topics changed since. */
    @Override
    public String update() {
        return Instant.now().toString();
    }

    /**
     * The topics changed since the revision (a time) by each web's feed; every topic of a web whose
     * feed cannot tell (so they are all compared); empty, so that every topic is compared, when a
     * web cannot be read.
     */
    @Override
    public Optional<Set<String>> changedSince(String revision) {
        Instant since;
        try {
            since = Instant.parse(revision).minus(CLOCK_SKEW);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Set<String> changed = new TreeSet<>();
        for (String web : settings.webs()) {
            URI feed = URI.create(view + "/" + web + "/WebRss?skin=rss&limit=" + TwikiChanges.LIMIT);
            try {
                SourceHttpClient.Answer answer = http.get(feed, credentials(), MAX_LISTING_BYTES);
                Optional<Set<String>> inWeb = answer.ok()
                        ? TwikiChanges.since(text(answer), view.getRawPath(), web, since) : Optional.empty();
                changed.addAll(inWeb.isPresent() ? inWeb.get() : listWeb(web));
            } catch (IOException e) {
                return Optional.empty(); // the listing fails again in list(), with its message
            }
        }
        return Optional.of(changed);
    }

    @Override
    public SourceFile read(String path) {
        int slash = path.lastIndexOf('/');
        // Only a topic of a chosen web: no '..' or other segment that a server might resolve elsewhere.
        if (slash <= 0 || !path.matches("[A-Za-z0-9_]+(/[A-Za-z0-9_]+)+")
                || !TwikiDataFolder.isTopicName(path.substring(slash + 1))
                || settings.webs().stream().noneMatch(w -> path.startsWith(w + "/"))) {
            return SourceFile.skipped(path, "not a topic of this source's webs");
        }
        SourceHttpClient.Answer answer;
        try {
            answer = http.get(URI.create(view + "/" + path + "?raw=all"), credentials(), settings.maxTopicBytes());
        } catch (SourceHttpClient.TooLarge e) {
            return SourceFile.skipped(path, "topic is over the limit of " + settings.maxTopicBytes() + " bytes");
        } catch (IOException e) {
            return SourceFile.skipped(path, "cannot read from the wiki: " + e.getMessage());
        }
        switch (answer.status()) {
            case 200 -> {
                // A login or error page comes back as HTML; the raw view is plain text.
                String type = answer.header("Content-Type").orElse("text/plain").toLowerCase(Locale.ROOT);
                if (type.startsWith("text/html")) {
                    return SourceFile.skipped(path, "the wiki answered with a web page instead of the topic's text"
                            + " (a login page? check the credentials in " + tokenName() + ")");
                }
                String text = text(answer);
                TwikiTopic topic = TwikiTopic.parse(path.substring(0, slash), path.substring(slash + 1), text);
                return topic.toSourceFile(text, chunker);
            }
            case 404 -> {
                return SourceFile.skipped(path, "no such topic on the wiki");
            }
            case 401, 403 -> {
                return SourceFile.skipped(path, "the wiki refused access (HTTP " + answer.status() + ")");
            }
            default -> {
                return SourceFile.skipped(path, "the wiki answered HTTP " + answer.status());
            }
        }
    }

    @Override
    public String anchor(Passage passage) {
        return TwikiAnchors.of(passage, settings.foswiki());
    }

    /** Lists the chosen webs: "OK, 42 topics in 3 webs", or why they cannot be listed. */
    public String testConnection() throws IOException {
        return connectionCheck().message();
    }

    /** {@link #testConnection()} with the number of topics a sync would read. */
    public ConnectionCheck connectionCheck() throws IOException {
        List<String> topics = list();
        int webs = settings.webs().size();
        return new ConnectionCheck(topics.size(), "OK, " + topics.size() + " topic" + (topics.size() == 1 ? "" : "s")
                + " in " + webs + " web" + (webs == 1 ? "" : "s"));
    }

    /** The request headers a secret stands for: basic authentication, a cookie or a bearer token. */
    static Map<String, String> headersFor(String secret) {
        if (secret == null || secret.isBlank()) {
            return Map.of();
        }
        String value = secret.strip();
        if (value.regionMatches(true, 0, "cookie:", 0, 7)) {
            return Map.of("Cookie", value.substring(7).strip());
        }
        if (value.regionMatches(true, 0, "bearer:", 0, 7)) {
            return Map.of("Authorization", "Bearer " + value.substring(7).strip());
        }
        if (!value.contains(":")) {
            throw new IllegalArgumentException("the wiki's secret must be user:password, cookie:NAME=VALUE or bearer:TOKEN");
        }
        return Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Map<String, String> credentials() throws IOException {
        if (settings.tokenEnv() == null) {
            return Map.of();
        }
        String value = secret.get();
        if (value == null || value.isBlank()) {
            throw new IOException("no credentials: " + settings.tokenEnv() + " is not set");
        }
        try {
            return headersFor(value);
        } catch (IllegalArgumentException e) {
            throw new IOException(settings.tokenEnv() + ": " + e.getMessage());
        }
    }

    private String tokenName() {
        return settings.tokenEnv() == null ? "token-env (none is set)" : settings.tokenEnv();
    }

    /** The answer's text in the charset it declares; TWiki sites often declare ISO-8859-1. */
    private static String text(SourceHttpClient.Answer answer) {
        String type = answer.header("Content-Type").orElse("");
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            try {
                return new String(answer.body(), Charset.forName(type.substring(at + 8).replace("\"", "").strip()));
            } catch (IllegalArgumentException e) {
                // an unknown charset: UTF-8
            }
        }
        return answer.text();
    }
}

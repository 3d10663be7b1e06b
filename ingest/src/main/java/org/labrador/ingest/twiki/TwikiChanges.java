package org.labrador.ingest.twiki;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The topics of one web changed since a time, read from the web's {@code WebRss} feed: the one
 * change listing TWiki (4.2 and later) and Foswiki both ship in every web. Its
 * {@code %SEARCH%} (in {@code TWiki.WebRssBase}, {@code System.WebRssBase}) lists the web's topics
 * newest first ({@code order="modified" reverse="on"}), as many as the {@code limit} URL parameter
 * asks, each an {@code <item rdf:about="…/view/Web/Topic">} with its revision time in
 * {@code <dc:date>} ({@code $isodate}).
 *
 * <p>The answer is trusted only when it can be: when the feed's oldest topic changed before the
 * time, so that every change since is in it. A feed whose topics all changed since says nothing,
 * however many it lists: more may have changed, and a customised WebRss may list fewer than
 * {@code limit} asks ({@code WebRssBase}'s own default is 16). Nor does a feed that lists no topic
 * (every web has a WebHome; a broken WebRss) or a date or address that cannot be read. The caller
 * then compares every topic of the web. The feed's own date filter ({@code date=}) is not used: the wiki
 * reads it in its server's time zone and answers nothing for a form it does not know.
 */
final class TwikiChanges {

    /** How many topics a feed is asked for; it may list fewer. */
    static final int LIMIT = 200;
    /**
     * A date without a zone is the wiki server's local time (TWiki with {@code servertime}): it may
     * be this much later in UTC, so it counts as that late, to miss no change.
     */
    private static final Duration UNKNOWN_ZONE = Duration.ofHours(14);

    private TwikiChanges() {
    }

    /**
     * The topics of the feed changed at or after {@code since}, as document paths {@code Web/Topic}.
     *
     * @param feed     the feed's text
     * @param viewPath the raw path of the wiki's view address ({@code /twiki/bin/view})
     * @param web      the web the feed is of
     * @return empty when the feed cannot tell: no topic in it changed before {@code since}
     */
    static Optional<Set<String>> since(String feed, String viewPath, String web, Instant since) {
        Document xml = Jsoup.parse(feed, "", Parser.xmlParser());
        if (xml.getElementsByTag("channel").isEmpty()) {
            return Optional.empty(); // a login or error page, not the feed
        }
        String prefix = viewPath + "/" + web + "/";
        Set<String> changed = new TreeSet<>();
        Instant oldest = Instant.MAX;
        int items = 0;
        for (Element item : xml.getElementsByTag("item")) {
            Optional<String> topic = topic(item, prefix);
            Optional<Instant> date = date(item.getElementsByTag("dc:date").text());
            if (topic.isEmpty() || date.isEmpty()) {
                return Optional.empty();
            }
            items++;
            oldest = date.get().isBefore(oldest) ? date.get() : oldest;
            if (!date.get().isBefore(since)) {
                changed.add(web + "/" + topic.get());
            }
        }
        if (items == 0 || !oldest.isBefore(since)) {
            return Optional.empty(); // every topic listed changed since: more may have, unlisted
        }
        return Optional.of(changed);
    }

    /** The topic an item is about, by the path of its address (the wiki may name its host otherwise). */
    private static Optional<String> topic(Element item, String prefix) {
        String about = item.attr("rdf:about");
        if (about.isBlank()) {
            about = item.getElementsByTag("link").text();
        }
        String path;
        try {
            path = URI.create(about.strip()).getRawPath();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (path == null || !path.startsWith(prefix)) {
            return Optional.empty();
        }
        String topic = path.substring(prefix.length());
        return TwikiDataFolder.isTopicName(topic) ? Optional.of(topic) : Optional.empty();
    }

    /** {@code 2024-03-01T09:40:00Z} (TWiki, Foswiki in UTC), with an offset (Foswiki), or without a zone. */
    static Optional<Instant> date(String text) {
        String value = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            // no zone, or no date
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).plus(UNKNOWN_ZONE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

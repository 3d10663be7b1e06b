package org.labrador.ingest.twiki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A web's WebRss feed read as "the topics changed since": trusted only when it can tell. */
class TwikiChangesTest {

    private static final String VIEW = "/twiki/bin/view";
    private static final Instant SINCE = Instant.parse("2024-03-01T00:00:00Z");

    /** A feed as WebRssBase renders it, items newest first; each entry is a topic and its {@code dc:date}. */
    private static String feed(String... topicsAndDates) {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\" ?><rdf:RDF"
                + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel rdf:about=\"https://wiki.example.org"
                + VIEW + "/Atlas\">\n  <title>Atlas</title>\n</channel>\n");
        for (int i = 0; i < topicsAndDates.length; i += 2) {
            rss.append("<item rdf:about=\"https://wiki.example.org").append(VIEW).append("/Atlas/").append(topicsAndDates[i])
                    .append("\">\n  <title>").append(topicsAndDates[i]).append("</title>\n  <description>A &amp; B")
                    .append(" (last changed by JaneDoe)</description>\n  <dc:date>").append(topicsAndDates[i + 1])
                    .append("</dc:date>\n</item>\n");
        }
        return rss.append("</rdf:RDF>").toString();
    }

    @Test
    void theTopicsChangedSinceTheTimeInEveryDateFormTheWikisWrite() {
        String rss = feed("TriggerMenuRun3", "2024-03-02T09:40:00Z", "WebHome", "2024-03-01T01:30:00+02:00",
                "ShiftGuide", "2024-02-29T20:00", "OldTopic", "2023-01-01T00:00:00Z");

        assertThat(TwikiChanges.since(rss, VIEW, "Atlas", SINCE)).as("a date without a zone may be 14 hours later in UTC")
                .hasValue(Set.of("Atlas/TriggerMenuRun3", "Atlas/ShiftGuide"));
    }

    @Test
    void aFeedThatCannotTellSaysNothing() {
        assertThat(TwikiChanges.since("<html><body><form action=\"/twiki/bin/login\">Please log in</form></body></html>",
                VIEW, "Atlas", SINCE)).as("a login page").isEmpty();
        assertThat(TwikiChanges.since(feed(), VIEW, "Atlas", SINCE)).as("no topic at all: a broken WebRss").isEmpty();
        assertThat(TwikiChanges.since(feed("WebHome", "yesterday"), VIEW, "Atlas", SINCE)).isEmpty();
        assertThat(TwikiChanges.since(feed("WebHome", "2024-03-02T09:40:00Z"), VIEW, "Main", SINCE))
                .as("another web's topics").isEmpty();

        assertThat(TwikiChanges.since(feed("TriggerMenuRun3", "2024-03-02T09:40:00Z", "ShiftGuide", "2024-03-01T10:00:00Z"),
                VIEW, "Atlas", SINCE)).as("a short feed (a WebRss that ignores limit) whose topics all changed since:"
                + " more may have").isEmpty();

        String[] full = new String[2 * TwikiChanges.LIMIT];
        for (int i = 0; i < TwikiChanges.LIMIT; i++) {
            full[2 * i] = "Topic" + i;
            full[2 * i + 1] = "2024-03-05T00:00:00Z";
        }
        assertThat(TwikiChanges.since(feed(full), VIEW, "Atlas", SINCE)).as("a full feed may have left changes out").isEmpty();
        full[full.length - 1] = "2024-02-01T00:00:00Z";
        assertThat(TwikiChanges.since(feed(full), VIEW, "Atlas", SINCE)).get().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.collection(String.class)).hasSize(TwikiChanges.LIMIT - 1);
    }
}

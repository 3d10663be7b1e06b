package org.labrador.ingest.indico;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.kind.ConnectionCheck;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.net.SourceHttpClient;
import org.labrador.ingest.papers.PdfPapers;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.VersionedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A source of kind {@code indico}: the events of an Indico category, or one event, read through the
 * HTTP export API ({@link IndicoExport}). Each event is a document (what, when, where, chairs,
 * description, timetable with speakers, minutes), each contribution another (title, time,
 * session, speakers and authors with affiliations, abstract, minutes, material), and each PDF
 * attached to either (slides, papers, written minutes) a third, read by the paper reader and
 * cited by page. Paths and links follow the server's URLs ({@link IndicoListing}).
 *
 * <p>Incremental by modification date: a sync lists the category once (one request per
 * {@value IndicoExport#PAGE} events), rebuilds event and contribution pages from that listing (no
 * more requests; their content hash decides whether anything is embedded), and downloads only the
 * attachments whose {@code modified_dt} is later than the last sync. A listing that fails (the
 * server unreachable, the token expired, an answer that is not the API's JSON) fails the sync
 * before anything is deleted; an attachment that cannot be downloaded or read is skipped with the
 * reason and keeps its passages.
 */
public final class IndicoSource implements VersionedSource {

    private static final Logger log = LoggerFactory.getLogger(IndicoSource.class);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final IndicoSettings settings;
    private final IndicoExport export;
    private final DocumentChunker chunker;
    private IndicoListing listing;

    /**
     * @param token  gives the API token of the secret {@code token-env} names, read at each sync; may
     *               be null for a source without one
     * @param policy the hosts the server (and attachment downloads) may be on
     */
    public IndicoSource(IndicoSettings settings, Supplier<String> token, AddressPolicy policy, DocumentChunker chunker) {
        this.settings = settings;
        this.export = new IndicoExport(settings, token, policy);
        this.chunker = chunker;
    }

    @Override
    public String name() {
        return settings.name();
    }

    /** The sync's revision is the time it started; a new sync lists the server afresh. */
    @Override
    public synchronized String update() {
        listing = null;
        return Instant.now().toString();
    }

    @Override
    public synchronized List<String> list() throws IOException {
        return listing().paths();
    }

    /**
     * Every event and contribution page (rebuilt from the listing, which costs no request), and the
     * attachments changed since the revision; empty (compare everything) when the revision is no time
     * or the server cannot be listed.
     */
    @Override
    public synchronized Optional<Set<String>> changedSince(String revision) {
        Instant since;
        try {
            since = Instant.parse(revision).minus(CLOCK_SKEW);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        IndicoListing current;
        try {
            current = listing();
        } catch (IOException e) {
            return Optional.empty(); // the listing fails again in list(), with its message
        }
        Set<String> changed = new TreeSet<>();
        current.items().forEach((path, item) -> {
            if (!(item instanceof IndicoListing.Attachment attachment) || changedAfter(attachment.modified(), since)) {
                changed.add(path);
            }
        });
        return Optional.of(changed);
    }

    @Override
    public SourceFile read(String path) {
        IndicoListing.Item item;
        try {
            item = listingForRead().get(path);
        } catch (IOException e) {
            return SourceFile.skipped(path, e.getMessage());
        }
        if (item == null) {
            return SourceFile.skipped(path, "not in the category or event any more");
        }
        return switch (item) {
            case IndicoListing.Event e -> page(path, IndicoPages.event(e.event()), modified(e.event(), null));
            case IndicoListing.Contribution c ->
                    page(path, IndicoPages.contribution(c.event(), c.contribution()), modified(c.event(), c.contribution()));
            case IndicoListing.Attachment a -> attachment(path, a);
        };
    }

    /** A PDF passage opens at its page: {@code page=N}, for the {@code #{anchor}} of the link template. */
    @Override
    public String anchor(Passage passage) {
        return passage.startPage() > 0 ? "page=" + passage.startPage() : "";
    }

    @Override
    public String exclusionSummary() {
        IndicoListing current;
        synchronized (this) {
            current = listing;
        }
        int others = current == null ? 0 : current.otherAttachments();
        return others == 0 ? "" : others + " attachment" + (others == 1 ? "" : "s") + " not in PDF (other formats, links)";
    }

    /** Lists the server: "OK, 12 events, 80 contributions, 35 PDF attachments", or why it cannot. */
    public String testConnection() throws IOException {
        return connectionCheck().message();
    }

    /** {@link #testConnection()} with the number of documents (events, contributions, PDFs) a sync would read. */
    public ConnectionCheck connectionCheck() throws IOException {
        IndicoListing current;
        synchronized (this) {
            listing = null;
            current = listing();
        }
        return new ConnectionCheck(current.paths().size(), "OK, " + count(current.count(IndicoListing.Event.class), "event")
                + ", " + count(current.count(IndicoListing.Contribution.class), "contribution") + ", "
                + count(current.count(IndicoListing.Attachment.class), "PDF attachment"));
    }

    private IndicoListing listing() throws IOException {
        if (listing == null) {
            listing = IndicoListing.of(export.events(), settings.baseUrl(), settings.attachments());
        }
        return listing;
    }

    private synchronized IndicoListing listingForRead() throws IOException {
        return listing();
    }

    private SourceFile page(String path, String markdown, String modified) {
        ChunkedDocument cut = chunker.chunk(path + ".md", markdown);
        return SourceFile.chunked(path, markdown, cut, modified);
    }

    private SourceFile attachment(String path, IndicoListing.Attachment attachment) {
        if (attachment.size() > settings.maxFileBytes()) {
            return SourceFile.skipped(path, "attachment is " + attachment.size() + " bytes, over the limit of "
                    + settings.maxFileBytes());
        }
        SourceHttpClient.Answer answer;
        try {
            answer = export.download(attachment.download());
        } catch (SourceHttpClient.TooLarge e) {
            return SourceFile.skipped(path, "attachment is over the limit of " + settings.maxFileBytes() + " bytes");
        } catch (IOException e) {
            return SourceFile.skipped(path, "cannot download: " + e.getMessage());
        }
        if (!answer.ok()) {
            return SourceFile.skipped(path, switch (answer.status()) {
                case 401, 403 -> "Indico refused the download (HTTP " + answer.status() + "): a protected attachment"
                        + " needs a token with the scope read:everything";
                case 404 -> "the attachment is gone from Indico (HTTP 404)";
                default -> "Indico answered HTTP " + answer.status() + " for the attachment";
            });
        }
        try {
            ChunkedDocument pdf = PdfPapers.read(attachment.filename(), answer.body(), chunker);
            String title = attachment.title() + (attachment.parent().isBlank() ? "" : " — " + attachment.parent());
            return SourceFile.chunked(path, "sha256:" + sha256(answer.body()), new ChunkedDocument(title, pdf.passages()),
                    normalized(attachment.modified()));
        } catch (IOException e) {
            return SourceFile.skipped(path, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Could not read Indico attachment {}/{}", settings.name(), path, e);
            return SourceFile.skipped(path, "cannot read the PDF: " + e);
        }
    }

    /** The latest of the minutes' and the attachments' times, else the event's creation; ISO-8601. */
    private static String modified(JsonNode event, JsonNode contribution) {
        JsonNode owner = contribution == null ? event : contribution;
        List<String> times = new ArrayList<>();
        times.add(owner.path("note").path("modified_dt").asString(""));
        for (JsonNode folder : owner.path("folders")) {
            for (JsonNode attachment : folder.path("attachments")) {
                times.add(attachment.path("modified_dt").asString(""));
            }
        }
        Instant latest = null;
        for (String time : times) {
            Instant t = instant(time);
            if (t != null && (latest == null || t.isAfter(latest))) {
                latest = t;
            }
        }
        if (latest != null) {
            return latest.toString();
        }
        return created(event.path("creationDate"));
    }

    /** An export API date ({@code {"date", "time", "tz"}}) as an instant, or empty. */
    private static String created(JsonNode when) {
        String date = when.path("date").asString("");
        if (date.isEmpty()) {
            return "";
        }
        try {
            return LocalDateTime.parse(date + "T" + when.path("time").asString("00:00:00"))
                    .atZone(ZoneId.of(when.path("tz").asString("UTC"))).toInstant().toString();
        } catch (DateTimeException e) {
            return "";
        }
    }

    private static boolean changedAfter(String modified, Instant since) {
        Instant t = instant(modified);
        return t == null || t.isAfter(since);
    }

    private static String normalized(String modified) {
        Instant t = instant(modified);
        return t == null ? "" : t.toString();
    }

    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(iso);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "IndicoSource[" + settings.name() + ", " + settings.url() + "]";
    }
}

package org.labrador.ingest.inspire;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A source of kind {@code inspire}: the INSPIRE-HEP literature records a search matches. Each
 * record is one document, path its control number, cited at {@code https://inspirehep.net/literature/{number}}:
 * its metadata and abstract always ({@link InspireRecord}), and, when the record has an arXiv
 * eprint and {@code full-text} is on, the paper's PDF from arXiv read by the paper reader, its
 * passages cited by page. A PDF that cannot be had (no arXiv version, arXiv unreachable or refused
 * by the address policy, not a readable PDF) leaves the record with its metadata and abstract, and
 * the next sync tries again.
 *
 * <p>The search is read through INSPIRE's REST API (inspirehep/rest-api-doc): {@code /api/literature}
 * with {@code q}, {@code sort=mostrecent}, {@code size} and {@code page}, and {@code fields} so that
 * only the metadata used is sent; the answer's {@code hits.hits} are the records and
 * {@code hits.total} their number. INSPIRE asks clients to stay under 15 requests in 5 seconds,
 * and arXiv under one request every 3 seconds: requests are paced accordingly, and a {@code 429}
 * is waited out.
 *
 * <p>Incremental: a sync lists the search (one request per {@value #PAGE} records) and reads
 * again only the records INSPIRE {@code updated} since the last sync, and those whose full text
 * could not be fetched then. A listing that fails fails the sync before anything is deleted.
 */
public final class InspireSource implements VersionedSource {

    static final int PAGE = 100;
    static final String FIELDS = "control_number,titles,abstracts,authors.full_name,author_count,collaborations,"
            + "arxiv_eprints,dois,publication_info,earliest_date";
    private static final Logger log = LoggerFactory.getLogger(InspireSource.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long MAX_PAGE_BYTES = 64L << 20;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    /** INSPIRE: 15 requests in a 5 s window per address. */
    public static final Duration INSPIRE_PACE = Duration.ofMillis(350);
    /** arXiv's terms for automated access: no more than one request every three seconds. */
    public static final Duration ARXIV_PACE = Duration.ofSeconds(3);

    private final InspireSettings settings;
    private final DocumentChunker chunker;
    private final SourceHttpClient inspire;
    private final SourceHttpClient arxiv;
    /** Records whose full text could not be fetched, by number, with why: read again at the next sync. */
    private final Map<String, String> withoutFullText = new ConcurrentHashMap<>();
    private Map<String, InspireRecord> listing;
    private long total;

    /** A source paced as INSPIRE and arXiv ask. */
    public InspireSource(InspireSettings settings, AddressPolicy policy, DocumentChunker chunker) {
        this(settings, policy, chunker, INSPIRE_PACE, ARXIV_PACE);
    }

    /**
     * A source with its own pacing (tests and benchmarks against local servers use none).
     *
     * @param policy the hosts INSPIRE and arXiv may be on, checked before every request and redirect
     */
    public InspireSource(InspireSettings settings, AddressPolicy policy, DocumentChunker chunker, Duration inspirePace,
                         Duration arxivPace) {
        this.settings = settings;
        this.chunker = chunker;
        this.inspire = new SourceHttpClient("INSPIRE at " + settings.url(), policy, TIMEOUT, inspirePace);
        this.arxiv = new SourceHttpClient("arXiv at " + settings.arxivUrl(), policy, TIMEOUT, arxivPace);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public synchronized String update() {
        listing = null;
        return Instant.now().toString();
    }

    @Override
    public synchronized List<String> list() throws IOException {
        return List.copyOf(listing().keySet());
    }

    /**
     * The records updated on INSPIRE since the revision, and those still without their full text;
     * empty (compare every record) when the revision is no time or the search cannot be listed.
     */
    @Override
    public synchronized Optional<Set<String>> changedSince(String revision) {
        Instant since;
        try {
            since = Instant.parse(revision).minus(CLOCK_SKEW);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Map<String, InspireRecord> records;
        try {
            records = listing();
        } catch (IOException e) {
            return Optional.empty();
        }
        Set<String> changed = new TreeSet<>(withoutFullText.keySet());
        records.forEach((number, record) -> {
            try {
                if (record.updated().isEmpty() || Instant.parse(record.updated()).isAfter(since)) {
                    changed.add(number);
                }
            } catch (DateTimeParseException e) {
                changed.add(number);
            }
        });
        return Optional.of(changed);
    }

    @Override
    public SourceFile read(String number) {
        InspireRecord record;
        try {
            record = records().get(number);
        } catch (IOException e) {
            return SourceFile.skipped(number, e.getMessage());
        }
        if (record == null) {
            return SourceFile.skipped(number, "no longer matched by the query");
        }
        String markdown = record.markdown(settings.url());
        ChunkedDocument metadata = chunker.chunk(number + ".md", markdown);
        List<Passage> passages = new ArrayList<>(metadata.passages());
        String content = markdown;
        if (settings.fullText()) {
            Optional<byte[]> pdf = fullText(record);
            if (pdf.isPresent()) {
                try {
                    ChunkedDocument paper = PdfPapers.read(record.arxivId() + ".pdf", pdf.get(), chunker);
                    // The paper's lines follow the metadata's, so line numbers stay in order through the document.
                    int offset = passages.isEmpty() ? 0 : passages.getLast().endLine();
                    for (Passage p : paper.passages()) {
                        passages.add(new Passage(p.headings(), p.startLine() + offset, p.endLine() + offset, p.text(),
                                p.startPage(), p.endPage()));
                    }
                    content = markdown + "\n\nfull text sha256:" + sha256(pdf.get());
                    withoutFullText.remove(number);
                } catch (IOException | RuntimeException e) {
                    withoutFullText.put(number, "arXiv " + record.arxivId() + ": " + e.getMessage());
                    log.info("INSPIRE record {}: the arXiv PDF {} cannot be read: {}", number, record.arxivId(), e.toString());
                }
            }
        }
        return SourceFile.chunked(number, content, new ChunkedDocument(record.title(), passages), normalized(record.updated()));
    }

    /** A PDF passage opens nowhere on INSPIRE's record page: no anchor. */
    @Override
    public String anchor(Passage passage) {
        return "";
    }

    @Override
    public String exclusionSummary() {
        List<String> notes = new ArrayList<>();
        synchronized (this) {
            if (total > settings.maxRecords()) {
                notes.add("the query matches " + total + " records; only the first " + settings.maxRecords() + " are read");
            }
        }
        int missing = withoutFullText.size();
        if (missing > 0) {
            notes.add(missing + " record" + (missing == 1 ? "" : "s") + " without full text for now (arXiv could not be"
                    + " read; tried again at the next sync)");
        }
        return String.join("; ", notes);
    }

    /** Asks INSPIRE how many records the query matches: "OK, 152 records match collaboration:XENON". */
    public String testConnection() throws IOException {
        return connectionCheck().message();
    }

    /** {@link #testConnection()} with the number of records a sync would read, without listing them. */
    public ConnectionCheck connectionCheck() throws IOException {
        JsonNode answer = search(0, 1, "control_number");
        long matches = answer.path("hits").path("total").asLong(0);
        return new ConnectionCheck((int) Math.min(matches, settings.maxRecords()), "OK, " + matches + " record"
                + (matches == 1 ? "" : "s") + " match " + settings.query()
                + (matches > settings.maxRecords() ? "; only the first " + settings.maxRecords() + " are read" : ""));
    }

    private synchronized Map<String, InspireRecord> records() throws IOException {
        return listing();
    }

    /** The search's records by control number, most recent first, read once per sync. */
    private Map<String, InspireRecord> listing() throws IOException {
        if (listing != null) {
            return listing;
        }
        Map<String, InspireRecord> records = new LinkedHashMap<>();
        int pages = (settings.maxRecords() + PAGE - 1) / PAGE;
        for (int page = 1; page <= pages; page++) {
            JsonNode answer = search(page, PAGE, FIELDS);
            total = answer.path("hits").path("total").asLong(0);
            JsonNode hits = answer.path("hits").path("hits");
            for (JsonNode hit : hits) {
                InspireRecord record = InspireRecord.of(hit);
                if (record.controlNumber().matches("\\d+") && records.size() < settings.maxRecords()) {
                    records.put(record.controlNumber(), record);
                }
            }
            if (hits.size() < PAGE || (long) page * PAGE >= total) {
                break;
            }
        }
        withoutFullText.keySet().retainAll(records.keySet());
        listing = records;
        return listing;
    }

    private JsonNode search(int page, int size, String fields) throws IOException {
        URI uri = URI.create(settings.url() + "/api/literature?sort=mostrecent&size=" + size
                + (page > 0 ? "&page=" + page : "") + "&fields=" + fields
                + "&q=" + URLEncoder.encode(settings.query(), StandardCharsets.UTF_8).replace("+", "%20"));
        SourceHttpClient.Answer answer = inspire.get(uri, Map.of("Accept", "application/json"), MAX_PAGE_BYTES);
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (JacksonException e) {
            json = null;
        }
        if (!answer.ok()) {
            String message = json == null ? "" : json.path("message").asString("");
            throw new IOException("INSPIRE answered HTTP " + answer.status() + " for the query " + settings.query()
                    + (message.isEmpty() ? "" : ": " + message));
        }
        if (json == null || !json.path("hits").path("hits").isArray()) {
            throw new IOException("INSPIRE's answer for the query " + settings.query() + " is not a search result (no hits)");
        }
        return json;
    }

    /** The arXiv PDF of a record, or empty (and the reason remembered) when it cannot be had now. */
    private Optional<byte[]> fullText(InspireRecord record) {
        String id = record.arxivId();
        if (id.isEmpty()) {
            return Optional.empty(); // a journal-only record: its metadata is all there is
        }
        try {
            SourceHttpClient.Answer answer = arxiv.get(URI.create(settings.arxivUrl() + "/pdf/" + id), Map.of(),
                    settings.maxFileBytes());
            if (answer.ok()) {
                return Optional.of(answer.body());
            }
            withoutFullText.put(record.controlNumber(), "arXiv " + id + ": HTTP " + answer.status());
        } catch (IOException e) {
            withoutFullText.put(record.controlNumber(), "arXiv " + id + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String normalized(String updated) {
        try {
            return updated.isEmpty() ? "" : Instant.parse(updated).toString();
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(updated).toInstant().toString();
            } catch (DateTimeParseException e2) {
                return "";
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

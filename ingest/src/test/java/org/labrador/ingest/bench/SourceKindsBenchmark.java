package org.labrador.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.indico.FakeIndico;
import org.labrador.ingest.indico.IndicoSettings;
import org.labrador.ingest.indico.IndicoSource;
import org.labrador.ingest.indico.SlidesPdf;
import org.labrador.ingest.inspire.FakeInspire;
import org.labrador.ingest.inspire.InspireSettings;
import org.labrador.ingest.inspire.InspireSource;
import org.labrador.ingest.mattermost.FakeMattermost;
import org.labrador.ingest.mattermost.MattermostSettings;
import org.labrador.ingest.mattermost.MattermostSource;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.VersionedSource;
import org.labrador.ingest.twiki.FakeTwiki;
import org.labrador.ingest.twiki.TwikiDataFolder;
import org.labrador.ingest.twiki.TwikiFixture;
import org.labrador.ingest.twiki.TwikiSettings;
import org.labrador.ingest.twiki.TwikiSite;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents per second of the four web kinds, read whole ({@code list()} and {@code read()} of
 * every document, on one thread, no embedding) from generated content: a TWiki {@code data/}
 * tree, the same tree served live, an Indico category, Mattermost channels and an INSPIRE search
 * with arXiv full texts, each served by the tests' fake servers on this machine. So it measures
 * Labrador's side (HTTP, JSON, TML, PDF and chunking), not the network, nor the pacing INSPIRE
 * and arXiv ask of real clients (off here). Prints a Markdown table; asserts nothing about speed.
 * Run with {@code ./mvnw -B -Pbench verify -pl ingest -am -Dtest=SourceKindsBenchmark}.
 */
@Tag("benchmark")
class SourceKindsBenchmark {

    private static final int WARMUP_ROUNDS = 2;
    private static final int ROUNDS = 3;
    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);
    private static final AddressPolicy LOCAL = AddressPolicy.allowing(List.of("127.0.0.1"));

    @TempDir
    Path scratch;

    private record Result(int documents, long passages, long pdfPages, double seconds) {
        double perSecond() {
            return documents / seconds;
        }
    }

    @Test
    void printsDocumentsPerSecond() throws IOException {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path data = twikiTree(scratch.resolve("data"), 2000);
        TwikiDataFolder twiki = new TwikiDataFolder(new TwikiSettings("twiki", data, null, List.of(), null, null,
                5_000_000), CHUNKER);
        measure(twiki); // the JIT's warm-up of the code all rows share (chunking, Markdown): not counted
        Result folder = measure(twiki);
        Result live;
        try (FakeTwiki wiki = new FakeTwiki(data)) {
            live = measure(new TwikiSite(new TwikiSettings("twiki", null, wiki.viewUrl(), List.of("Atlas"), null, null,
                    5_000_000), null, LOCAL, CHUNKER));
        }
        Result indico;
        try (FakeIndico server = indico(200, 5, 50)) {
            indico = measure(new IndicoSource(new IndicoSettings("indico", server.url(), "7", null, null, null, true,
                    50_000_000), null, LOCAL, CHUNKER));
        }
        Result mattermost;
        try (FakeMattermost server = mattermost(1000, 4)) {
            mattermost = measure(new MattermostSource(new MattermostSettings("chat", server.url(), "xenonnt",
                    List.of("analysis-help"), "MM_TOKEN", 5_000_000), () -> FakeMattermost.TOKEN, LOCAL, CHUNKER));
        }
        Result inspire;
        try (FakeInspire server = inspire(500, 100)) {
            inspire = measure(new InspireSource(new InspireSettings("papers", server.url(), "collaboration:XENON", true,
                    server.arxivUrl(), 0, 50_000_000), LOCAL, CHUNKER, Duration.ZERO, Duration.ZERO));
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "(load average %.1f at start; %d rounds after %d warm-up; one thread)%n", load,
                ROUNDS, WARMUP_ROUNDS);
        System.out.println("| kind | content | documents | passages | PDF pages | seconds | documents/s |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        print("twiki (data/ folder)", "2,000 topics of ~2.5 KB TML", folder);
        print("twiki (live, raw=all)", "2,000 topics, one web", live);
        print("indico", "200 events, 1,000 contributions, 50 PDFs of 3 pages", indico);
        print("mattermost", "1,000 threads of 5 posts", mattermost);
        print("inspire", "500 records, 100 arXiv PDFs of 3 pages", inspire);
        assertThat(folder.documents()).isEqualTo(2000);
    }

    private static Result measure(DocumentSource source) throws IOException {
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            readAll(source);
        }
        long start = System.nanoTime();
        Result last = null;
        for (int i = 0; i < ROUNDS; i++) {
            last = readAll(source);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / ROUNDS;
        return new Result(last.documents(), last.passages(), last.pdfPages(), seconds);
    }

    private static Result readAll(DocumentSource source) throws IOException {
        if (source instanceof VersionedSource versioned) {
            versioned.update(); // a fresh listing, as each sync makes
        }
        List<String> paths = source.list();
        long passages = 0;
        long pages = 0;
        for (String path : paths) {
            SourceFile file = source.read(path);
            if (file.isSkipped()) {
                throw new IllegalStateException(path + ": " + file.skipReason());
            }
            passages += file.document().passages().size();
            pages += file.document().passages().stream().mapToInt(p -> p.endPage()).max().orElse(0);
        }
        return new Result(paths.size(), passages, pages, 0);
    }

    private static void print(String kind, String content, Result r) {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %.2f | %.0f |%n", kind, content, r.documents(),
                r.passages(), r.pdfPages(), r.seconds(), r.perSecond());
    }

    /** A web of {@code topics} topics, each the fixture's trigger-menu topic under another name. */
    private static Path twikiTree(Path data, int topics) throws IOException {
        String topic = Files.readString(TwikiFixture.data().resolve("Atlas/TriggerMenuRun3.txt"), StandardCharsets.UTF_8);
        Files.createDirectories(data.resolve("Atlas"));
        for (int i = 0; i < topics; i++) {
            Files.writeString(data.resolve("Atlas/TriggerTopic" + i + ".txt"),
                    topic.replace("Trigger menu for Run 3", "Trigger menu note " + i), StandardCharsets.UTF_8);
        }
        return data;
    }

    private static FakeIndico indico(int events, int contributionsEach, int pdfs) throws IOException {
        FakeIndico server = new FakeIndico();
        byte[] slides = SlidesPdf.pages("Electron lifetime monitoring\nAlice Martin, LNGS",
                "Results\nThe electron lifetime reached 12 ms after the purifier upgrade.",
                "Outlook\nWeekly Kr-83m runs continue.");
        int attached = 0;
        for (int e = 0; e < events; e++) {
            ObjectNode event = server.event(Integer.toString(1000 + e), "Analysis meeting " + e, "Analysis meetings",
                    "2024-03-04 09:00:00", "2024-03-04 12:00:00");
            event.put("description", "<p>Weekly analysis meeting.</p><ul><li>Corrections</li><li>Calibration</li></ul>");
            FakeIndico.minutes(event, "<p>Decisions:</p><ol><li>Freeze the selection.</li></ol>", "2024-03-04T12:00:00+01:00");
            for (int c = 0; c < contributionsEach; c++) {
                int id = 10_000 + e * contributionsEach + c;
                ObjectNode talk = server.contribution(event, id, "Talk " + c + " on electron lifetime",
                        "2024-03-04 09:00:00", "2024-03-04 09:20:00", 20);
                talk.put("description", "<p>We monitor the electron lifetime with Kr-83m calibrations.</p>");
                talk.withArray("speakers").add(FakeIndico.person("Alice", "Martin", "LNGS"));
                if (attached < pdfs) {
                    server.attach(talk, "event/" + (1000 + e) + "/contributions/" + id, 30_000 + id, 40_000 + id, "Slides",
                            "slides.pdf", "application/pdf", "2024-03-04T10:00:00+01:00", slides);
                    attached++;
                }
            }
        }
        return server;
    }

    private static FakeMattermost mattermost(int threads, int replies) throws IOException {
        FakeMattermost server = new FakeMattermost();
        String alice = server.user(2, "alice");
        String bob = server.user(3, "bob");
        String channel = server.channel(1, "analysis-help", "Analysis Help", "O", true);
        long t = 1_709_542_800_000L;
        for (int i = 0; i < threads; i++) {
            String root = server.post(channel, "", alice, "How do I apply correction " + i + " to my events?", t + i * 600_000L)
                    .path("id").asString();
            for (int r = 0; r < replies; r++) {
                server.post(channel, root, bob, "Use the map of version " + r + " and check the context config.",
                        t + i * 600_000L + (r + 1) * 1000L);
            }
        }
        return server;
    }

    private static FakeInspire inspire(int records, int withPdf) throws IOException {
        FakeInspire server = new FakeInspire();
        byte[] paper = SlidesPdf.pages("Dark matter search\nThe XENON Collaboration",
                "The detector\nThe electron lifetime stayed above 15 ms throughout the science run.",
                "Results\nNo significant excess was found.");
        for (int i = 0; i < records; i++) {
            String arxiv = i < withPdf ? String.format(Locale.ROOT, "2303.%05d", i) : null;
            ObjectNode m = server.record(2_600_000 + i, "XENON paper " + i, arxiv, "2024-01-10T08:00:00+00:00",
                    "Aprile, E.", "Abe, K.", "Agostini, F.");
            m.putArray("abstracts").addObject().put("value", "We search for WIMPs and find no significant excess.");
            if (arxiv != null) {
                server.pdfs.put(arxiv, paper);
            }
        }
        return server;
    }
}

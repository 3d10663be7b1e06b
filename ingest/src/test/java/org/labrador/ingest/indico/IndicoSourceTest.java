package org.labrador.ingest.indico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.HashingEmbedding;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;
import tools.jackson.databind.node.ObjectNode;

/** An Indico category read through the export API of {@link FakeIndico}: a collaboration meeting with talks and slides. */
class IndicoSourceTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);
    private static final AddressPolicy LOCAL = AddressPolicy.allowing(List.of("127.0.0.1"));
    private static final String SLIDES = "event/1001/contributions/5001/attachments/3001/4001/Kr83m_lifetime.pdf";

    private FakeIndico indico;

    @BeforeEach
    void start() throws IOException {
        indico = new FakeIndico();
        ObjectNode meeting = indico.event("1001", "XENONnT Analysis Collaboration Meeting", "Analysis meetings",
                "2024-03-04 09:00:00", "2024-03-06 18:00:00");
        meeting.put("location", "LNGS");
        meeting.put("roomFullname", "Aula B");
        meeting.put("description", "<p>Spring collaboration meeting.</p><ul><li>S1 and S2 corrections</li>"
                + "<li>Detector stability &amp; <b>electron lifetime</b></li></ul>");
        meeting.withArray("chairs").add(FakeIndico.person("Jane", "Doe", "CERN"));
        FakeIndico.minutes(meeting, "<p>Decisions:</p><ol><li>Freeze the SR1 selection by 2024-04-01.</li></ol>",
                "2024-03-06T17:45:00+01:00");
        indico.attach(meeting, "event/1001", 3000, 4000, "Agenda", "agenda.pdf", "application/pdf",
                "2024-03-01T08:00:00+01:00", SlidesPdf.pages("Agenda of the spring meeting\nMonday: detector"));

        ObjectNode lifetime = indico.contribution(meeting, 5001, "Electron lifetime monitoring with Kr-83m",
                "2024-03-04 09:00:00", "2024-03-04 09:20:00", 20);
        lifetime.put("session", "Detector");
        lifetime.put("description", "<p>We monitor the electron lifetime with <sup>83m</sup>Kr calibrations.</p>");
        lifetime.withArray("speakers").add(FakeIndico.person("Alice", "Martin", "LNGS"));
        lifetime.withArray("primaryauthors").add(FakeIndico.person("Alice", "Martin", "LNGS"));
        indico.attach(lifetime, "event/1001/contributions/5001", 3001, 4001, "Slides", "Kr83m_lifetime.pdf",
                "application/pdf", "2024-03-04T10:00:00+01:00", SlidesPdf.pages(
                        "Electron lifetime monitoring\nAlice Martin, LNGS",
                        "Results\nThe electron lifetime reached 12 ms after the purifier upgrade.",
                        "Outlook\nWeekly Kr-83m runs continue."));
        indico.attach(lifetime, "event/1001/contributions/5001", 3002, 4002, "Backup", "backup.pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation", "2024-03-04T10:00:00+01:00",
                new byte[] {1, 2, 3});

        ObjectNode trigger = indico.contribution(meeting, 5002, "Trigger efficiency for low-energy electronic recoils",
                "2024-03-04 09:20:00", "2024-03-04 09:40:00", 20);
        trigger.withArray("speakers").add(FakeIndico.person("Bob", "Chen", "Columbia University"));
        FakeIndico.minutes(trigger, "<p>Q (Jane): is the efficiency flat above 2 keV?<br>A: yes, within 1%.</p>",
                "2024-03-04T09:45:00+01:00");

        ObjectNode workshop = indico.event("1002", "Calibration workshop", "Analysis meetings",
                "2024-05-13 14:00:00", "2024-05-13 17:00:00");
        ObjectNode broken = indico.contribution(workshop, 5003, "Rn-220 source", "2024-05-13 14:00:00",
                "2024-05-13 14:30:00", 30);
        indico.attach(broken, "event/1002/contributions/5003", 3003, 4003, "Slides", "rn220.pdf", "application/pdf",
                "2024-05-13T15:00:00+02:00", "this is not a PDF".getBytes(StandardCharsets.UTF_8));
        indico.protectedFiles.add("/" + SLIDES);
    }

    @AfterEach
    void stop() {
        indico.close();
    }

    private IndicoSource source(String token) {
        return new IndicoSource(new IndicoSettings("meetings", indico.url(), "7", null, null, "INDICO_TOKEN", true,
                5_000_000), () -> token, LOCAL, CHUNKER);
    }

    private static Passage passageWith(SourceFile file, String text) {
        return file.document().passages().stream().filter(p -> p.text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no passage with '" + text + "' in " + file.document().passages()));
    }

    @Test
    void listsEventsContributionsAndPdfAttachmentsWithTheToken() throws IOException {
        IndicoSource source = source(FakeIndico.TOKEN);

        assertThat(source.list()).containsExactly("event/1001", "event/1001/attachments/3000/4000/agenda.pdf",
                "event/1001/contributions/5001", SLIDES, "event/1001/contributions/5002", "event/1002",
                "event/1002/contributions/5003", "event/1002/contributions/5003/attachments/3003/4003/rn220.pdf");
        assertThat(source.exclusionSummary()).isEqualTo("1 attachment not in PDF (other formats, links)");
        assertThat(indico.requests.getFirst().path()).isEqualTo("/export/categ/7.json");
        assertThat(indico.requests.getFirst().query()).containsEntry("detail", "contributions").containsEntry("order", "id")
                .containsEntry("limit", "100").containsEntry("offset", "0");
        assertThat(indico.requests).allMatch(r -> ("Bearer " + FakeIndico.TOKEN).equals(r.authorization()));
        assertThat(source.testConnection()).isEqualTo("OK, 2 events, 3 contributions, 3 PDF attachments");
    }

    @Test
    void anEventPageSaysWhatWhenWhereWhoAndWhatWasDecided() {
        SourceFile event = source(FakeIndico.TOKEN).read("event/1001");

        assertThat(event.document().title()).isEqualTo("XENONnT Analysis Collaboration Meeting");
        String text = String.join("\n", event.document().passages().stream().map(Passage::text).toList());
        assertThat(text).contains("Meeting in Analysis meetings")
                .contains("When: 2024-03-04 09:00 – 2024-03-06 18:00 (Europe/Zurich)")
                .contains("Where: LNGS, Aula B").contains("Chairs: Jane Doe (CERN)")
                .contains("- S1 and S2 corrections").contains("Detector stability & electron lifetime")
                .contains("- 2024-03-04 09:00 Electron lifetime monitoring with Kr-83m — Alice Martin (LNGS)")
                .contains("- 2024-03-04 09:20 Trigger efficiency for low-energy electronic recoils — Bob Chen (Columbia University)")
                .contains("Freeze the SR1 selection by 2024-04-01.");
        assertThat(passageWith(event, "Freeze the SR1").headings()).containsExactly(
                "XENONnT Analysis Collaboration Meeting", "Minutes");
        assertThat(event.modified()).isEqualTo("2024-03-06T16:45:00Z");
    }

    @Test
    void aContributionPageHasItsSpeakersAbstractMinutesAndMaterial() {
        IndicoSource source = source(FakeIndico.TOKEN);

        SourceFile talk = source.read("event/1001/contributions/5001");
        String text = String.join("\n", talk.document().passages().stream().map(Passage::text).toList());
        assertThat(talk.document().title()).isEqualTo("Electron lifetime monitoring with Kr-83m");
        assertThat(text).contains("Part of: XENONnT Analysis Collaboration Meeting (2024-03-04)")
                .contains("When: 2024-03-04 09:00 – 09:20 (Europe/Zurich)").contains("Session: Detector")
                .contains("Speakers: Alice Martin (LNGS)").contains("with 83mKr calibrations")
                .contains("- Slides (Kr83m_lifetime.pdf)").contains("- Backup (backup.pptx)");

        SourceFile qa = source.read("event/1001/contributions/5002");
        assertThat(passageWith(qa, "flat above 2 keV").text()).contains("A: yes, within 1%.");
    }

    @Test
    void slidesAreReadByThePaperReaderAndCitedByPage() {
        // Small passages, so that the slide with the result starts one of its own.
        IndicoSource source = new IndicoSource(new IndicoSettings("meetings", indico.url(), "7", null, null, "INDICO_TOKEN",
                true, 5_000_000), () -> FakeIndico.TOKEN, LOCAL, new DocumentChunker(12, 0));

        SourceFile slides = source.read(SLIDES);

        assertThat(slides.isSkipped()).as(slides.skipReason()).isFalse();
        assertThat(slides.document().title()).isEqualTo("Slides — Electron lifetime monitoring with Kr-83m");
        Passage result = passageWith(slides, "12 ms after the purifier upgrade");
        assertThat(result.startPage()).isEqualTo(2);
        assertThat(source.anchor(result)).isEqualTo("page=2");
        assertThat(slides.modified()).isEqualTo("2024-03-04T09:00:00Z");
        assertThat(new LinkTemplate(new IndicoSettings("m", indico.url(), "7", null, null, null, true, 1).defaultLink())
                .link("m", "", SLIDES, 1, 2, 2, source.anchor(result))).isEqualTo(indico.url() + "/" + SLIDES + "#page=2");
    }

    @Test
    void aBrokenOrProtectedAttachmentIsSkippedWithItsReasonAndTheRestIsRead() {
        IndicoSource guest = new IndicoSource(new IndicoSettings("meetings", indico.url(), "7", null, null, null, true,
                5_000_000), null, LOCAL, CHUNKER);

        assertThat(guest.read("event/1002/contributions/5003/attachments/3003/4003/rn220.pdf").skipReason())
                .startsWith("corrupt PDF");
        assertThat(guest.read(SLIDES).skipReason()).startsWith("Indico refused the download (HTTP 403)")
                .contains("read:everything");
        assertThat(guest.read("event/1001/attachments/3000/4000/agenda.pdf").isSkipped()).isFalse();
        assertThat(guest.read("event/9999").skipReason()).isEqualTo("not in the category or event any more");
        IndicoSource small = new IndicoSource(new IndicoSettings("meetings", indico.url(), "7", null, null, null, true,
                100), null, LOCAL, CHUNKER);
        assertThat(small.read("event/1001/attachments/3000/4000/agenda.pdf").skipReason()).contains("over the limit of 100");
    }

    @Test
    void onlyAttachmentsChangedSinceTheLastSyncAreDownloadedAgain() {
        IndicoSource source = source(FakeIndico.TOKEN);
        source.update();

        Set<String> sinceMarch = source.changedSince("2024-03-04T08:55:00Z").orElseThrow();

        assertThat(sinceMarch).contains("event/1001", "event/1001/contributions/5001", "event/1002", SLIDES,
                "event/1002/contributions/5003/attachments/3003/4003/rn220.pdf")
                .doesNotContain("event/1001/attachments/3000/4000/agenda.pdf");
        assertThat(source.changedSince("2024-06-01T00:00:00Z").orElseThrow()).noneMatch(p -> p.endsWith(".pdf"));
        assertThat(source.changedSince("not a time")).isEmpty();
        long listings = indico.requests.stream().filter(r -> r.path().startsWith("/export/")).count();
        assertThat(listings).as("one listing per sync, shared by changedSince and list").isEqualTo(1);
    }

    @Test
    void anExpiredTokenFailsTheListingWithAClearMessageAndTheIndexKeepsEverything(@TempDir Path indexDir)
            throws IOException {
        HashingEmbedding embedding = new HashingEmbedding();
        IndicoSource source = source(FakeIndico.TOKEN);
        LinkTemplate links = new LinkTemplate(new IndicoSettings("meetings", indico.url(), "7", null, null, null, true, 1)
                .defaultLink());
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            SyncReport first = embedding.sync(index, source, links);
            assertThat(first.indexed()).isEqualTo(7);
            assertThat(first.skipped()).extracting(SyncReport.Skipped::path)
                    .containsExactly("event/1002/contributions/5003/attachments/3003/4003/rn220.pdf");
            List<Chunk> slides = index.chunks("meetings", SLIDES);
            assertThat(slides).isNotEmpty().allMatch(c -> c.uri().equals(indico.url() + "/" + SLIDES + "#page=" + c.startPage()));
            assertThat(index.chunks("meetings", "event/1001")).as("an event page has no anchor: no bare '#'")
                    .isNotEmpty().allMatch(c -> c.uri().equals(indico.url() + "/event/1001"));

            indico.expiredToken = true;
            assertThatThrownBy(() -> embedding.sync(index, source, links)).isInstanceOf(IOException.class)
                    .hasMessage("Indico did not accept the API token in INDICO_TOKEN (HTTP 400): it may have expired"
                            + " or been revoked; make a new one with the scope read:legacy_api");
            assertThat(index.documents("meetings")).hasSize(7);
            assertThat(index.chunks("meetings", SLIDES)).isEqualTo(slides);

            indico.expiredToken = false;
            int before = embedding.embedded.get();
            SyncReport again = embedding.sync(index, source, links);
            assertThat(again.unchanged()).isEqualTo(7);
            assertThat(embedding.embedded.get()).isEqualTo(before);
            assertThat(indico.requests.stream().filter(r -> r.path().endsWith(".pdf")).count()).as("attachments downloaded: first sync only, and"
                    + " the broken one again").isEqualTo(4);
        }
    }

    @Test
    void unreachableServersAndAnswersThatAreNotTheApisGetTheirMessage() {
        IndicoSource source = source(FakeIndico.TOKEN);
        indico.brokenAnswer = "<html><body>Indico is under maintenance</body></html>";
        assertThatThrownBy(source::list).hasMessage("Indico's answer for category 7 is not the export API's JSON (no results list)");
        indico.brokenAnswer = "{\"results\": [{\"id\": \"1\", \"title\": ";
        assertThatThrownBy(source::testConnection).hasMessageContaining("is not the export API's JSON");
        indico.brokenAnswer = null;
        indico.failWith = 500;
        assertThatThrownBy(source::testConnection).hasMessage("Indico answered HTTP 500 for category 7: Internal error");
        indico.failWith = 0;

        assertThatThrownBy(() -> new IndicoSource(new IndicoSettings("m", indico.url(), "7", null, null, null, true, 1),
                null, AddressPolicy.blockingInternal(), CHUNKER).testConnection())
                .hasMessageStartingWith("could not reach the Indico server at " + indico.url());
        indico.close();
        assertThatThrownBy(source::testConnection).hasMessageStartingWith("could not reach the Indico server");
    }

    @Test
    void aLargeCategoryIsReadPageByPage() throws IOException {
        for (int i = 0; i < 230; i++) {
            indico.event(Integer.toString(2000 + i), "Weekly meeting " + i, "Weekly", "2023-01-02 10:00:00",
                    "2023-01-02 11:00:00");
        }
        IndicoSource source = source(FakeIndico.TOKEN);

        assertThat(source.list()).filteredOn(p -> p.matches("event/\\d+")).hasSize(232);
        assertThat(indico.requests).filteredOn(r -> r.path().startsWith("/export/"))
                .extracting(r -> r.query().get("offset")).containsExactly("0", "100", "200");
    }

    @Test
    void oneEventAndItsSettings() throws IOException {
        IndicoSource event = new IndicoSource(new IndicoSettings("talk", indico.url(), null, "1002", null, null, true,
                5_000_000), null, LOCAL, CHUNKER);
        assertThat(event.list()).containsExactly("event/1002", "event/1002/contributions/5003",
                "event/1002/contributions/5003/attachments/3003/4003/rn220.pdf");
        assertThat(indico.requests.getLast().path()).isEqualTo("/export/event/1002.json");

        assertThatThrownBy(() -> new IndicoSettings("x", "https://indico.cern.ch", null, null, null, null, true, 1))
                .hasMessageContaining("needs either a category or an event");
        assertThatThrownBy(() -> new IndicoSettings("x", "https://indico.cern.ch", "abc", null, null, null, true, 1))
                .hasMessageContaining("category is a number");
        assertThatThrownBy(() -> new IndicoSettings("x", "ftp://indico.cern.ch", "1", null, null, null, true, 1))
                .hasMessageContaining("must be an http(s) address");
        assertThatThrownBy(() -> new IndicoSettings("x", "https://indico.cern.ch", "1", null, "last year", null, true, 1))
                .hasMessageContaining("from is a date");
        assertThat(new IndicoSettings("x", "https://indico.cern.ch/", "1", null, "-365d", null, true, 1).defaultLink())
                .isEqualTo("https://indico.cern.ch/{path}#{anchor}");
    }
}

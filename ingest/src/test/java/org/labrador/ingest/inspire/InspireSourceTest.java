package org.labrador.ingest.inspire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.indico.SlidesPdf;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.HashingEmbedding;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.retrieval.ChunkIndex;
import tools.jackson.databind.node.ObjectNode;

/** A collaboration's papers from {@link FakeInspire}: metadata and abstracts, full texts from its arXiv. */
class InspireSourceTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);
    private static final AddressPolicy LOCAL = AddressPolicy.allowing(List.of("127.0.0.1", "localhost"));

    private FakeInspire inspire;

    @BeforeEach
    void start() throws IOException {
        inspire = new FakeInspire();
        ObjectNode first = inspire.record(2646491, "First Dark Matter Search with Nuclear Recoils from the XENONnT Experiment",
                "2303.14729", "2024-01-10T08:00:00.000000+00:00", "Aprile, E.", "Abe, K.", "Agostini, F.",
                "Ahmed Maouloud, S.", "Althueser, L.", "Andrieu, B.", "Angelino, E.", "Angevaare, J.R.", "Antochi, V.C.",
                "Antón Martin, D.", "Arneodo, F.", "Baudis, L.");
        first.put("author_count", 152);
        first.putArray("collaborations").addObject().put("value", "XENON");
        first.putArray("dois").addObject().put("value", "10.1103/PhysRevLett.131.041003");
        first.putArray("publication_info").addObject().put("journal_title", "Phys.Rev.Lett.").put("journal_volume", "131")
                .put("year", 2023).put("artid", "041003");
        first.putArray("abstracts").addObject().put("source", "arXiv").put("value", "We search for WIMPs with an"
                + " exposure of $(1.09 \\pm 0.03)$ tonne-years and find no significant excess over background.");
        inspire.pdfs.put("2303.14729", SlidesPdf.pages(
                "First Dark Matter Search with Nuclear Recoils\nThe XENON Collaboration",
                "The detector\nThe electron lifetime stayed above 15 ms throughout the science run.",
                "Results\nNo significant excess was found."));
        inspire.record(2700001, "The XENONnT dark matter experiment", null, "2024-02-01T10:00:00+00:00", "Aprile, E.")
                .putArray("publication_info").addObject().put("journal_title", "Eur.Phys.J.C").put("journal_volume", "84")
                .put("year", 2024).put("artid", "784");
        inspire.record(2700002, "Projected sensitivity of XENONnT", "1906.04717", "2020-05-05T10:00:00+00:00", "Aprile, E.");
    }

    @AfterEach
    void stop() {
        inspire.close();
    }

    private InspireSource source(String url, AddressPolicy policy, int maxRecords) {
        return new InspireSource(new InspireSettings("xenon-papers", url, "collaboration:XENON", true, inspire.arxivUrl(),
                maxRecords, 20_000_000), policy, CHUNKER, Duration.ZERO, Duration.ZERO);
    }

    private InspireSource source() {
        return source(inspire.url(), LOCAL, 0);
    }

    private static String text(SourceFile file) {
        return String.join("\n", file.document().passages().stream().map(Passage::text).toList());
    }

    @Test
    void listsTheQuerysRecordsPageByPageWithOnlyTheFieldsUsed() throws IOException {
        for (int i = 0; i < 250; i++) {
            inspire.record(3_000_000 + i, "Proceedings " + i, null, "2022-01-01T00:00:00+00:00", "Doe, J.");
        }

        List<String> records = source().list();

        assertThat(records).hasSize(253).startsWith("2646491", "2700001", "2700002");
        assertThat(inspire.searches).hasSize(3).extracting(q -> q.get("page")).containsExactly("1", "2", "3");
        assertThat(inspire.searches.getFirst()).containsEntry("q", "collaboration:XENON").containsEntry("size", "100")
                .containsEntry("sort", "mostrecent").containsEntry("fields", InspireSource.FIELDS);
    }

    @Test
    void aRecordIsItsMetadataAbstractAndFullTextCitedByPage() {
        InspireSource source = source();

        SourceFile paper = source.read("2646491");

        assertThat(paper.document().title()).isEqualTo("First Dark Matter Search with Nuclear Recoils from the XENONnT Experiment");
        assertThat(paper.modified()).isEqualTo("2024-01-10T08:00:00Z");
        Passage about = paper.document().passages().getFirst();
        assertThat(about.startPage()).isZero();
        assertThat(about.text()).contains("Authors: Aprile, E.; Abe, K.; Agostini, F.")
                .contains("Antón Martin, D. and 142 others — XENON Collaboration")
                .contains("Published in: Phys.Rev.Lett. 131 (2023) 041003").contains("arXiv: 2303.14729 [hep-ex]")
                .contains("DOI: 10.1103/PhysRevLett.131.041003")
                .contains("INSPIRE: " + inspire.url() + "/literature/2646491");
        assertThat(text(paper)).contains("$(1.09 \\pm 0.03)$ tonne-years");
        assertThat(paper.document().passages()).anyMatch(p -> p.headings().getLast().equals("Abstract"));
        Passage fullText = paper.document().passages().stream().filter(p -> p.text().contains("above 15 ms"))
                .findFirst().orElseThrow();
        assertThat(fullText.startPage()).isPositive();
        assertThat(fullText.startLine()).isGreaterThan(about.endLine());
        assertThat(inspire.arxivRequests).containsExactly("2303.14729", "2303.14729v2");
        assertThat(new LinkTemplate(new InspireSettings("x", null, "q", true, null, 0, 1).defaultLink())
                .link("x", "", "2646491", 1, 2)).isEqualTo("https://inspirehep.net/literature/2646491");
    }

    @Test
    void aRecordWithoutAnArxivPdfKeepsItsMetadataAndIsTriedAgainNextSync() {
        InspireSource source = source();

        SourceFile journalOnly = source.read("2700001");
        SourceFile missingPdf = source.read("2700002");

        assertThat(journalOnly.isSkipped()).isFalse();
        assertThat(text(journalOnly)).contains("Published in: Eur.Phys.J.C 84 (2024) 784");
        assertThat(missingPdf.isSkipped()).isFalse();
        assertThat(missingPdf.document().passages()).allMatch(p -> p.startPage() == 0);
        assertThat(source.exclusionSummary()).isEqualTo("1 record without full text for now (arXiv could not be read;"
                + " tried again at the next sync)");
        source.update();
        assertThat(source.changedSince("2024-06-01T00:00:00Z")).hasValue(java.util.Set.of("2700002"));
    }

    @Test
    void arxivGoesThroughTheAddressPolicyAndIsReadOnceItIsAllowed() {
        // INSPIRE is allowed by its name; arXiv, on 127.0.0.1, is not.
        InspireSource blocked = source(inspire.urlByName(), AddressPolicy.allowing(List.of("localhost")), 0);

        SourceFile metadataOnly = blocked.read("2646491");

        assertThat(metadataOnly.isSkipped()).isFalse();
        assertThat(text(metadataOnly)).contains("We search for WIMPs").doesNotContain("above 15 ms");
        assertThat(inspire.arxivRequests).isEmpty();
        assertThat(blocked.exclusionSummary()).startsWith("1 record without full text for now");

        SourceFile full = source(inspire.urlByName(), LOCAL, 0).read("2646491");
        assertThat(text(full)).contains("above 15 ms");
    }

    @Test
    void aSecondSyncReadsOnlyUpdatedRecordsAndThoseStillWithoutFullText(@TempDir Path indexDir) throws IOException {
        HashingEmbedding embedding = new HashingEmbedding();
        InspireSource source = source();
        LinkTemplate links = new LinkTemplate(new InspireSettings("x", inspire.url(), "q", true, null, 0, 1).defaultLink());
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            SyncReport first = embedding.sync(index, source, links);
            assertThat(first.indexed()).isEqualTo(3);
            assertThat(index.chunks("xenon-papers", "2646491").getFirst().uri()).isEqualTo(inspire.url() + "/literature/2646491");
            int arxivBefore = inspire.arxivRequests.size();

            SyncReport second = embedding.sync(index, source, links);

            assertThat(second.unchanged()).isEqualTo(3);
            assertThat(inspire.arxivRequests.subList(arxivBefore, inspire.arxivRequests.size()))
                    .as("only the PDF that was missing is asked for again").containsExactly("1906.04717");

            inspire.brokenAnswer = "{\"hits\": ";
            assertThatThrownBy(() -> embedding.sync(index, source, links)).hasMessageContaining("is not a search result");
            assertThat(index.documents("xenon-papers")).hasSize(3);
        }
    }

    @Test
    void aRateLimitIsWaitedOutAndErrorsFailTheListing() throws IOException {
        inspire.tooManyRequests.set(2);
        assertThat(source().list()).hasSize(3);
        assertThat(inspire.searches).hasSize(3);

        inspire.brokenAnswer = "<html>Service Unavailable</html>";
        assertThatThrownBy(() -> source().list())
                .hasMessage("INSPIRE's answer for the query collaboration:XENON is not a search result (no hits)");
        inspire.brokenAnswer = null;
        assertThatThrownBy(() -> source(inspire.url(), AddressPolicy.blockingInternal(), 0).testConnection())
                .hasMessageStartingWith("could not reach INSPIRE at " + inspire.url());
        InspireSource source = source();
        inspire.close();
        assertThatThrownBy(source::list).hasMessageStartingWith("could not reach INSPIRE");
        assertThat(source.read("2646491").skipReason()).startsWith("could not reach INSPIRE");
    }

    @Test
    void atMostMaxRecordsAreReadAndTheStatusSaysSo() throws IOException {
        for (int i = 0; i < 250; i++) {
            inspire.record(3_000_000 + i, "Proceedings " + i, null, "2022-01-01T00:00:00+00:00", "Doe, J.");
        }
        InspireSource source = source(inspire.url(), LOCAL, 150);

        assertThat(source.list()).hasSize(150);
        assertThat(inspire.searches).hasSize(2);
        assertThat(source.exclusionSummary()).isEqualTo("the query matches 253 records; only the first 150 are read");
        assertThat(source.testConnection()).isEqualTo("OK, 253 records match collaboration:XENON; only the first 150 are read");
    }

    @Test
    void settingsAreCheckedWhenConfigured() {
        assertThatThrownBy(() -> new InspireSettings("p", null, " ", true, null, 0, 1)).hasMessageContaining("needs a query");
        assertThatThrownBy(() -> new InspireSettings("p", null, "a\nb", true, null, 0, 1)).hasMessageContaining("one line");
        assertThatThrownBy(() -> new InspireSettings("p", null, "q", true, null, 20_000, 1))
                .hasMessageContaining("at most the first 10000");
        assertThatThrownBy(() -> new InspireSettings("p", "file:///etc", "q", true, null, 0, 1))
                .hasMessageContaining("must be an http(s) address");
        InspireSettings defaults = new InspireSettings("p", null, "collaboration:XENON", true, null, 0, 1);
        assertThat(defaults.url()).isEqualTo("https://inspirehep.net");
        assertThat(defaults.arxivUrl()).isEqualTo("https://arxiv.org");
        assertThat(defaults.maxRecords()).isEqualTo(10_000);
    }
}

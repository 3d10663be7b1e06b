package org.labrador.ingest.inspire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.kind.ConnectionCheck;
import org.labrador.ingest.kind.InvalidSettingsException;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.kind.SourceKinds;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.DocumentSource;

/** The kind {@code inspire} as docs/sources.md configures it, opened against {@link FakeInspire}. */
class InspireKindTest {

    private static final SourceKind INSPIRE = SourceKinds.installed().require("inspire");

    private static KindSettings configured(Map<String, ?> entry) {
        List<String> ignored = new ArrayList<>();
        KindSettings settings = INSPIRE.readLenient(entry, ignored::add);
        assertThat(ignored).isEmpty();
        return settings;
    }

    @Test
    void theDocumentedEntryUsesInspireAndArxivByDefault() {
        KindSettings settings = configured(Map.of("query", "collaboration:XENON"));

        assertThat(INSPIRE.citationLink(settings)).isEqualTo("https://inspirehep.net/literature/{path}");
        assertThat(INSPIRE.location(settings)).isEqualTo("https://inspirehep.net/search?q=collaboration:XENON");
        assertThat(INSPIRE.remoteAddress(settings)).contains("inspirehep.net/literature?q=collaboration:xenon");
        assertThat(settings.flag("fullText")).isTrue();
        assertThat(configured(Map.of("query", "collaboration:XENON", "full-text", "false", "max-records", "2000",
                "url", "https://inspirehep.net", "arxiv-url", "https://arxiv.org")).values())
                .containsEntry("fullText", false).containsEntry("maxRecords", 2000L);
    }

    @Test
    void theDocumentedEntryListsTheSearchsRecordsFromAnotherServer() throws IOException {
        try (FakeInspire inspire = new FakeInspire()) {
            inspire.record(2646491, "First Dark Matter Search with Nuclear Recoils from the XENONnT Experiment", null,
                    "2024-01-10T08:00:00.000000+00:00", "Aprile, E.");
            inspire.record(2700002, "Projected sensitivity of XENONnT", null, "2020-05-05T10:00:00+00:00", "Aprile, E.");
            KindSettings settings = configured(Map.of("query", "collaboration:XENON", "full-text", "false",
                    "max-records", "2000", "url", inspire.url(), "arxiv-url", inspire.arxivUrl()));

            DocumentSource source = INSPIRE.open("xenon-papers", settings, new KindContext(20_000_000,
                    new DocumentChunker(350, 40), name -> null, AddressPolicy.allowing(List.of("127.0.0.1")), Path.of("unused")));

            assertThat(source.list()).containsExactly("2646491", "2700002");
            assertThat(inspire.searches.getFirst()).containsEntry("q", "collaboration:XENON");
            assertThat(INSPIRE.testConnection(source))
                    .isEqualTo(new ConnectionCheck(2, "OK, 2 records match collaboration:XENON"));
            assertThat(INSPIRE.citationLink(settings)).isEqualTo(inspire.url() + "/literature/{path}");
        }
    }

    @Test
    void aQueryIsRequiredAndTheRecordsStayWithinInspiresLimit() {
        assertThat(problems(Map.of("full-text", "true"))).containsOnlyKeys("query")
                .containsValue("Search (query) is required");
        assertThat(problems(Map.of("query", "collaboration:XENON", "max-records", "20000"))).containsOnlyKeys("maxRecords");
        assertThat(problems(Map.of("query", "collaboration:XENON", "max-records", "0"))).containsOnlyKeys("maxRecords");
        assertThat(problems(Map.of("query", "collaboration:XENON", "arxiv-url", "ftp://arxiv.org"))).containsOnlyKeys("arxivUrl");
    }

    private static Map<String, String> problems(Map<String, ?> raw) {
        try {
            INSPIRE.read(raw);
        } catch (InvalidSettingsException e) {
            return e.problems();
        }
        throw new AssertionError("accepted " + raw);
    }
}

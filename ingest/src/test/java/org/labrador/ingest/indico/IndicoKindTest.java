package org.labrador.ingest.indico;

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

/** The kind {@code indico} as docs/sources.md configures it, opened against {@link FakeIndico}. */
class IndicoKindTest {

    private static final SourceKind INDICO = SourceKinds.installed().require("indico");

    private static KindSettings configured(Map<String, ?> entry) {
        List<String> ignored = new ArrayList<>();
        KindSettings settings = INDICO.readLenient(entry, ignored::add);
        assertThat(ignored).isEmpty();
        return settings;
    }

    /** The documented entry, on another server; YAML gives the numbers as text, the API as numbers. */
    private static Map<String, Object> documented(String url, Object category) {
        return Map.of("url", url, "category", category, "from", "2022-01-01", "token-env", "INDICO_TOKEN",
                "attachments", "false");
    }

    @Test
    void theDocumentedEntryListsTheCategoryWithTheNamedToken() throws IOException {
        assertThat(configured(documented("https://indico.example.org", "1234")).values()).containsEntry("category", "1234")
                .containsEntry("attachments", false);
        try (FakeIndico indico = new FakeIndico()) {
            indico.event("1001", "XENONnT Analysis Collaboration Meeting", "Analysis meetings", "2024-03-04 09:00:00",
                    "2024-03-06 18:00:00");
            indico.contribution(indico.events.getFirst(), 5001, "Electron lifetime", "2024-03-04 09:00:00",
                    "2024-03-04 09:20:00", 20);
            KindSettings settings = configured(documented(indico.url(), 7));

            DocumentSource source = INDICO.open("xenon-meetings", settings,
                    new KindContext(5_000_000, new DocumentChunker(350, 40), Map.of("INDICO_TOKEN", FakeIndico.TOKEN)::get,
                            AddressPolicy.allowing(List.of("127.0.0.1")), Path.of("unused")));

            assertThat(source.list()).containsExactly("event/1001", "event/1001/contributions/5001");
            assertThat(indico.requests).allMatch(r -> ("Bearer " + FakeIndico.TOKEN).equals(r.authorization()));
            assertThat(indico.requests.getFirst().path()).isEqualTo("/export/categ/7.json");
            assertThat(indico.requests.getFirst().query()).containsEntry("from", "2022-01-01");
            assertThat(INDICO.testConnection(source))
                    .isEqualTo(new ConnectionCheck(2, "OK, 1 event, 1 contribution, 0 PDF attachments"));
            assertThat(INDICO.citationLink(settings)).isEqualTo(indico.url() + "/{path}#{anchor}");
        }
    }

    @Test
    void aCategoryOrAnEventIsNeededAndTwoCategoriesOfOneServerDoNotOverlap() {
        assertThat(problems(Map.of("url", "https://indico.example.org"))).containsOnlyKeys("category", "event");
        assertThat(problems(Map.of("url", "https://indico.example.org", "category", "1", "event", "2")))
                .containsOnlyKeys("event");
        assertThat(problems(Map.of("url", "https://indico.example.org", "category", "physics")))
                .containsOnlyKeys("category");
        assertThat(problems(Map.of("url", "https://indico.example.org", "event", "5678", "from", "last year")))
                .containsOnlyKeys("from");
        assertThat(problems(Map.of("category", "1234"))).containsOnlyKeys("url")
                .containsValue("Indico address (url) is required");
        assertThat(INDICO.remoteAddress(INDICO.read(Map.of("url", "https://Indico.example.org/", "category", "12"))))
                .contains("indico.example.org/category/12");
        assertThat(INDICO.remoteAddress(INDICO.read(Map.of("url", "https://indico.example.org", "event", "5678"))))
                .contains("indico.example.org/event/5678");
    }

    private static Map<String, String> problems(Map<String, ?> raw) {
        try {
            INDICO.read(raw);
        } catch (InvalidSettingsException e) {
            return e.problems();
        }
        throw new AssertionError("accepted " + raw);
    }
}

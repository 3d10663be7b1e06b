package org.labrador.ingest.twiki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * The kind {@code twiki} as docs/sources.md configures it: a data folder, or a live wiki (here
 * {@link FakeTwiki}) with its webs and credentials secret, opened through the installed kinds.
 */
class TwikiKindTest {

    private static final SourceKind TWIKI = SourceKinds.installed().require("twiki");

    private static KindContext context(Map<String, String> secrets) {
        return new KindContext(1_000_000, new DocumentChunker(350, 40), secrets::get,
                AddressPolicy.allowing(List.of("127.0.0.1")), Path.of("unused"));
    }

    /** Read as a configuration file is: every documented key known, none ignored. */
    private static KindSettings configured(Map<String, ?> entry) {
        List<String> ignored = new ArrayList<>();
        KindSettings settings = TWIKI.readLenient(entry, ignored::add);
        assertThat(ignored).isEmpty();
        return settings;
    }

    @Test
    void theDocumentedDataFolderEntryOpensTheFolderAndListsItsTopics() throws IOException {
        KindSettings settings = configured(Map.of("path", TwikiFixture.data().toString(), "engine", "foswiki"));

        DocumentSource source = TWIKI.open("atlas-twiki", settings, context(Map.of()));

        assertThat(source).isInstanceOf(TwikiDataFolder.class);
        assertThat(source.list()).contains("Atlas/TriggerMenuRun3", "Main/JaneDoe").hasSize(6);
        assertThat(TWIKI.testConnection(source)).isEqualTo(new ConnectionCheck(6, "OK, 6 topics in 3 webs"));
        assertThat(TWIKI.citationLink(settings)).isNull();
        assertThat(TWIKI.localPaths(settings)).containsExactly(TwikiFixture.data());
        assertThat(configured(Map.of("path", "/srv/twiki/data", "webs", List.of("Atlas", "Main"))).values())
                .containsEntry("webs", List.of("Atlas", "Main"));
    }

    @Test
    void theDocumentedLiveEntryReadsTheWebsWithTheNamedSecret() throws IOException {
        assertThat(configured(Map.of("url", "https://twiki.example.org/twiki/bin/view", "webs", List.of("Atlas", "Atlas/Trigger"),
                "token-env", "TWIKI_CREDENTIALS")).values()).containsEntry("tokenEnv", "TWIKI_CREDENTIALS");
        try (FakeTwiki wiki = new FakeTwiki(TwikiFixture.data())) {
            wiki.password = "s3cret";
            KindSettings settings = configured(Map.of("url", wiki.viewUrl(), "webs", List.of("Atlas", "Atlas/Calibration"),
                    "token-env", "TWIKI_CREDENTIALS"));

            DocumentSource source = TWIKI.open("atlas-twiki", settings,
                    context(Map.of("TWIKI_CREDENTIALS", "indexer:s3cret")));

            assertThat(source.list()).containsExactly("Atlas/BrokenTopic", "Atlas/Calibration/LArCalibration",
                    "Atlas/TriggerMenuRun3", "Atlas/WebHome");
            assertThat(TWIKI.testConnection(source)).isEqualTo(new ConnectionCheck(4, "OK, 4 topics in 2 webs"));
            assertThat(TWIKI.citationLink(settings)).isEqualTo(wiki.viewUrl() + "/{path}#{anchor}");
            assertThat(TWIKI.location(settings)).isEqualTo(wiki.viewUrl());
            assertThat(TWIKI.localPaths(settings)).isEmpty();
        }
    }

    @Test
    void aLiveWikiNeedsItsWebsAndAFolderNeedsNoSecret() {
        assertThatThrownBy(() -> TWIKI.read(Map.of("webs", List.of("Atlas"))))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).containsKeys("path", "url"));
        assertThat(problems(Map.of("url", "https://twiki.example.org/twiki/bin/view"))).containsOnlyKeys("webs");
        assertThat(problems(Map.of("path", "/srv/twiki/data", "token-env", "TWIKI_CREDENTIALS"))).containsOnlyKeys("tokenEnv");
        assertThat(problems(Map.of("path", "/srv/twiki/data", "url", "https://twiki.example.org/twiki/bin/view",
                "webs", List.of("Atlas")))).containsOnlyKeys("url");
        assertThat(problems(Map.of("path", "/srv/twiki/data", "webs", List.of("Atlas Trigger"))))
                .containsOnlyKeys("webs").hasEntrySatisfying("webs", v -> assertThat(v).contains("'Atlas Trigger' is not a web name"));
        assertThat(problems(Map.of("path", "/srv/twiki/data", "engine", "mediawiki"))).containsOnlyKeys("engine");
    }

    private static Map<String, String> problems(Map<String, ?> raw) {
        try {
            TWIKI.read(raw);
        } catch (InvalidSettingsException e) {
            return e.problems();
        }
        throw new AssertionError("accepted " + raw);
    }
}

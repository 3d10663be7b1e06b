package org.labrador.ingest.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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
import tools.jackson.databind.node.ObjectNode;

/** The kind {@code mattermost} as docs/sources.md configures it, opened against {@link FakeMattermost}. */
class MattermostKindTest {

    private static final SourceKind MATTERMOST = SourceKinds.installed().require("mattermost");

    private static KindSettings configured(Map<String, ?> entry) {
        List<String> ignored = new ArrayList<>();
        KindSettings settings = MATTERMOST.readLenient(entry, ignored::add);
        assertThat(ignored).isEmpty();
        return settings;
    }

    private static Map<String, Object> documented(String url) {
        return Map.of("url", url, "team", "xenonnt", "channels", List.of("analysis-help", "detector-ops"),
                "token-env", "MATTERMOST_TOKEN");
    }

    @Test
    void theDocumentedEntryListsTheThreadsOfItsChannelsWithTheNamedToken() throws IOException {
        assertThat(configured(documented("https://mattermost.example.org")).values())
                .containsEntry("channels", List.of("analysis-help", "detector-ops"));
        try (FakeMattermost mattermost = new FakeMattermost()) {
            String alice = mattermost.user(2, "alice");
            String help = mattermost.channel(1, "analysis-help", "Analysis Help", "O", true);
            String ops = mattermost.channel(2, "detector-ops", "Detector Ops", "P", true);
            long t0 = Instant.parse("2024-03-04T09:00:00Z").toEpochMilli();
            ObjectNode question = mattermost.post(help, "", alice, "How do I apply the S1 correction map?", t0);
            mattermost.post(help, question.path("id").asString(), alice, "Found it: s1_xyz_map.", t0 + 60_000);
            ObjectNode trip = mattermost.post(ops, "", alice, "PMT 123 trips at 1500 V.", t0 + 120_000);
            KindSettings settings = configured(documented(mattermost.url()));

            DocumentSource source = MATTERMOST.open("xenon-chat", settings,
                    new KindContext(5_000_000, new DocumentChunker(350, 40),
                            Map.of("MATTERMOST_TOKEN", FakeMattermost.TOKEN)::get,
                            AddressPolicy.allowing(List.of("127.0.0.1")), Path.of("unused")));

            assertThat(source.list()).as("a source open to everyone does not read private channels")
                    .containsExactly(question.path("id").asString());
            source.openTo(List.of("xenon"));
            assertThat(source.list()).containsExactlyInAnyOrder(question.path("id").asString(), trip.path("id").asString());
            ConnectionCheck check = MATTERMOST.testConnection(source);
            assertThat(check.documents()).isEqualTo(2);
            assertThat(check.message()).isEqualTo("OK, as @indexer: 2 channels (1 private), 2 threads");
            assertThat(MATTERMOST.citationLink(settings)).isEqualTo(mattermost.url() + "/xenonnt/pl/{path}");
        }
    }

    @Test
    void theTokenTeamAndChannelsAreRequiredAndRefusedByName() {
        Map<String, Object> noToken = new java.util.HashMap<>(documented("https://mattermost.example.org"));
        noToken.remove("token-env");
        assertThat(problems(noToken)).containsOnlyKeys("tokenEnv").containsValue("Access token secret (tokenEnv) is required");
        assertThat(problems(Map.of("url", "https://mattermost.example.org", "team", "XENON nT", "channels",
                List.of("analysis-help"), "token-env", "MATTERMOST_TOKEN"))).containsOnlyKeys("team");
        assertThat(problems(Map.of("url", "https://mattermost.example.org", "team", "xenonnt", "channels",
                List.of("Analysis Help"), "token-env", "MATTERMOST_TOKEN"))).containsOnlyKeys("channels");
        assertThat(problems(Map.of("url", "https://bot:pw@mattermost.example.org", "team", "xenonnt", "channels",
                List.of("analysis-help"), "token-env", "MATTERMOST_TOKEN"))).containsOnlyKeys("url");
    }

    private static Map<String, String> problems(Map<String, ?> raw) {
        try {
            MATTERMOST.read(raw);
        } catch (InvalidSettingsException e) {
            return e.problems();
        }
        throw new AssertionError("accepted " + raw);
    }
}

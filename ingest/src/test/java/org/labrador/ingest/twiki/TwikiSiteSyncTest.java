package org.labrador.ingest.twiki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.HashingEmbedding;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;

/**
 * A live TWiki synced into a real index: later syncs read only the topics its {@code WebRss} feeds
 * name as changed, citations carry no empty anchor, and refused credentials keep what was indexed.
 */
class TwikiSiteSyncTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);
    private static final AddressPolicy LOCAL = AddressPolicy.allowing(List.of("127.0.0.1"));
    private static final List<String> TOPICS = List.of("Atlas/BrokenTopic", "Atlas/Calibration/LArCalibration",
            "Atlas/ShiftGuide", "Atlas/TriggerMenuRun3", "Atlas/WebHome");
    /** Each web's WebRss, as TWiki's _default web has it. */
    private static final String WEB_RSS = """
            %META:TOPICINFO{author="TWikiContributor" date="1111929255" format="1.0" version="1.3"}%
            <channel rdf:about="%SCRIPTURL{"view"}%/%INCLUDINGWEB%">
              <title>%WIKITOOLNAME%'s <nop>%INCLUDINGWEB% web</title>
              <link>%SCRIPTURL{"view"}%/%INCLUDINGWEB%</link>
              <description>The %INCLUDINGWEB% web of TWiki.</description>
            %INCLUDE{"%TWIKIWEB%.WebRssBase"}% <!--
               * Set SKIN = rss
            -->
            """;

    @TempDir
    Path scratch;
    private Path data;
    private FakeTwiki wiki;
    private final HashingEmbedding embedding = new HashingEmbedding();

    @BeforeEach
    void start() throws IOException {
        data = TwikiFixture.copyTo(scratch.resolve("data"));
        Files.writeString(data.resolve("Atlas/WebRss.txt"), WEB_RSS, StandardCharsets.ISO_8859_1);
        Files.writeString(data.resolve("Atlas/Calibration/WebRss.txt"), WEB_RSS, StandardCharsets.ISO_8859_1);
        Files.writeString(data.resolve("Atlas/ShiftGuide.txt"), """
                %META:TOPICINFO{author="JaneDoe" date="1700000000" format="1.1" version="1.4"}%
                Read this before your first shift in the ATLAS control room; it is kept short on purpose.

                ---+ Before the shift
                Sign the shift booking and read the e-log of the last three shifts.
                """, StandardCharsets.ISO_8859_1);
        // Files copied now would count as edited now for a topic without a readable TOPICINFO date.
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
            }
        }
        wiki = new FakeTwiki(data);
        wiki.password = "s3cret";
    }

    @AfterEach
    void stop() {
        wiki.close();
    }

    private TwikiSite site() {
        return new TwikiSite(new TwikiSettings("atlas", null, wiki.viewUrl(), List.of("Atlas", "Atlas/Calibration"),
                null, "TWIKI_SECRET", 1_000_000), () -> "indexer:s3cret", LOCAL, CHUNKER);
    }

    private LinkTemplate links() {
        return new LinkTemplate(new TwikiSettings("atlas", null, wiki.viewUrl(), List.of("Atlas"), null, null, 1)
                .defaultLink());
    }

    private List<String> topicsRead() {
        return wiki.requests.stream().filter(r -> "raw=all".equals(r.query()))
                .map(r -> r.path().substring("/twiki/bin/view/".length())).sorted().toList();
    }

    @Test
    void aLaterSyncReadsOnlyTheTopicsTheFeedsNameAsChangedAndTheNewOnes() throws IOException {
        TwikiSite site = site();
        try (ChunkIndex index = ChunkIndex.open(scratch.resolve("index"))) {
            SyncReport first = embedding.sync(index, site, links());
            assertThat(first.indexed()).isEqualTo(TOPICS.size());
            assertThat(topicsRead()).containsExactlyElementsOf(TOPICS);

            Path lar = data.resolve("Atlas/Calibration/LArCalibration.txt");
            Files.writeString(lar, Files.readString(lar, StandardCharsets.ISO_8859_1)
                    .replaceFirst("date=\"\\d+\"", "date=\"" + Instant.now().getEpochSecond() + "\"")
                    .replace("every week", "every other week"), StandardCharsets.ISO_8859_1);
            Files.writeString(data.resolve("Atlas/TileCalibration.txt"), "%META:TOPICINFO{author=\"JaneDoe\" date=\""
                    + Instant.now().getEpochSecond() + "\" format=\"1.1\" version=\"1.1\"}%\n---+ Tile calibration\n"
                    + "Cesium scans run every month.\n", StandardCharsets.ISO_8859_1);
            Files.delete(data.resolve("Atlas/BrokenTopic.txt"));
            wiki.requests.clear();

            SyncReport second = embedding.sync(index, site, links());
            assertThat(topicsRead()).containsExactly("Atlas/Calibration/LArCalibration", "Atlas/TileCalibration");
            assertThat(wiki.requests).anyMatch(r -> r.path().endsWith("/Atlas/WebRss") && r.query().contains("limit=200"))
                    .anyMatch(r -> r.path().endsWith("/Atlas/Calibration/WebRss"));
            assertThat(second.indexed()).isEqualTo(2);
            assertThat(second.unchanged()).isEqualTo(3);
            assertThat(second.deleted()).as("the topic lists are read whole: a deleted topic leaves").isEqualTo(1);
            assertThat(index.chunks("atlas", "Atlas/Calibration/LArCalibration"))
                    .anyMatch(c -> c.text().contains("every other week"));

            // A web without its feed (an administrator deleted WebRss): its every topic is compared.
            Files.delete(data.resolve("Atlas/Calibration/WebRss.txt"));
            wiki.requests.clear();
            SyncReport third = embedding.sync(index, site, links());
            assertThat(topicsRead()).as("that web's only; the other's feed tells (TileCalibration changed within the"
                    + " clock skew allowed)").containsExactly("Atlas/Calibration/LArCalibration", "Atlas/TileCalibration");
            assertThat(third.indexed()).isZero();
        }
    }

    /** Gives a topic a new revision dated now plus {@code seconds}, with a new sentence. */
    private void save(String topic, long seconds, String sentence) throws IOException {
        Path file = data.resolve(topic + ".txt");
        Files.writeString(file, Files.readString(file, StandardCharsets.ISO_8859_1)
                .replaceFirst("date=\"\\d+\"", "date=\"" + (Instant.now().getEpochSecond() + seconds) + "\"")
                + "\n" + sentence + "\n", StandardCharsets.ISO_8859_1);
    }

    @Test
    void aShortFeedWhoseTopicsAllChangedSinceCannotTellAndItsWebIsComparedWhole() throws IOException {
        TwikiSite site = site();
        try (ChunkIndex index = ChunkIndex.open(scratch.resolve("index"))) {
            embedding.sync(index, site, links());
            save("Atlas/ShiftGuide", 0, "Bring your badge to the control room.");
            save("Atlas/TriggerMenuRun3", 1, "The menu changes at the next technical stop.");
            // A customised WebRss that ignores limit: it lists only the newest change.
            wiki.feedLengths.put("Atlas", 1);
            wiki.requests.clear();

            SyncReport second = embedding.sync(index, site, links());

            assertThat(topicsRead()).as("every Atlas topic is compared; Calibration's full feed tells: nothing")
                    .containsExactly("Atlas/BrokenTopic", "Atlas/ShiftGuide", "Atlas/TriggerMenuRun3", "Atlas/WebHome");
            assertThat(second.indexed()).isEqualTo(2);
            assertThat(index.chunks("atlas", "Atlas/ShiftGuide")).as("the change the short feed left out")
                    .anyMatch(c -> c.text().contains("Bring your badge"));
        }
    }

    @Test
    void textBeforeTheFirstHeadingIsCitedByTheTopicAloneAndSectionsByTheirAnchor() throws IOException {
        try (ChunkIndex index = ChunkIndex.open(scratch.resolve("index"))) {
            embedding.sync(index, site(), links());

            List<Chunk> guide = index.chunks("atlas", "Atlas/ShiftGuide");
            assertThat(guide).extracting(Chunk::uri).containsExactly(wiki.viewUrl() + "/Atlas/ShiftGuide",
                    wiki.viewUrl() + "/Atlas/ShiftGuide#Before_the_shift");
            assertThat(index.chunks("atlas", "Atlas/TriggerMenuRun3")).extracting(Chunk::uri).noneMatch(u -> u.endsWith("#"));
        }
    }

    @Test
    void anExpiredCredentialFailsTheSyncWithItsReasonAndKeepsEverythingIndexed() throws IOException {
        TwikiSite site = site();
        try (ChunkIndex index = ChunkIndex.open(scratch.resolve("index"))) {
            embedding.sync(index, site, links());
            List<Chunk> menu = index.chunks("atlas", "Atlas/TriggerMenuRun3");

            wiki.password = "rotated"; // the indexer's password was changed on the wiki: 401
            assertThatThrownBy(() -> embedding.sync(index, site, links())).isInstanceOf(IOException.class)
                    .hasMessage("the wiki refused to list web Atlas (HTTP 401): check the credentials in TWIKI_SECRET");
            assertThat(index.documents("atlas")).containsOnlyKeys(TOPICS);
            assertThat(index.chunks("atlas", "Atlas/TriggerMenuRun3")).isEqualTo(menu);

            wiki.loginPage = true; // an expired single sign-on session: the login page, with a 200
            assertThatThrownBy(() -> embedding.sync(index, site, links()))
                    .hasMessage("no topics listed for web Atlas: check the web's name, and the credentials in"
                            + " TWIKI_SECRET (a login page lists none)");
            assertThat(index.documents("atlas")).containsOnlyKeys(TOPICS);

            wiki.loginPage = false;
            wiki.password = "s3cret";
            wiki.failing.put("Atlas/Calibration/WebTopicList", 403); // the indexer lost access to the subweb
            assertThatThrownBy(() -> embedding.sync(index, site, links())).hasMessage("the wiki refused to list web"
                    + " Atlas/Calibration (HTTP 403): check the credentials in TWIKI_SECRET");
            assertThat(index.documents("atlas")).containsOnlyKeys(TOPICS);

            wiki.failing.clear();
            SyncReport again = embedding.sync(index, site, links());
            assertThat(again.deleted()).isZero();
            assertThat(again.unchanged()).isEqualTo(TOPICS.size());
        }
    }
}

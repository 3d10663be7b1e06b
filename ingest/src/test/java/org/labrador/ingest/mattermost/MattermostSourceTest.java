package org.labrador.ingest.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.HashingEmbedding;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.retrieval.ChunkIndex;
import tools.jackson.databind.node.ObjectNode;

/** Channels of a team read through the REST API v4 of {@link FakeMattermost}: threads as documents. */
class MattermostSourceTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);
    private static final AddressPolicy LOCAL = AddressPolicy.allowing(List.of("127.0.0.1"));
    private static final long T0 = Instant.parse("2024-03-04T09:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final int SHIFT_REPORTS = 420;
    private static final List<String> XENON = List.of("xenon");

    private FakeMattermost mattermost;
    private String help;
    private String ops;
    private String dm;
    private ObjectNode question;
    private ObjectNode answer;
    private ObjectNode pmtQuestion;

    @BeforeEach
    void start() throws IOException {
        mattermost = new FakeMattermost();
        String alice = mattermost.user(2, "alice");
        String bob = mattermost.user(3, "bob");
        String carol = mattermost.user(4, "carol");
        help = mattermost.channel(1, "analysis-help", "Analysis Help", "O", true);
        ops = mattermost.channel(2, "detector-ops", "Detector Ops", "P", true);
        mattermost.channel(3, "secret-plans", "Secret Plans", "P", false);
        dm = mattermost.channel(4, FakeMattermost.id('u', 1) + "__" + FakeMattermost.id('u', 2), "", "D", true);

        question = mattermost.post(help, "", alice, "### How do I apply the S1 correction map?\n"
                + "I get NaNs for events near the wall.", T0);
        String root = question.path("id").asString();
        answer = mattermost.post(help, root, bob, "Use `straxen.get_correction_from_cmt` with the `s1_xyz_map`;"
                + " events outside the map's radius get NaN by design.", T0 + 10 * MINUTE);
        mattermost.post(help, root, carol, "Also check that your context uses the same CMT version as the processing.",
                T0 + 60 * MINUTE);
        mattermost.post(help, root, bob, "nonsense, ignore", T0 + 61 * MINUTE).put("delete_at", T0 + 62 * MINUTE);
        mattermost.post(help, "", alice, "alice joined the channel.", T0 - MINUTE).put("type", "system_join_channel");
        for (int i = 0; i < SHIFT_REPORTS; i++) {
            mattermost.post(help, "", carol, "Shift report " + i + ": all systems nominal.", T0 - (i + 2) * MINUTE);
        }
        pmtQuestion = mattermost.post(ops, "", bob, "PMT 123 trips at 1500 V: should we lower it?", T0 + 5 * MINUTE);
        mattermost.post(ops, pmtQuestion.path("id").asString(), alice, "Lower it to 1450 V and log it in the e-log.",
                T0 + 7 * MINUTE);
    }

    @AfterEach
    void stop() {
        mattermost.close();
    }

    /** A source open to the group xenon, so that its private channels are read. */
    private MattermostSource source(String token, List<String> channels) {
        MattermostSource source = openToEveryone(token, channels);
        source.openTo(XENON);
        return source;
    }

    private MattermostSource openToEveryone(String token, List<String> channels) {
        return new MattermostSource(new MattermostSettings("chat", mattermost.url(), "xenonnt", channels, "MM_TOKEN",
                5_000_000), () -> token, LOCAL, CHUNKER);
    }

    private MattermostSource source() {
        return source(FakeMattermost.TOKEN, List.of("analysis-help", "detector-ops", "secret-plans", dm));
    }

    @Test
    void listsTheThreadsOfReadableChannelsPageByPageAndSaysWhichCannotBeRead() throws IOException {
        MattermostSource source = source();

        List<String> threads = source.list();

        assertThat(threads).hasSize(SHIFT_REPORTS + 2).contains(question.path("id").asString(), pmtQuestion.path("id").asString())
                .doesNotContain(answer.path("id").asString());
        assertThat(mattermost.requests).filteredOn(r -> r.contains("/channels/" + help + "/posts"))
                .as("3 pages of 200 posts, each before the oldest of the last").hasSize(3)
                .allMatch(r -> r.contains("per_page=200")).filteredOn(r -> r.contains("before=")).hasSize(2);
        assertThat(source.exclusionSummary()).isEqualTo("~secret-plans: no access (HTTP 403): the token's user must be a"
                + " member of a private channel; ~" + dm + ": direct and group messages are not indexed");
    }

    @Test
    void aThreadIsOneDocumentWithTheQuestionAndItsAnswersInOrder() {
        MattermostSource source = source();
        String root = question.path("id").asString();

        SourceFile thread = source.read(root);

        assertThat(thread.isSkipped()).as(thread.skipReason()).isFalse();
        assertThat(thread.document().title()).isEqualTo("~Analysis Help: How do I apply the S1 correction map?");
        assertThat(thread.document().passages()).hasSize(1);
        String text = thread.document().passages().getFirst().text();
        assertThat(text).containsSubsequence("**@alice** · 2024-03-04 09:00 UTC", "\\### How do I apply",
                "**@bob** · 2024-03-04 09:10 UTC (reply)", "`s1_xyz_map`", "**@carol** · 2024-03-04 10:00 UTC (reply)",
                "same CMT version").doesNotContain("nonsense");
        assertThat(thread.modified()).isEqualTo("2024-03-04T10:00:00Z");
        assertThat(new LinkTemplate(new MattermostSettings("chat", "https://chat.example.org", "xenonnt",
                List.of("analysis-help"), "T", 1).defaultLink()).link("chat", "", root, 1, 9))
                .isEqualTo("https://chat.example.org/xenonnt/pl/" + root);
        assertThat(mattermost.requests).anyMatch(r -> r.equals("GET /api/v4/posts/" + root + "/thread"))
                .anyMatch(r -> r.equals("POST /api/v4/users/ids"));
    }

    @Test
    void threadsGoneOrOutsideTheChannelsAreSkippedWithTheirReason() {
        MattermostSource source = source(FakeMattermost.TOKEN, List.of("analysis-help"));

        assertThat(source.read(pmtQuestion.path("id").asString()).skipReason())
                .isEqualTo("the thread is not in one of the source's channels");
        assertThat(source.read(FakeMattermost.id('p', 99_999)).skipReason()).isEqualTo("the thread is gone from Mattermost (HTTP 404)");
        assertThat(source.read("../../users/me").skipReason()).isEqualTo("not a Mattermost post id");
    }

    @Test
    void onlyThreadsWithPostsChangedSinceTheLastSyncAreReadAgain() {
        MattermostSource source = source();
        source.update();
        answer.put("message", "Use the `s1_xyz_map` correction (edited).");
        answer.put("edit_at", T0 + 300 * MINUTE);
        answer.put("update_at", T0 + 300 * MINUTE);

        assertThat(source.changedSince(Instant.ofEpochMilli(T0 + 200 * MINUTE).toString()))
                .hasValue(java.util.Set.of(question.path("id").asString()));
        for (int i = 0; i < 1000; i++) {
            mattermost.post(help, "", FakeMattermost.id('u', 4), "burst " + i, T0 + 400 * MINUTE + i);
        }
        source.update();
        assertThat(source.changedSince(Instant.ofEpochMilli(T0 + 200 * MINUTE).toString()))
                .as("a full answer of 1000 posts may have left some out: compare every thread").isEmpty();
    }

    @Test
    void aRevokedTokenFailsTheSyncAndALostPrivateChannelLeavesWithAStatus(@TempDir Path indexDir) throws IOException {
        HashingEmbedding embedding = new HashingEmbedding();
        MattermostSource source = source(FakeMattermost.TOKEN, List.of("analysis-help", "detector-ops"));
        LinkTemplate links = new LinkTemplate(new MattermostSettings("chat", mattermost.url(), "xenonnt",
                List.of("analysis-help"), "T", 1).defaultLink());
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            SyncReport first = embedding.sync(index, source, links, XENON);
            assertThat(first.indexed()).isEqualTo(SHIFT_REPORTS + 2);
            assertThat(index.chunks("chat", question.path("id").asString()).getFirst().uri())
                    .isEqualTo(mattermost.url() + "/xenonnt/pl/" + question.path("id").asString());

            mattermost.revoked = true;
            assertThatThrownBy(() -> embedding.sync(index, source, links, XENON)).hasMessage("Mattermost did not accept the"
                    + " token in MM_TOKEN (HTTP 401): the personal access token may have been revoked, or its user deactivated");
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 2);

            mattermost.revoked = false;
            mattermost.member.put(ops, false); // the indexer's user left the private channel
            SyncReport after = embedding.sync(index, source, links, XENON);
            assertThat(after.deleted()).isEqualTo(1);
            assertThat(after.excluded()).startsWith("~detector-ops: no access (HTTP 403)");
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 1).doesNotContainKey(pmtQuestion.path("id").asString());
        }
    }

    @Test
    void aRateLimitIsWaitedOutAndAnyOtherErrorFailsTheSyncSoNoThreadIsDeleted(@TempDir Path indexDir) throws IOException {
        HashingEmbedding embedding = new HashingEmbedding();
        MattermostSource source = source(FakeMattermost.TOKEN, List.of("analysis-help", "detector-ops"));
        LinkTemplate links = new LinkTemplate(new MattermostSettings("chat", mattermost.url(), "xenonnt",
                List.of("analysis-help"), "T", 1).defaultLink());
        String pmt = pmtQuestion.path("id").asString();
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            assertThat(embedding.sync(index, source, links, XENON).indexed()).isEqualTo(SHIFT_REPORTS + 2);

            mattermost.rateLimit("/channels/" + ops + "/posts", 2);
            SyncReport waited = embedding.sync(index, source, links, XENON);
            assertThat(waited.deleted()).isZero();
            assertThat(waited.excluded()).isEmpty();
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 2).containsKey(pmt);

            mattermost.rateLimit("/channels/" + ops + "/posts", 100); // longer than the client waits
            assertThatThrownBy(() -> embedding.sync(index, source, links, XENON)).hasMessage("Mattermost answered HTTP 429 for"
                    + " the posts of ~detector-ops: its rate limit held after the waits it asked for; nothing was"
                    + " removed, the next sync tries again");
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 2).containsKey(pmt);
            mattermost.rateLimit("/channels/" + ops + "/posts", 0);

            mattermost.rateLimit("/channels/name/detector-ops", 100);
            assertThatThrownBy(() -> embedding.sync(index, source, links, XENON)).hasMessageStartingWith("Mattermost answered"
                    + " HTTP 429 for channel ~detector-ops");
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 2).containsKey(pmt);
            mattermost.rateLimit("/channels/name/detector-ops", 0);

            mattermost.failing.put("/channels/name/detector-ops", 400);
            assertThatThrownBy(() -> embedding.sync(index, source, links, XENON)).hasMessage("Mattermost answered HTTP 400 for"
                    + " channel ~detector-ops: Invalid or missing parameter in request URL.; nothing was removed, the"
                    + " next sync tries again");
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 2).containsKey(pmt);
            mattermost.failing.clear();

            mattermost.failing.put("/channels/" + ops + "/posts", 400);
            assertThatThrownBy(() -> embedding.sync(index, source, links, XENON)).hasMessage("Mattermost answered HTTP 400 for"
                    + " the posts of ~detector-ops: Invalid or missing parameter in request URL.; nothing was removed,"
                    + " the next sync tries again");
            mattermost.failing.put("/channels/" + ops + "/posts", 500);
            assertThatThrownBy(() -> embedding.sync(index, source, links, XENON)).hasMessage("Mattermost answered HTTP 500"
                    + " for " + mattermost.url() + "/api/v4/channels/" + ops + "/posts");
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 2).containsKey(pmt);
            mattermost.failing.clear();

            assertThat(embedding.sync(index, source, links, XENON).unchanged()).isEqualTo(SHIFT_REPORTS + 2);
        }
    }

    @Test
    void aPrivateChannelInASourceOpenToEverySignedInUserIsNotIndexedAndLeavesTheIndex(@TempDir Path indexDir)
            throws IOException {
        HashingEmbedding embedding = new HashingEmbedding();
        LinkTemplate links = new LinkTemplate(new MattermostSettings("chat", mattermost.url(), "xenonnt",
                List.of("analysis-help"), "T", 1).defaultLink());
        String pmt = pmtQuestion.path("id").asString();
        String warning = "~detector-ops (a private channel) is restricted on its server, but this source has no groups,"
                + " so it is not indexed (nothing of it stays in the index): give the source the groups of those who"
                + " may read it";
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            SyncReport withoutGroups = embedding.sync(index, openToEveryone(FakeMattermost.TOKEN,
                    List.of("analysis-help", "detector-ops")), links, List.of());
            assertThat(withoutGroups.warnings()).containsExactly(warning);
            assertThat(withoutGroups.excluded()).isEqualTo("~detector-ops: a private channel, not indexed because the"
                    + " source has no groups (give it the groups of those who may read the channel)");
            assertThat(index.documents("chat")).as("the public channel still is").hasSize(SHIFT_REPORTS + 1)
                    .containsKey(question.path("id").asString()).doesNotContainKey(pmt);
            assertThat(mattermost.requests).noneMatch(r -> r.contains("/channels/" + ops + "/posts"));

            MattermostSource source = source(FakeMattermost.TOKEN, List.of("analysis-help", "detector-ops"));
            SyncReport withGroups = embedding.sync(index, source, links, XENON);
            assertThat(withGroups.warnings()).isEmpty();
            assertThat(withGroups.excluded()).isEmpty();
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 2).containsKey(pmt);

            SyncReport groupsRemoved = embedding.sync(index, source, links, List.of());
            assertThat(groupsRemoved.warnings()).containsExactly(warning);
            assertThat(groupsRemoved.deleted()).isEqualTo(1);
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 1).doesNotContainKey(pmt);
            assertThat(source.read(pmt).skipReason()).isEqualTo("the thread is not in one of the source's channels");

            SyncReport onlyPrivate = embedding.sync(index, openToEveryone(FakeMattermost.TOKEN, List.of("detector-ops")),
                    links, List.of());
            assertThat(onlyPrivate.warnings()).containsExactly(warning);
            assertThat(index.documents("chat")).as("nothing is left to index: no failure that would keep it").isEmpty();

            assertThat(embedding.sync(index, openToEveryone(FakeMattermost.TOKEN, List.of("analysis-help")), links,
                    List.of()).warnings()).as("public channels only").isEmpty();
            assertThat(index.documents("chat")).hasSize(SHIFT_REPORTS + 1);
        }
    }

    @Test
    void noReadableChannelOrAnAnswerThatIsNotTheApisFailsTheListing() {
        assertThatThrownBy(() -> source(FakeMattermost.TOKEN, List.of("secret-plans", "no-such-channel")).list())
                .hasMessage("no channel could be read: ~secret-plans: no access (HTTP 403): the token's user must be a"
                        + " member of a private channel; ~no-such-channel: no such channel in team xenonnt (HTTP 404)");
        mattermost.brokenPostsAnswer = "<html>502 Bad Gateway</html>";
        assertThatThrownBy(() -> source().list()).hasMessageContaining("is not JSON");
        mattermost.brokenPostsAnswer = "{\"order\": 17}";
        assertThatThrownBy(() -> source().list()).hasMessageContaining("is not a post list");
        assertThatThrownBy(() -> new MattermostSource(new MattermostSettings("chat", mattermost.url(), "other-team",
                List.of("x"), "MM_TOKEN", 1000), () -> FakeMattermost.TOKEN, LOCAL, CHUNKER).list())
                .hasMessageStartingWith("Mattermost has no team 'other-team' the token's user is in (HTTP 404");
        assertThatThrownBy(() -> source(null, List.of("analysis-help")).list()).hasMessage("no token: MM_TOKEN is not set");
    }

    @Test
    void testConnectionSaysWhoReadsWhatOrWhyNot() throws IOException {
        assertThat(source().testConnection()).startsWith("OK, as @indexer: 2 channels (1 private), "
                + (SHIFT_REPORTS + 2) + " threads; ~secret-plans: no access");
        assertThatThrownBy(() -> new MattermostSource(new MattermostSettings("chat", mattermost.url(), "xenonnt",
                List.of("analysis-help"), "MM_TOKEN", 1000), () -> "x", AddressPolicy.blockingInternal(), CHUNKER)
                .testConnection()).hasMessageStartingWith("could not reach the Mattermost server at " + mattermost.url());
        MattermostSource source = source();
        mattermost.close();
        assertThatThrownBy(source::testConnection).hasMessageStartingWith("could not reach the Mattermost server");
        assertThat(source.read(question.path("id").asString()).skipReason()).startsWith("cannot read from Mattermost: could not reach");
    }

    @Test
    void settingsAreCheckedWhenConfigured() {
        assertThatThrownBy(() -> new MattermostSettings("c", "https://chat", "xenonnt", List.of(), "T", 1))
                .hasMessageContaining("needs the channels");
        assertThatThrownBy(() -> new MattermostSettings("c", "https://chat", "XENON nT", List.of("a"), "T", 1))
                .hasMessageContaining("team is the team's name");
        assertThatThrownBy(() -> new MattermostSettings("c", "https://chat", "xenonnt", List.of("../users"), "T", 1))
                .hasMessageContaining("is not a channel name");
        assertThatThrownBy(() -> new MattermostSettings("c", "https://chat", "xenonnt", List.of("a"), null, 1))
                .hasMessageContaining("needs token-env");
        assertThat(new MattermostSettings("c", "https://chat/", "xenonnt", List.of("~town-square"), "T", 1).channels())
                .containsExactly("town-square");
    }
}

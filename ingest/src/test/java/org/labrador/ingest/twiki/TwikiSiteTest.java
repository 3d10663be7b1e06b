package org.labrador.ingest.twiki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.SourceFile;

/** A live TWiki read over its view script, against {@link FakeTwiki} serving the fixture's data tree. */
class TwikiSiteTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);
    /** The test wiki listens on 127.0.0.1, which an administrator must allow like any internal host. */
    private static final AddressPolicy LOCAL = AddressPolicy.allowing(List.of("127.0.0.1"));

    private FakeTwiki wiki;

    @BeforeEach
    void start() throws IOException {
        wiki = new FakeTwiki(TwikiFixture.data());
        wiki.password = "s3cret";
    }

    @AfterEach
    void stop() {
        wiki.close();
    }

    private TwikiSite site(String secret, List<String> webs, AddressPolicy policy) {
        return new TwikiSite(new TwikiSettings("atlas", null, wiki.viewUrl(), webs, null, "TWIKI_SECRET", 1_000_000),
                () -> secret, policy, CHUNKER);
    }

    @Test
    void listsTheChosenWebsFromTheirTopicListsWithTheCredentials() throws IOException {
        TwikiSite site = site("indexer:s3cret", List.of("Atlas", "Atlas/Calibration"), LOCAL);

        assertThat(site.list()).containsExactly("Atlas/BrokenTopic", "Atlas/Calibration/LArCalibration",
                "Atlas/TriggerMenuRun3", "Atlas/WebHome");
        assertThat(wiki.requests).allMatch(r -> r.authorization() != null && r.authorization().startsWith("Basic "));
        assertThat(site.testConnection()).isEqualTo("OK, 4 topics in 2 webs");
    }

    @Test
    void aTopicReadLiveIsTheSameDocumentAsFromTheDataFolder() {
        TwikiSite site = site("indexer:s3cret", List.of("Atlas"), LOCAL);
        TwikiDataFolder folder = new TwikiDataFolder(new TwikiSettings("atlas", TwikiFixture.data(), null, List.of(),
                null, null, 1_000_000), CHUNKER);

        for (String topic : List.of("Atlas/TriggerMenuRun3", "Atlas/BrokenTopic")) {
            SourceFile live = site.read(topic);
            assertThat(live.isSkipped()).as(live.skipReason()).isFalse();
            assertThat(live.document()).isEqualTo(folder.read(topic).document());
        }
        assertThat(site.read("Atlas/TriggerMenuRun3").modified()).isEqualTo("2024-03-01T09:40:00Z");
        assertThat(wiki.requests).anyMatch(r -> r.path().equals("/twiki/bin/view/Atlas/TriggerMenuRun3")
                && "raw=all".equals(r.query()));
    }

    @Test
    void aWrongPasswordFailsTheListingSoNothingIndexedIsDeleted() {
        TwikiSite site = site("indexer:wrong", List.of("Atlas"), LOCAL);

        assertThatThrownBy(site::list).isInstanceOf(IOException.class)
                .hasMessage("the wiki refused to list web Atlas (HTTP 401): check the credentials in TWIKI_SECRET");
        assertThat(site.read("Atlas/WebHome").skipReason()).isEqualTo("the wiki refused access (HTTP 401)");
        assertThatThrownBy(() -> site(null, List.of("Atlas"), LOCAL).list()).hasMessage("no credentials: TWIKI_SECRET is not set");
    }

    @Test
    void aLoginPageInsteadOfTheWikiIsNoEmptyWebAndNoTopic() {
        wiki.loginPage = true;
        TwikiSite site = site("indexer:expired", List.of("Atlas"), LOCAL);

        assertThatThrownBy(site::list).hasMessageStartingWith("no topics listed for web Atlas");
        assertThat(site.read("Atlas/WebHome").skipReason()).startsWith("the wiki answered with a web page instead");
    }

    @Test
    void brokenAndMissingTopicsAreSkippedWithTheirReason() {
        wiki.failing.put("Atlas/WebHome", 500);
        TwikiSite site = site("indexer:s3cret", List.of("Atlas"), LOCAL);

        assertThat(site.read("Atlas/WebHome").skipReason()).isEqualTo("the wiki answered HTTP 500");
        assertThat(site.read("Atlas/NoSuchTopic").skipReason()).isEqualTo("no such topic on the wiki");
        assertThat(site.read("Main/JaneDoe").skipReason()).isEqualTo("not a topic of this source's webs");
        assertThat(site.read("Atlas/../Main/JaneDoe").skipReason()).isEqualTo("not a topic of this source's webs");
        assertThat(site.read("Atlas/TriggerMenuRun3").isSkipped()).isFalse();
    }

    @Test
    void credentialsNeverFollowARedirectToAnotherHost() throws IOException {
        try (FakeTwiki other = new FakeTwiki(TwikiFixture.data())) {
            wiki.redirects.put("Atlas/WebHome", other.viewUrl() + "/Atlas/WebHome?raw=all");
            TwikiSite site = site("indexer:s3cret", List.of("Atlas"), LOCAL);

            SourceFile home = site.read("Atlas/WebHome");

            assertThat(home.isSkipped()).isFalse();
            assertThat(other.requests).hasSize(1).allMatch(r -> r.authorization() == null);
        }
    }

    @Test
    void aRedirectToAnAddressThePolicyRefusesIsNotFollowed() {
        // The wiki is allowed by its name; the address it redirects to is not allowed.
        String byName = wiki.viewUrl().replace("127.0.0.1", "localhost");
        wiki.redirects.put("Atlas/WebHome", wiki.viewUrl() + "/Atlas/TriggerMenuRun3?raw=all");
        TwikiSite site = new TwikiSite(new TwikiSettings("atlas", null, byName, List.of("Atlas"), null, "TWIKI_SECRET",
                1_000_000), () -> "indexer:s3cret", AddressPolicy.allowing(List.of("localhost")), CHUNKER);

        assertThat(site.read("Atlas/TriggerMenuRun3").isSkipped()).isFalse();
        assertThat(site.read("Atlas/WebHome").skipReason()).startsWith("cannot read from the wiki: could not reach");
        assertThat(wiki.requests).noneMatch(r -> r.path().endsWith("/TriggerMenuRun3") && r.authorization() == null);
    }

    @Test
    void cookieAndBearerSecretsBecomeTheirHeaders() {
        assertThat(TwikiSite.headersFor("cookie:TWIKISID=abc; _shibsession=x")).containsEntry("Cookie", "TWIKISID=abc; _shibsession=x");
        assertThat(TwikiSite.headersFor("bearer:tok")).containsEntry("Authorization", "Bearer tok");
        assertThat(TwikiSite.headersFor("indexer:s3cret")).containsEntry("Authorization", "Basic aW5kZXhlcjpzM2NyZXQ=");
        assertThatThrownBy(() -> TwikiSite.headersFor("justatoken")).hasMessageContaining("user:password");
    }

    @Test
    void anInternalOrUnreachableWikiGetsOneMessage() {
        TwikiSite blocked = site("indexer:s3cret", List.of("Atlas"), AddressPolicy.blockingInternal());
        assertThatThrownBy(blocked::list).hasMessageStartingWith("could not reach the wiki at ")
                .hasMessageContaining("must be allowed by an administrator");

        TwikiSite site = site("indexer:s3cret", List.of("Atlas"), LOCAL);
        wiki.close();
        assertThatThrownBy(site::list).hasMessageStartingWith("could not reach the wiki at ");
        assertThat(site.read("Atlas/WebHome").skipReason()).startsWith("cannot read from the wiki: could not reach");
    }
}

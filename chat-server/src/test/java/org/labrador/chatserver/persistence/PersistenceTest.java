package org.labrador.chatserver.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.conversations.ConversationStore;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccount;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.chatserver.sources.SourceStore;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.retrieval.Citation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts, tokens, sources and conversations survive in a real database: the embedded H2 file of
 * the default set-up, and PostgreSQL when {@code LABRADOR_TEST_POSTGRES_URL} names a server (as
 * {@code .ci/run} does). The schema comes from the same Flyway migrations as in production.
 */
class PersistenceTest {

    static Stream<String> databases() throws Exception {
        Path h2 = Files.createTempDirectory("labrador-h2");
        String postgres = System.getenv("LABRADOR_TEST_POSTGRES_URL");
        return postgres == null || postgres.isBlank()
                ? Stream.of("jdbc:h2:file:" + h2.resolve("labrador"), "postgres: LABRADOR_TEST_POSTGRES_URL not set")
                : Stream.of("jdbc:h2:file:" + h2.resolve("labrador"), postgres);
    }

    private static JdbcClient database(String url) {
        Assumptions.assumeTrue(url.startsWith("jdbc:"), "no PostgreSQL server: set LABRADOR_TEST_POSTGRES_URL (.ci/run does)");
        DataSource dataSource = new DriverManagerDataSource(url);
        Flyway flyway = Flyway.configure().dataSource(dataSource).cleanDisabled(false).load();
        flyway.clean(); // a server is shared between runs: start from an empty schema
        flyway.migrate();
        return JdbcClient.create(dataSource);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void accountsKeepHashedPasswordsRolesAndGroups(String url) {
        JdbcClient db = database(url);
        UserAccounts accounts = new UserAccounts(db, PasswordEncoderFactories.createDelegatingPasswordEncoder());
        UserAccount ada = accounts.create("ada", "a long password here", Role.CURATOR, List.of("xenon", "analysis"));
        assertThat(ada.groups()).containsExactly("analysis", "xenon");
        String stored = db.sql("select password_hash from users where username = 'ada'").query(String.class).single();
        assertThat(stored).startsWith("{bcrypt}").doesNotContain("a long password here");
        assertThat(accounts.loadUserByUsername("ada").getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_READER", "ROLE_CURATOR");
        accounts.setGroups("ada", List.of("lz"));
        accounts.setRole("ada", Role.READER);
        assertThat(accounts.find("ada").orElseThrow()).extracting(UserAccount::groups, UserAccount::role)
                .containsExactly(List.of("lz"), Role.READER);
        assertThatThrownBy(() -> accounts.create("ada", "another long password", Role.READER, List.of()))
                .hasMessageContaining("exists");
        assertThatThrownBy(() -> accounts.create("bob", "short", Role.READER, List.of())).hasMessageContaining("at least");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tokensAreStoredHashedAndRevokedAtOnce(String url) {
        JdbcClient db = database(url);
        UserAccounts accounts = new UserAccounts(db, PasswordEncoderFactories.createDelegatingPasswordEncoder());
        accounts.create("ada", "a long password here", Role.READER, List.of());
        ApiTokens tokens = new ApiTokens(db, accounts);
        ApiTokens.Created created = tokens.create("ada", "VS Code");
        assertThat(db.sql("select count(*) from api_tokens where token_hash = ?").param(created.secret())
                .query(Long.class).single()).as("the secret itself is not stored").isZero();
        assertThat(tokens.authenticate(created.secret())).map(UserAccount::username).contains("ada");
        assertThat(tokens.list("ada")).singleElement().satisfies(t -> assertThat(t.lastUsedAt()).isNotNull());
        assertThat(tokens.revoke("ada", created.token().id())).isTrue();
        assertThat(tokens.authenticate(created.secret())).isEmpty();
        accounts.setEnabled("ada", false);
        assertThat(tokens.authenticate(tokens.create("ada", "again").secret())).as("disabled account").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sourcesAndDocumentFlagsRoundTrip(String url) {
        SourceStore store = new SourceStore(database(url));
        Source wiki = new Source("wiki", "git", Map.of("url", "https://git.example.org/wiki.git", "excludes",
                List.of("drafts/**", "*.tmp"), "branch", "main \"quoted\" \\ back"), null, List.of("xenon", "lz"), "0 0 3 * * *");
        store.save(wiki, SourceStore.Origin.UI);
        assertThat(store.byName("wiki")).contains(wiki);
        store.save(new Source("wiki", "docs", Map.of("path", "/srv/wiki2")), SourceStore.Origin.CONFIG);
        assertThat(store.byName("wiki").orElseThrow().settings()).isEqualTo(Map.of("path", "/srv/wiki2"));
        assertThat(store.origins()).containsEntry("wiki", SourceStore.Origin.CONFIG);
        store.flag("wiki", "old/page.md", SourceStore.Flag.EXCLUDED);
        store.flag("wiki", "faq.md", SourceStore.Flag.PINNED);
        assertThat(store.flags("wiki")).containsEntry("old/page.md", SourceStore.Flag.EXCLUDED).hasSize(2);
        assertThat(store.pinned()).containsExactly("wiki/faq.md");
        store.delete("wiki");
        assertThat(store.flags("wiki")).as("flags go with their source").isEmpty();
    }

    /**
     * The migration to one JSON object of settings per source keeps every source of the first
     * schema as it was: each column of the built-in kinds becomes the setting of that name for the
     * kinds that read it, with quotes, backslashes and multi-line excludes intact.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void sourcesOfTheFirstSchemaKeepTheirSettings(String url) {
        Assumptions.assumeTrue(url.startsWith("jdbc:"), "no PostgreSQL server: set LABRADOR_TEST_POSTGRES_URL (.ci/run does)");
        DataSource dataSource = new DriverManagerDataSource(url);
        Flyway.configure().dataSource(dataSource).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(dataSource).target("1").load().migrate();
        JdbcClient db = JdbcClient.create(dataSource);
        String insert = "insert into sources (name, kind, path, url, branch, token_env, link, excludes, groups_csv, schedule,"
                + " origin) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        db.sql(insert).params("straxen", "git", null, "https://github.com/XENONnT/straxen.git", "dev \"x\"", "LABRADOR_SECRET_GH",
                null, "docs/legacy/**\n*.csv\nweird\\\"glob", "xenon,lz", "0 0 3 * * *", "CONFIG").update();
        db.sql(insert).params("handbook", "docs", "C:\\docs \"shared\"", null, null, null,
                "https://h/{path}", "stray/**", "", "", "UI").update();
        db.sql(insert).params("wiki", "mediawiki", null, "https://wiki.example.org/w/api.php", null, "WIKI_BOT", null, "", "",
                "", "CONFIG").update();
        db.sql(insert).params("export", "mediawiki", "/srv/wiki.xml", null, null, null, null, "", "", "", "CONFIG").update();

        Flyway.configure().dataSource(dataSource).load().migrate();
        SourceStore store = new SourceStore(db);
        assertThat(store.byName("straxen").orElseThrow()).isEqualTo(new Source("straxen", "git",
                Map.of("url", "https://github.com/XENONnT/straxen.git", "branch", "dev \"x\"", "tokenEnv", "LABRADOR_SECRET_GH",
                        "excludes", List.of("docs/legacy/**", "*.csv", "weird\\\"glob")),
                null, List.of("xenon", "lz"), "0 0 3 * * *"));
        assertThat(store.byName("handbook").orElseThrow()).as("excludes were never a docs setting")
                .isEqualTo(new Source("handbook", "docs", Map.of("path", "C:\\docs \"shared\""), "https://h/{path}",
                        List.of(), ""));
        assertThat(store.byName("wiki").orElseThrow().settings())
                .isEqualTo(Map.of("url", "https://wiki.example.org/w/api.php", "tokenEnv", "WIKI_BOT"));
        assertThat(store.byName("export").orElseThrow().settings()).isEqualTo(Map.of("path", "/srv/wiki.xml"));
        assertThat(store.origins()).containsEntry("handbook", SourceStore.Origin.UI).containsEntry("wiki", SourceStore.Origin.CONFIG);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void conversationsBelongToTheirUserAndFeedQuestionsForCurators(String url) {
        JdbcClient db = database(url);
        UserAccounts accounts = new UserAccounts(db, PasswordEncoderFactories.createDelegatingPasswordEncoder());
        long ada = accounts.create("ada", "a long password here", Role.READER, List.of()).id();
        long bob = accounts.create("bob", "a long password here", Role.READER, List.of()).id();
        ConversationStore store = new ConversationStore(db, JsonMapper.builder().build());
        Citation cited = new Citation(1, "Cuts", "cuts.md", List.of("S1"), "3-9", "/source/wiki/cuts.md", "", "wiki");
        Answer covered = new Answer("Set in cuts.yaml [1].", List.of(cited), new Answer.ModelInfo("m", "u", true, ""), true, 0.71);
        Answer gap = new Answer("I don't know.", List.of(), new Answer.ModelInfo("m", "u", true, ""), false, 0.32);

        ConversationStore.Recorded first = store.record(ada, null, "Where is the S1 threshold set?", covered);
        ConversationStore.Recorded second = store.record(ada, first.conversationId(), "And the S2 one?", gap);
        assertThat(second.conversationId()).isEqualTo(first.conversationId());
        assertThat(store.record(bob, first.conversationId(), "Hijack?", gap).conversationId())
                .as("a conversation of someone else is not continued").isNotEqualTo(first.conversationId());

        assertThat(store.list(ada)).singleElement().extracting(ConversationStore.ConversationSummary::title)
                .isEqualTo("Where is the S1 threshold set?");
        assertThat(store.get(ada, first.conversationId()).orElseThrow().exchanges()).hasSize(2)
                .first().satisfies(e -> assertThat(e.citationsJson()).contains("cuts.md"));
        assertThat(store.get(bob, first.conversationId())).isEmpty();

        // An answer that cites none of its sources is kept as unverified, and read back so when reopened.
        Answer uncited = new Answer("Set in the cuts file.", List.of(cited), new Answer.ModelInfo("m", "u", true, ""), true,
                0.7, false, 0, List.of(), null, null);
        ConversationStore.Recorded third = store.record(ada, first.conversationId(), "Where exactly?", uncited);
        assertThat(store.get(ada, first.conversationId()).orElseThrow().exchanges())
                .extracting(ConversationStore.StoredExchange::grounded).containsExactly(true, true, false);
        assertThat(store.questions(null, false, false, 10)).filteredOn(q -> q.exchangeId() == third.exchangeId())
                .singleElement().satisfies(q -> assertThat(q.grounded()).isFalse());

        store.rate(ada, second.exchangeId(), -1, "the S2 threshold is in the wiki's Cuts page");
        assertThatThrownBy(() -> store.rate(bob, second.exchangeId(), 1, null)).hasMessageContaining("no answer");

        assertThat(store.questions(null, true, false, 10)).extracting(ConversationStore.AskedQuestion::question)
                .containsExactly("Hijack?", "And the S2 one?");
        assertThat(store.questions("wiki", false, false, 10)).hasSize(2)
                .allSatisfy(q -> assertThat(q.username()).as("anonymised").isNull());
        assertThat(store.questions(null, true, false, 10)).filteredOn(q -> q.rating() != null).singleElement()
                .extracting(ConversationStore.AskedQuestion::feedback).asString().contains("Cuts page");
        assertThat(store.delete(bob, first.conversationId())).isFalse();
        assertThat(store.delete(ada, first.conversationId())).isTrue();
        assertThat(store.list(ada)).isEmpty();
    }
}

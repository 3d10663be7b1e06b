package org.labrador.chatserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.chatserver.ApiCalls.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ApiCalls;
import org.labrador.chatserver.sources.SyncService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attacks on the server's files through sources and {@code /files}: a curator points a source at
 * {@code /etc} or at the data dir (which holds the password hashes); a reader opens hidden files,
 * other file types, excluded documents and links leading out of the folder, plainly or with encoded
 * traversal; a curator re-adds a grouped folder without its groups. Also the source names that are
 * not folder names, and the clones that "test connection" and removal used to leave behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FileServingAttackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SHADOW = "root:*:19000:0:99999:7:::";
    /** The allowed root; the data dir is inside it, as when both live under /srv/labrador. */
    private static final Path ROOT = temp("labrador-files-root");
    private static final Path DATA = ROOT.resolve("data");
    private static final Path HANDBOOK = ROOT.resolve("handbook");
    private static final Path TEAMS = ROOT.resolve("teams");
    private static final Path LZ = TEAMS.resolve("lz");
    private static final Path OUTSIDE = temp("labrador-files-outside");

    @LocalServerPort
    int port;

    private final ApiCalls api = new ApiCalls(() -> port);

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SyncService sync;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        folders();
        registry.add("labrador.data-dir", DATA::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> DATA.resolve("no-sources.yml").toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9"); // no model: answers are passages
        registry.add("labrador.sources.allowed-roots", ROOT::toString);
        registry.add("labrador.sources[0].name", () -> "handbook");
        registry.add("labrador.sources[0].path", HANDBOOK::toString);
        registry.add("labrador.sources[1].name", () -> "lz-notes");
        registry.add("labrador.sources[1].path", LZ::toString);
        registry.add("labrador.sources[1].groups[0]", () -> "lz");
    }

    /** A handbook with the usual traps in it, a grouped folder, and a secret outside both. */
    private static void folders() throws IOException {
        Files.createDirectories(DATA);
        Files.writeString(OUTSIDE.resolve("shadow.md"), SHADOW + "\n");
        Files.createDirectories(HANDBOOK.resolve("sub"));
        Files.writeString(HANDBOOK.resolve("guide.md"), "# Guide\n\nThe circulation pump runs at 50 slpm.\n");
        Files.writeString(HANDBOOK.resolve("retired.md"), "# Retired\n\nThe old purifier was retired in 2020.\n");
        Files.writeString(HANDBOOK.resolve("sub/notes.md"), "# Notes\n\nShift notes.\n");
        Files.writeString(HANDBOOK.resolve("backup.sql"), "insert into users values ('admin', '" + SHADOW + "');\n");
        Files.writeString(HANDBOOK.resolve(".env"), "LABRADOR_ADMIN_PASSWORD=" + SHADOW + "\n");
        Files.createDirectories(HANDBOOK.resolve(".git"));
        Files.writeString(HANDBOOK.resolve(".git/config"), "[remote \"origin\"]\n\turl = https://u:" + SHADOW + "@x.org/r\n");
        Files.writeString(HANDBOOK.resolve(".git/notes.md"), "# " + SHADOW + "\n");
        Files.createSymbolicLink(HANDBOOK.resolve("passwd.md"), OUTSIDE.resolve("shadow.md"));
        Files.createSymbolicLink(HANDBOOK.resolve("etc"), OUTSIDE);
        Files.createDirectories(LZ.resolve("runs"));
        Files.writeString(LZ.resolve("runs/cuts.md"), "# LZ cuts\n\nThe fiducial volume cut is secret.\n");
        Files.createSymbolicLink(ROOT.resolve("link-out"), OUTSIDE);
    }

    @BeforeEach
    void accountsAndIndex() throws IOException {
        if (accounts.find("ada").isEmpty()) {
            accounts.create("ada", "ada's long password", Role.ADMIN, List.of());
            accounts.create("carol", "carol's long password", Role.CURATOR, List.of());
            accounts.create("dave", "dave's long password", Role.READER, List.of());
        }
        sync.syncNow("handbook", p -> { });
    }

    @Test
    void aCuratorCannotPointASourceOutsideTheAllowedRoots() throws Exception {
        for (String path : List.of("/etc", "/", OUTSIDE.toString(), ROOT.resolve("handbook/../../" + OUTSIDE.getFileName()).toString(),
                ROOT.resolve("link-out").toString())) {
            for (String kind : List.of("docs", "papers", "dokuwiki")) {
                HttpResponse<String> refused = api.call("POST", "/api/v1/sources", token("carol"), source("r1etc", kind, path, null));
                assertThat(refused.statusCode()).as(kind + " " + path + ": " + refused.body()).isEqualTo(400);
                assertThat(JSON.readTree(refused.body()).path("error").asString()).contains("allowed-roots");
            }
            JsonNode test = json(api.call("POST", "/api/v1/sources/test", token("carol"), source("r1etc", "docs", path, null)), 200);
            assertThat(test.path("ok").asBoolean()).as(path).isFalse();
            assertThat(test.path("documents").asInt()).isZero();
        }
        assertThat(api.call("POST", "/api/v1/sources", token("ada"), source("r1etc", "docs", "/etc", null)).statusCode())
                .as("nor can an admin: the roots are the server's configuration").isEqualTo(400);
        assertThat(api.call("POST", "/api/v1/sources", token("carol"),
                "{\"name\": \"dump\", \"kind\": \"mediawiki\", \"path\": \"/etc/passwd\"}").statusCode()).isEqualTo(400);
        assertThat(api.call("POST", "/api/v1/sources", token("carol"),
                "{\"name\": \"repo\", \"kind\": \"git\", \"url\": \"file://" + OUTSIDE + "\"}").statusCode()).isEqualTo(400);
        assertThat(api.call("GET", "/files/r1etc/shadow", token("carol"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void theDataDirIsNeverASourceEvenInsideAnAllowedRoot() throws Exception {
        for (String path : List.of(DATA.toString(), DATA.resolve("index").toString(), ROOT.toString(),
                HANDBOOK.resolve("../data").toString())) {
            HttpResponse<String> refused = api.call("POST", "/api/v1/sources", token("ada"), source("accounts", "docs", path, null));
            assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("error").asString()).contains("data dir");
        }
        assertThat(api.call("POST", "/api/v1/sources", token("ada"),
                "{\"name\": \"clones\", \"kind\": \"git\", \"url\": \"file://" + DATA.resolve("repos/x") + "\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void filesServesOnlyIndexedDocumentsThatAreNotExcluded() throws Exception {
        String dave = token("dave");
        HttpResponse<String> guide = api.call("GET", "/files/handbook/guide.md", dave, null);
        assertThat(guide.statusCode()).isEqualTo(200);
        assertThat(guide.body()).contains("50 slpm");

        JsonNode documents = json(api.call("GET", "/api/v1/sources/handbook/documents", token("carol"), null), 200);
        assertThat(documents.valueStream().map(d -> d.path("path").asString()))
                .as("links out of the folder and hidden files are not indexed")
                .contains("guide.md", "sub/notes.md").doesNotContain("passwd.md", "etc/shadow.md", ".env", ".git/notes.md");

        for (String path : List.of("passwd.md", "etc/shadow.md", ".env", ".git/config", ".git/notes.md", "backup.sql",
                "sub/missing.md", "sub", "")) {
            HttpResponse<String> refused = api.call("GET", "/files/handbook/" + path, dave, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
            assertThat(refused.body()).as(path).doesNotContain(SHADOW);
        }

        assertThat(api.call("GET", "/files/handbook/retired.md", dave, null).statusCode()).isEqualTo(200);
        assertThat(api.call("PUT", "/api/v1/sources/handbook/documents/flag", token("carol"),
                "{\"path\": \"retired.md\", \"flag\": \"excluded\"}").statusCode()).isEqualTo(204);
        assertThat(api.call("GET", "/files/handbook/retired.md", dave, null).statusCode()).as("excluded").isEqualTo(404);
        assertThat(api.call("PUT", "/api/v1/sources/handbook/documents/flag", token("carol"),
                "{\"path\": \"retired.md\", \"flag\": \"none\"}").statusCode()).isEqualTo(204);

        assertThat(api.call("GET", "/files/lz-notes/runs/cuts.md", dave, null).statusCode()).as("another group's file").isEqualTo(404);
    }

    @Test
    void encodedTraversalNeverReachesAFile() throws Exception {
        String dave = token("dave");
        SoftAssertions softly = new SoftAssertions();
        String up = "..%2f..%2f" + OUTSIDE.getFileName() + "%2fshadow.md";
        for (String path : List.of("../../" + OUTSIDE.getFileName() + "/shadow.md", up, "%2e%2e/%2e%2e/" + OUTSIDE.getFileName() + "/shadow.md",
                "%2E%2E%2F%2E%2E%2F" + OUTSIDE.getFileName() + "%2Fshadow.md", "%252e%252e/%252e%252e/" + OUTSIDE.getFileName() + "/shadow.md",
                "%252e%252e%252f%252e%252e%252f" + OUTSIDE.getFileName() + "%252fshadow.md",
                "..%5c..%5c" + OUTSIDE.getFileName() + "%5cshadow.md", "sub%5c..%5c.env", "guide.md%00.sql", "guide.md%00",
                "%2eenv", "%252eenv", ".%2fgit/config", "%2egit%2fconfig", "sub/..%2f.env", "sub/%2e%2e/.env",
                "etc%2fshadow.md", "passwd.md%23", "./guide.md%2f..%2f.env", ";/../.env", "..;/.env")) {
            HttpResponse<String> refused = api.call("GET", "/files/handbook/" + path, dave, null);
            // Spring Security's firewall answers most of these with 400, the files controller the rest with 404.
            softly.assertThat(refused.statusCode()).as(path).isIn(400, 404);
            softly.assertThat(refused.body()).as(path).doesNotContain(SHADOW);
        }
        softly.assertAll();
    }

    @Test
    void anUngroupedSourceCannotOpenAGroupedFolderUnlessAnAdminInsists() throws Exception {
        String carol = token("carol");
        for (String path : List.of(LZ.toString(), LZ.resolve("runs").toString(), TEAMS.toString())) {
            HttpResponse<String> refused = api.call("POST", "/api/v1/sources", carol, source("lz-open", "docs", path, null));
            assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(409);
            assertThat(JSON.readTree(refused.body()).path("error").asString()).contains("lz-notes").contains("every user");
            assertThat(api.call("POST", "/api/v1/sources", carol, source("lz-open", "docs", path, List.of("xenon"))).statusCode())
                    .as("another group").isEqualTo(409);
            assertThat(api.call("POST", "/api/v1/sources", carol, source("lz-open", "docs", path, List.of("lz", "xenon"))).statusCode())
                    .as("more groups").isEqualTo(409);
        }
        assertThat(api.call("POST", "/api/v1/sources", carol, withOverride(source("lz-open", "docs", LZ.toString(), null))).statusCode())
                .as("a curator cannot override").isEqualTo(409);
        assertThat(api.call("POST", "/api/v1/sources", token("ada"), source("lz-open", "docs", LZ.toString(), null)).statusCode())
                .as("an admin must ask for it").isEqualTo(409);

        json(api.call("POST", "/api/v1/sources", carol, source("lz-runs", "docs", LZ.resolve("runs").toString(), List.of("lz"))), 201);
        HttpResponse<String> widened = api.call("PUT", "/api/v1/sources/lz-runs", carol, source("lz-runs", "docs", LZ.resolve("runs").toString(), null));
        assertThat(widened.statusCode()).as("an edit cannot drop the groups either").isEqualTo(409);
        json(api.call("POST", "/api/v1/sources", token("ada"), withOverride(source("lz-open", "docs", LZ.toString(), null))), 201);

        for (String name : List.of("lz-runs", "lz-open")) {
            assertThat(api.call("DELETE", "/api/v1/sources/" + name, carol, null).statusCode()).isEqualTo(204);
            waitUntilGone(name);
        }
    }

    @Test
    void sourceNamesThatAreNotPlainFolderNamesAreRefused() throws Exception {
        for (String name : List.of(".", "..", ".hidden", "a/b", "a\\\\b", "..\\\\..", "tab\\there", "new\\nline")) {
            HttpResponse<String> refused = api.call("POST", "/api/v1/sources", token("carol"),
                    "{\"name\": \"" + name + "\", \"kind\": \"docs\", \"path\": \"" + HANDBOOK + "\"}");
            assertThat(refused.statusCode()).as(name + ": " + refused.body()).isEqualTo(400);
        }
    }

    @Test
    void testingAGitSourceLeavesNoCloneAndRemovingOneDeletesIts() throws Exception {
        Path repository = ROOT.resolve("tools");
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repository.resolve("README.md"), "# Tools\n\nThe slow-control tools.\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Add README").setAuthor("Test", "test@example.org")
                    .setCommitter("Test", "test@example.org").call();
        }
        String carol = token("carol");
        String definition = "{\"name\": \"tools\", \"kind\": \"git\", \"path\": \"" + repository + "\"}";
        for (int i = 0; i < 2; i++) {
            JsonNode test = json(api.call("POST", "/api/v1/sources/test", carol, definition), 200);
            assertThat(test.path("ok").asBoolean()).as(test.toString()).isTrue();
        }
        assertThat(DATA.resolve("repos/tools")).doesNotExist();
        assertThat(leftIn(DATA.resolve("probes"))).as("the scratch clones are gone").isEmpty();

        json(api.call("POST", "/api/v1/sources", carol, definition), 201);
        sync.syncNow("tools", p -> { });
        assertThat(DATA.resolve("repos/tools")).isDirectory();
        assertThat(api.call("DELETE", "/api/v1/sources/tools", carol, null).statusCode()).isEqualTo(204);
        waitUntilGone("tools");
        assertThat(DATA.resolve("repos/tools")).as("the clone went with the source").doesNotExist();
    }

    private static List<Path> leftIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (var entries = Files.list(folder)) {
            return entries.toList();
        }
    }

    /** The removal runs after any sync in progress: wait until the source is gone from the list. */
    private void waitUntilGone(String name) throws Exception {
        String carol = token("carol");
        for (int i = 0; i < 200 && api.call("GET", "/api/v1/sources/" + name, carol, null).statusCode() != 404; i++) {
            Thread.sleep(50);
        }
        assertThat(api.call("GET", "/api/v1/sources/" + name, carol, null).statusCode()).isEqualTo(404);
    }

    private static String source(String name, String kind, String path, List<String> groups) {
        return "{\"name\": \"" + name + "\", \"kind\": \"" + kind + "\", \"path\": \"" + path + "\""
                + (groups == null ? "" : ", \"groups\": [" + String.join(", ", groups.stream().map(g -> "\"" + g + "\"").toList()) + "]")
                + "}";
    }

    private static String withOverride(String definition) {
        return definition.substring(0, definition.length() - 1) + ", \"allowWiderAccess\": true}";
    }

    private String token(String user) {
        return tokens.create(user, "test").secret();
    }



    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

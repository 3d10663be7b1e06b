package org.labrador.chatserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.webui.curation.SourceAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attacks by a curator through the sources API on what the server reaches and sends: secrets
 * named by {@code token-env}, requests to internal addresses (server-side request forgery), port
 * probing through error messages, redirects, credentials in URLs and script links in citations.
 *
 * <p>Two fake servers play the network: an "internal service" on 127.0.0.1, which must never be
 * reached, and a "remote" on 127.0.0.2 that {@code labrador.sources.allowed-hosts} allows, as an
 * administrator would allow an internal Git server (127.0.0.2 is loopback on Linux).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboundAttackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FILE_SECRET = "token-from-the-secrets-file";
    private static final String CONFIG_PASSWORD = "s3cr3t-in-config-url";

    private static Path data;
    private static HttpServer internal;
    private static HttpServer remote;
    private static final List<String> internalHits = new CopyOnWriteArrayList<>();
    private static final List<String> remoteHits = new CopyOnWriteArrayList<>();
    private static volatile String redirectTarget;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SyncService sync;

    @Autowired
    SourceAdmin sourcesPage;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        data = Files.createTempDirectory("labrador-outbound");
        Files.writeString(data.resolve("secrets.properties"), "LABRADOR_SECRET_GIT=" + FILE_SECRET + "\n");
        Path docs = Files.createTempDirectory("labrador-outbound-docs"); // outside the data dir, as sources must be
        Files.writeString(docs.resolve("cryostat.md"), "# Cryostat\n\nThe cryostat holds the xenon at 177 kelvin.\n");
        startServers();
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.secrets-file", () -> data.resolve("secrets.properties").toString());
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> data.resolve("none.yml").toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9");
        registry.add("labrador.sources.allowed-hosts", () -> "127.0.0.2");
        // An administrator's sources: a URL with a password (kept, never shown) and a script link (never served).
        registry.add("labrador.sources[0].name", () -> "legacy-git");
        registry.add("labrador.sources[0].kind", () -> "git");
        registry.add("labrador.sources[0].url", () -> "https://alice:" + CONFIG_PASSWORD + "@git.example.org/g/legacy.git");
        registry.add("labrador.sources[1].name", () -> "scripted");
        registry.add("labrador.sources[1].kind", () -> "docs");
        registry.add("labrador.sources[1].path", docs::toString);
        registry.add("labrador.sources[1].link", () -> "javascript:alert(document.cookie)//{path}");
    }

    private static void startServers() throws IOException {
        if (internal != null) {
            return;
        }
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        internal.createContext("/", exchange -> {
            internalHits.add(exchange.getRequestURI().toString());
            byte[] banner = "internal admin console v1.2 - root shell ready".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, banner.length);
            exchange.getResponseBody().write(banner);
            exchange.close();
        });
        internal.start();
        try {
            remote = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        } catch (IOException e) {
            remote = null; // not Linux: the tests that need it are skipped, naming it
            return;
        }
        remote.createContext("/", exchange -> {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = exchange.getRequestMethod().equals("POST")
                    ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) : "";
            remoteHits.add(exchange.getRequestURI() + " auth=" + authorization + " body=" + body);
            if (redirectTarget != null) {
                exchange.getResponseHeaders().add("Location", redirectTarget + exchange.getRequestURI());
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
            }
            exchange.close();
        });
        remote.start();
    }

    @AfterAll
    static void stopServers() {
        internal.stop(0);
        if (remote != null) {
            remote.stop(0);
        }
    }

    @BeforeEach
    void curator() {
        if (accounts.find("mallory").isEmpty()) {
            accounts.create("mallory", "mallory's long password", Role.CURATOR, List.of());
        }
        internalHits.clear();
        remoteHits.clear();
        redirectTarget = null;
    }

    @Test
    void tokenEnvNamingAnyVariableIsRefusedBeforeAnythingIsSent() throws Exception {
        assumeTrue(remote != null, "needs 127.0.0.2 on the loopback interface (Linux) for the allowed fake remote");
        String remoteUrl = "http://127.0.0.2:" + remote.getAddress().getPort();
        for (String name : List.of("LABRADOR_ADMIN_PASSWORD", "PATH", "HOME", "LABRADOR_SECRET_")) {
            for (String kindAndUrl : List.of("\"kind\": \"git\", \"url\": \"" + remoteUrl + "/x.git\"",
                    "\"kind\": \"mediawiki\", \"url\": \"" + remoteUrl + "/w/api.php\"")) {
                String definition = "{\"name\": \"exfil\", " + kindAndUrl + ", \"tokenEnv\": \"" + name + "\"}";
                for (String path : List.of("/api/v1/sources/test", "/api/v1/sources")) {
                    HttpResponse<String> response = call("POST", path, definition);
                    assertThat(response.statusCode()).as(path + " " + definition).isEqualTo(400);
                    assertThat(JSON.readTree(response.body()).path("error").asString())
                            .contains("token-env " + name).contains("LABRADOR_SECRET_");
                }
            }
        }
        assertThat(remoteHits).as("nothing reached the listener").isEmpty();
        assertThat(call("GET", "/api/v1/sources/exfil", null).statusCode()).isEqualTo(404);

        // A secret meant for sources is used: the listener is real, so the silence above means something.
        JsonNode allowed = json(call("POST", "/api/v1/sources/test",
                "{\"name\": \"fine\", \"kind\": \"git\", \"url\": \"" + remoteUrl + "/x.git\", \"tokenEnv\": \"LABRADOR_SECRET_GIT\"}"));
        assertThat(allowed.path("ok").asBoolean()).isFalse();
        assertThat(remoteHits).anyMatch(h -> h.contains("auth=Basic "));
    }

    @Test
    void internalAddressesAreNeverFetchedAndAllFailAlike() throws Exception {
        int open = internal.getAddress().getPort();
        List<String> hosts = List.of("127.0.0.1:" + open, "localhost:" + open, "[::1]:" + open, "169.254.169.254",
                "10.0.0.1", "0.0.0.0:" + open, "2130706433:" + open, "[::ffff:127.0.0.1]:" + open,
                "[::ffff:7f00:1]:" + open, "127.1:" + open);
        for (String host : hosts) {
            JsonNode git = json(call("POST", "/api/v1/sources/test",
                    "{\"name\": \"probe\", \"kind\": \"git\", \"url\": \"http://" + host + "/x.git\"}"));
            assertThat(git.path("ok").asBoolean()).as(host).isFalse();
            assertThat(git.path("message").asString()).as(host)
                    .isEqualTo("Git source 'probe': could not reach the repository at http://" + host + "/x.git;"
                            + " check the URL (a host on an internal network must be allowed by an administrator)");
            JsonNode wiki = json(call("POST", "/api/v1/sources/test",
                    "{\"name\": \"probe\", \"kind\": \"mediawiki\", \"url\": \"http://" + host + "/w/api.php\"}"));
            assertThat(wiki.path("ok").asBoolean()).as(host).isFalse();
            assertThat(wiki.path("message").asString()).as(host)
                    .isEqualTo("could not read the wiki at http://" + host + "/w/api.php; check that it is the wiki's"
                            + " api.php address (a host on an internal network must be allowed by an administrator)");
        }
        assertThat(internalHits).as("the internal service was never asked").isEmpty();
    }

    @Test
    void aSavedSourceOnAnInternalAddressFailsItsSyncsAlikeWithoutReachingIt() throws Exception {
        int open = internal.getAddress().getPort();
        for (String kind : List.of("git", "mediawiki")) {
            String name = "inside-" + kind;
            assertThat(call("POST", "/api/v1/sources", "{\"name\": \"" + name + "\", \"kind\": \"" + kind
                    + "\", \"url\": \"http://127.0.0.1:" + open + "/api.php\"}").statusCode()).isEqualTo(201);
            try {
                sync.syncNow(name, p -> { });
            } catch (IOException expected) {
                // the sync fails; its state says so
            }
            String error = json(call("GET", "/api/v1/sources/" + name, null)).path("error").asString();
            assertThat(error).as(kind).containsAnyOf("could not reach the repository at", "could not read the wiki at")
                    .doesNotContain("admin console");
            assertThat(call("DELETE", "/api/v1/sources/" + name, null).statusCode()).isEqualTo(204);
        }
        assertThat(internalHits).isEmpty();
    }

    @Test
    void anOpenAndAClosedPortGiveTheSameAnswer() throws Exception {
        int open = internal.getAddress().getPort();
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = probe.getLocalPort();
        }
        for (String kind : List.of("git", "mediawiki")) {
            String openMessage = json(call("POST", "/api/v1/sources/test", "{\"name\": \"scan\", \"kind\": \"" + kind
                    + "\", \"url\": \"http://127.0.0.1:" + open + "/api.php\"}")).toString();
            String closedMessage = json(call("POST", "/api/v1/sources/test", "{\"name\": \"scan\", \"kind\": \"" + kind
                    + "\", \"url\": \"http://127.0.0.1:" + closed + "/api.php\"}")).toString();
            assertThat(openMessage.replace(":" + open + "/", ":PORT/")).as(kind)
                    .isEqualTo(closedMessage.replace(":" + closed + "/", ":PORT/"))
                    .doesNotContain("admin console");
        }
    }

    @Test
    void aRedirectToLoopbackIsNotFollowed() throws Exception {
        assumeTrue(remote != null, "needs 127.0.0.2 on the loopback interface (Linux) for the allowed fake remote");
        redirectTarget = "http://127.0.0.1:" + internal.getAddress().getPort();
        String remoteUrl = "http://127.0.0.2:" + remote.getAddress().getPort();
        JsonNode git = json(call("POST", "/api/v1/sources/test",
                "{\"name\": \"hop\", \"kind\": \"git\", \"url\": \"" + remoteUrl + "/x.git\"}"));
        assertThat(git.path("message").asString()).startsWith("Git source 'hop': could not reach the repository at");
        JsonNode wiki = json(call("POST", "/api/v1/sources/test",
                "{\"name\": \"hop\", \"kind\": \"mediawiki\", \"url\": \"" + remoteUrl + "/w/api.php\"}"));
        assertThat(wiki.path("message").asString()).startsWith("could not read the wiki at");
        assertThat(remoteHits).as("the allowed remote was asked").isNotEmpty();
        assertThat(internalHits).as("its redirect to loopback was not followed").isEmpty();
    }

    @Test
    void otherSchemesAreRefused() throws Exception {
        for (String url : List.of("file:///etc", "jar:file:///tmp/x.jar!/", "/srv/repositories/secret.git",
                "ftp://ftp.example.org/x.git")) {
            HttpResponse<String> response = call("POST", "/api/v1/sources/test",
                    "{\"name\": \"local\", \"kind\": \"git\", \"url\": \"" + url + "\"}");
            assertThat(response.statusCode()).as(url).isEqualTo(400);
            assertThat(response.body()).contains("starts with git://, http://, https://, ssh://");
        }
    }

    @Test
    void credentialsInUrlsAreRefusedAndNeverShown() throws Exception {
        for (String url : List.of("https://bob:glpat-0123456789@gitlab.example.org/g/p.git",
                "https://ghp_0123456789abcdef@github.com/o/r.git")) {
            for (String path : List.of("/api/v1/sources", "/api/v1/sources/test")) {
                HttpResponse<String> response = call("POST", path, "{\"name\": \"creds\", \"kind\": \"git\", \"url\": \"" + url + "\"}");
                assertThat(response.statusCode()).as(path + " " + url).isEqualTo(400);
                assertThat(response.body()).contains("holds credentials").contains("token-env")
                        .doesNotContain("glpat-0123456789").doesNotContain("ghp_0123456789abcdef");
            }
        }
        HttpResponse<String> existing = call("GET", "/api/v1/sources/legacy-git", null);
        assertThat(existing.statusCode()).isEqualTo(200);
        assertThat(existing.body()).doesNotContain(CONFIG_PASSWORD)
                .contains("https://***@git.example.org/g/legacy.git");
        assertThat(call("GET", "/api/v1/sources", null).body()).doesNotContain(CONFIG_PASSWORD);
        // The page's edit dialog is filled from the same definition.
        assertThat(sourcesPage.form("legacy-git").settings().get("url")).isEqualTo("https://***@git.example.org/g/legacy.git");
    }

    @Test
    void scriptLinksAreRefusedAndNeverServed() throws Exception {
        HttpResponse<String> refused = call("POST", "/api/v1/sources", "{\"name\": \"xss\", \"kind\": \"git\","
                + " \"url\": \"https://git.example.org/g/p.git\", \"link\": \"javascript:alert(document.cookie)//{path}\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("link template");

        sync.syncNow("scripted", p -> { });
        JsonNode hits = json(call("GET", "/api/v1/search?mode=bm25&q=cryostat+xenon+kelvin", null)).path("hits");
        assertThat(hits.size()).isPositive();
        assertThat(hits.valueStream().map(h -> h.path("uri").asString()))
                .allMatch(uri -> uri.startsWith("/source/scripted/cryostat.md"));
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + tokens.create("mallory", "attack").secret())
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

package org.labrador.ingest.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.net.AddressPolicy;

class GitSourceFailureTest {

    private static final String TOKEN = "glpat-TOPSECRET-0123456789";
    private static final AddressPolicy LOCAL = AddressPolicy.allowing(List.of("127.0.0.1"));

    @TempDir
    Path tmp;

    @Test
    void anEmptyRepositoryFetchesToNothingWithoutError() throws Exception {
        UpstreamRepository.create(tmp.resolve("empty")).close();
        try (GitSource source = source(tmp.resolve("empty").toString(), null, name -> null)) {
            assertThat(source.fetch()).isNull();
            assertThat(source.headCommit()).isNull();
            assertThat(source.defaultBranch()).isNull();
            assertThat(source.list()).isEmpty();
            assertThat(source.excluded()).isEmpty();
            assertThat(source.read("a.py").skipReason()).isEqualTo("the repository has no commits");
            assertThat(source.changedSince("0123456789012345678901234567890123456789")).isEmpty();
        }
    }

    @Test
    void aMissingLocalPathIsReportedPlainly() {
        String missing = tmp.resolve("nowhere").toString();
        assertThatThrownBy(() -> fetch(source(missing, null, name -> null)))
                .isInstanceOf(GitSourceException.class)
                .hasMessage("Git source 'analysis': local repository path " + missing
                        + " does not exist or is not a folder");
    }

    @Test
    void aFolderThatIsNoRepositoryIsReported() throws Exception {
        Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> fetch(source(tmp.resolve("plain").toString(), null, name -> null)))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("no Git repository at " + tmp.resolve("plain"));
    }

    @Test
    void anUnreachableRemoteIsReportedWithoutTheUrlPassword() {
        assertThatThrownBy(() -> fetch(source("https://physicist:hunter2secret@127.0.0.1:1/x.git", null, n -> null)))
                .isInstanceOf(GitSourceException.class)
                .hasMessageStartingWith("Git source 'analysis': could not reach the repository at https://127.0.0.1:1/x.git")
                .satisfies(e -> assertThat(messages(e)).doesNotContain("hunter2secret"));
    }

    @Test
    void aRemoteOnAnInternalAddressIsNotContactedAndLooksLikeAnyUnreachableOne() throws Exception {
        List<String> hits = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestURI().toString());
            byte[] body = "internal admin console: hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        try {
            int open = server.getAddress().getPort();
            for (AddressPolicy policy : List.of(AddressPolicy.blockingInternal(), LOCAL)) {
                String openMessage = failure("http://127.0.0.1:" + open + "/x.git", policy);
                String closedMessage = failure("http://127.0.0.1:" + closed + "/x.git", policy);
                assertThat(openMessage.replace(":" + open, ":PORT")).as(policy.toString())
                        .isEqualTo(closedMessage.replace(":" + closed, ":PORT"))
                        .doesNotContain("internal admin console");
            }
            assertThat(hits).as("only the allowed fetches reached the server").isNotEmpty()
                    .allMatch(h -> h.startsWith("/x.git/info/refs"));
            int allowedOnly = hits.size();
            failure("http://127.0.0.1:" + open + "/x.git", AddressPolicy.blockingInternal());
            assertThat(hits).hasSize(allowedOnly);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRedirectToAnInternalAddressIsNotFollowed() throws Exception {
        List<String> internalHits = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer internal = HttpServer.create(new InetSocketAddress(0), 0); // every interface, ::1 included
        internal.createContext("/", exchange -> {
            internalHits.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        internal.start();
        HttpServer allowed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        allowed.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://[::1]:" + internal.getAddress().getPort()
                    + exchange.getRequestURI());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        allowed.start();
        try {
            assertThat(failure("http://127.0.0.1:" + allowed.getAddress().getPort() + "/x.git", LOCAL))
                    .startsWith("Git source 'analysis': could not reach the repository at");
            assertThat(internalHits).isEmpty();
        } finally {
            allowed.stop(0);
            internal.stop(0);
        }
    }

    @Test
    void aTokenVariableThatIsNotSetIsNamed() {
        assertThatThrownBy(() -> fetch(source("https://gitlab.example.org/g/p.git", "LABRADOR_TEST_TOKEN", n -> null)))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("environment variable LABRADOR_TEST_TOKEN is not set");
    }

    @Test
    void aRejectedTokenIsReportedAsAuthenticationFailureWithoutTheToken() throws Exception {
        // the server listens on loopback: allowed, as an administrator would allow an internal Git server
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/group/analysis.git";
            Function<String, String> env = Map.of("LABRADOR_TEST_TOKEN", TOKEN)::get;
            assertThatThrownBy(() -> fetch(new GitSource(new GitSourceSettings("analysis", uri, null, "LABRADOR_TEST_TOKEN",
                    List.of(), 1000), tmp.resolve("clone-auth"), env, LOCAL)))
                    .isInstanceOf(GitSourceException.class)
                    .hasMessageContaining("authentication failed for " + uri)
                    .hasMessageContaining("check that the token in LABRADOR_TEST_TOKEN is valid")
                    .satisfies(e -> assertThat(messages(e)).doesNotContain(TOKEN));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnknownBranchListsTheBranchesThereAre() throws Exception {
        try (UpstreamRepository upstream = UpstreamRepository.create(tmp.resolve("upstream"))) {
            upstream.write("a.py", "a = 1\n").commit("one");
            GitSourceSettings settings = new GitSourceSettings("analysis", upstream.dir().toString(), "nope", null,
                    List.of(), 1000);
            assertThatThrownBy(() -> fetch(new GitSource(settings, tmp.resolve("clone"), n -> null)))
                    .isInstanceOf(GitSourceException.class)
                    .hasMessage("Git source 'analysis': branch 'nope' not found in " + upstream.dir()
                            + "; its branches are: main");
        }
    }

    @Test
    void settingsNeverShowTheUrlPassword() {
        GitSourceSettings settings = new GitSourceSettings("analysis", "https://user:secret@host/x.git", null,
                "TOKEN_VAR", List.of(), 1000);
        assertThat(settings.toString()).doesNotContain("secret").contains("https://host/x.git");
        assertThat(settings.displayUri()).isEqualTo("https://host/x.git");
        assertThat(new GitSource(settings, tmp.resolve("c"), n -> null).toString()).doesNotContain("secret");
    }

    @Test
    void usingASourceBeforeFetchingIsAProgrammingError() {
        GitSource source = source(tmp.toString(), null, n -> null);
        assertThatThrownBy(source::headCommit).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call fetch() first");
    }

    private String failure(String uri, AddressPolicy policy) {
        GitSource source = new GitSource(new GitSourceSettings("analysis", uri, null, null, List.of(), 1000),
                tmp.resolve("clone-" + Math.abs(uri.hashCode()) + "-" + System.nanoTime()), n -> null, policy);
        try {
            fetch(source);
        } catch (GitSourceException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected " + uri + " to be unreachable");
    }

    private GitSource source(String uri, String tokenEnv, Function<String, String> environment) {
        return new GitSource(new GitSourceSettings("analysis", uri, null, tokenEnv, List.of(), 1000),
                tmp.resolve("clone-" + Math.abs(uri.hashCode())), environment);
    }

    private static String fetch(GitSource source) throws GitSourceException {
        try (source) {
            return source.fetch();
        }
    }

    /** Every message of the exception and its causes: none may leak a secret, not even the causes. */
    private static String messages(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append('\n');
        }
        return out.toString();
    }
}

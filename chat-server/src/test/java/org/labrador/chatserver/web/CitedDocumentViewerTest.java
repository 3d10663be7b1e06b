package org.labrador.chatserver.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccount;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.ingest.kind.SourceKinds;
import org.labrador.chatserver.sources.SourceRules;
import org.labrador.chatserver.sources.SourceStore;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.chatserver.system.SecretsProperties;
import org.labrador.chatserver.system.SourceAccessProperties;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.webui.chat.SourceFile;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * What Labrador's viewer ({@code /source/…}) shows of a cited document: the text of a document
 * read on this server, and nothing of a document of a web source (Indico, INSPIRE, a live TWiki,
 * Mattermost), whose citations open it on its own server. Opening one must not send a request
 * there on the reader's behalf, nor show the digest a source keeps of a PDF.
 *
 * <p>The web sources' server is reachable (127.0.0.1 is an allowed host here) and serves their
 * documents, so a viewer that read them would get their text and be seen asking.
 */
class CitedDocumentViewerTest {

    @TempDir
    Path dir;
    private HttpServer remote;
    private final List<String> remoteRequests = new CopyOnWriteArrayList<>();
    private WebChatAssistant assistant;
    private SourceCatalog catalog;
    private static final String LIVE_TOPIC = "%META:TOPICINFO{author=\"JaneDoe\" date=\"1700000000\" format=\"1.1\""
            + " version=\"1.2\"}%\n---+ ATLAS live\nThe trigger menu is on the live wiki.\n";

    @BeforeEach
    void start() throws IOException {
        remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/", exchange -> {
            remoteRequests.add(exchange.getRequestURI().toString());
            // Real content: a live TWiki's raw topic, and some text for whatever else is asked.
            boolean topic = exchange.getRequestURI().toString().equals("/twiki/bin/view/Atlas/WebHome?raw=all");
            byte[] body = (topic ? LIVE_TOPIC : "remote content").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        remote.start();
        String url = "http://127.0.0.1:" + remote.getAddress().getPort();

        Path handbook = Files.createDirectories(dir.resolve("handbook"));
        Files.writeString(handbook.resolve("guide.md"), "# Guide\n\nThe circulation pump runs at 50 slpm.\n");
        Path twikiData = Files.createDirectories(dir.resolve("twiki/Atlas"));
        Files.writeString(twikiData.resolve("WebHome.txt"), "%META:TOPICINFO{author=\"JaneDoe\" date=\"1700000000\""
                + " format=\"1.1\" version=\"1.1\"}%\n---+ ATLAS\nStart with the trigger menu.\n");
        Path papers = Files.createDirectories(dir.resolve("papers"));
        Files.write(papers.resolve("xenonnt.pdf"), new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n'});
        Files.writeString(dir.resolve("secrets.properties"), "MM_TOKEN=9xuqwrwgstrb3mzrxb83nb357a\n");

        List<Source> sources = List.of(
                new Source("handbook", "docs", Map.of("path", handbook.toString())),
                new Source("wiki-export", "twiki", Map.of("path", dir.resolve("twiki").toString())),
                new Source("papers", "papers", Map.of("path", papers.toString())),
                new Source("wiki", "twiki", Map.of("url", url + "/twiki/bin/view", "webs", List.of("Atlas"))),
                new Source("meetings", "indico", Map.of("url", url, "category", "7")),
                new Source("literature", "inspire", Map.of("url", url, "arxivUrl", url, "query", "collaboration:XENON")),
                new Source("chat", "mattermost", Map.of("url", url, "team", "xenonnt", "channels", List.of("analysis-help"),
                        "tokenEnv", "MM_TOKEN")));
        var dataSource = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("db"));
        Flyway.configure().dataSource(dataSource).load().migrate();
        LabradorProperties properties = properties(sources);
        SourceAccessProperties access = new SourceAccessProperties(List.of(), List.of("127.0.0.1"));
        catalog = new SourceCatalog(SourceKinds.installed(), properties, access, new SourceStore(JdbcClient.create(dataSource)),
                new SourceRules(SourceKinds.installed(), access, new SecretsProperties("LABRADOR_SECRET_"), properties));
        Callers callers = new Callers(null, new StaticListableBeanFactory().getBeanProvider(SecurityContextHolderStrategy.class));
        assistant = new WebChatAssistant(null, null, catalog, null, null, callers, null, null, null, "");
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new UserAccount(1, "alice", Role.READER, List.of("xenon"), true, java.time.Instant.now()), null, List.of()));
    }

    @AfterEach
    void stop() {
        SecurityContextHolder.clearContext();
        remote.stop(0);
    }

    @Test
    void documentsReadOnThisServerOpenAsTheirText() {
        assertThat(assistant.openFile("handbook", "guide.md")).get().extracting(SourceFile::text).asString()
                .contains("50 slpm");
        assertThat(assistant.openFile("wiki-export", "Atlas/WebHome")).get().extracting(SourceFile::text).asString()
                .contains("---+ ATLAS");
    }

    @Test
    void documentsOfWebSourcesAndPdfsDoNotOpenInTheViewerAndNoRequestLeaves() {
        assertThat(assistant.openFile("papers", "xenonnt.pdf")).as("a paper opens as its PDF, through /files").isEmpty();
        assertThat(assistant.openFile("wiki", "Atlas/WebHome")).isEmpty();
        assertThat(assistant.openFile("meetings", "event/1001")).isEmpty();
        assertThat(assistant.openFile("meetings", "event/1001/attachments/3000/4000/agenda.pdf")).isEmpty();
        assertThat(assistant.openFile("literature", "2646491")).isEmpty();
        assertThat(assistant.openFile("chat", "p0000000000000000000000001")).isEmpty();

        assertThat(remoteRequests).as("opening a citation asks nothing of the source's server").isEmpty();
    }

    /** The control: the same documents are there to be read, so the test above would see a viewer read them. */
    @Test
    void theWebSourcesServerIsReachableAndServesTheDocumentTheViewerLeavesAlone() {
        assertThat(assistant.openFile("wiki-export", "Atlas/WebHome")).get().extracting(SourceFile::text).asString()
                .as("a source read on this server opens, with its content").contains("Start with the trigger menu");
        assertThat(remoteRequests).isEmpty();

        var live = catalog.byName("wiki").orElseThrow().source().read("Atlas/WebHome");
        assertThat(live.isSkipped()).as(live.skipReason()).isFalse();
        assertThat(live.text()).contains("The trigger menu is on the live wiki.");
        assertThat(remoteRequests).as("reading it, as a sync does, asks the server").containsExactly(
                "/twiki/bin/view/Atlas/WebHome?raw=all");
    }

    private LabradorProperties properties(List<Source> sources) {
        return new LabradorProperties(dir.resolve("data"), dir.resolve("secrets.properties"),
                new LabradorProperties.Embedding("in-process", "bge-small-en-v1.5-q", null, 0, null),
                new LabradorProperties.Ollama("http://localhost:11434", "qwen2.5:3b", Duration.ofSeconds(30)),
                new LabradorProperties.Model(LabradorProperties.Model.Engine.OLLAMA, null, null, 8192, 1024, 0, 1, null,
                        Duration.ofSeconds(10), Duration.ofMinutes(5)),
                new LabradorProperties.Ingest(5_000_000, 350, 40), new LabradorProperties.Answer(6, null, null),
                new LabradorProperties.Rerank(null, null, null, 30, null), false,
                dir.resolve("none.yml"), sources.stream().map(Source::toEntry).toList());
    }
}

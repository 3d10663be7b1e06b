package org.labrador.chatserver.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real papers and a real wiki export, end to end: a question answered on page 11 of a paper cites
 * page 11 and opens the PDF there; a question answered in a wiki section cites the page's section
 * on the wiki, with the page's last-edited date. Needs {@code ../shared/corpora}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Reported as skipped, with the reason, for each test (an assumption in @BeforeAll reported nothing).
@EnabledIf(value = "corporaPresent", disabledReason = "../shared/corpora (with papers/) is absent above the module"
        + " folder: the wiki and paper end-to-end tests, the only HTTP tests of /files, are skipped")
class WikiAndPapersTest {

    private static final Path CORPORA = findCorpora();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Cites the numbered source that holds the words the question is about, as a careful model would. */
    private static final OllamaProtocolServer OLLAMA = OllamaProtocolServer.start().models("qwen2.5:3b").reply(messages -> {
        String prompt = messages.getLast().content();
        for (String clue : List.of("Henk van Elst", "Mid-Atlantic Ridge")) {
            Matcher source = Pattern.compile("(?s)\\[(\\d+)] [^\\n]*\\n((?:(?!\\n\\[\\d+] ).)*)").matcher(prompt);
            while (source.find()) {
                if (source.group(2).contains(clue)) {
                    return "Found it [" + source.group(1) + "].";
                }
            }
        }
        return "I don't know.";
    });

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SyncService sync;

    private final HttpClient http = HttpClient.newHttpClient();

    static boolean corporaPresent() {
        return CORPORA != null;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("labrador-wiki-papers");
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> data.resolve("none.yml").toString());
        // This test is about citations, not about the relevance threshold's calibration.
        registry.add("labrador.answer.min-similarity", () -> "0.3");
        registry.add("labrador.ollama.base-url", OLLAMA::baseUrl);
        registry.add("labrador.ollama.model", () -> "qwen2.5:3b");
        // Outside the data dir, which no source may read.
        Path exports = Files.createTempDirectory("labrador-wiki-export");
        if (CORPORA != null) {
            registry.add("labrador.sources[0].name", () -> "papers");
            registry.add("labrador.sources[0].kind", () -> "papers");
            registry.add("labrador.sources[0].path", () -> CORPORA.resolve("papers").toString());
            registry.add("labrador.sources[1].name", () -> "enwiki");
            registry.add("labrador.sources[1].kind", () -> "mediawiki");
            registry.add("labrador.sources[1].path", () -> onePageOf(CORPORA.resolve("wiki/mediawiki/enwiki-minidump.xml"),
                    "Atlantic Ocean", exports).toString());
            registry.add("labrador.sources[1].link", () -> "https://en.wikipedia.org/w/index.php?title={path}#{anchor}");
        }
    }

    @Test
    void aPaperIsCitedAtThePageOfTheAnswerAndAWikiAtItsSection() throws Exception {
        sync.syncNow(null, p -> { });
        accounts.create("ada", "a long enough password", Role.READER, List.of());
        String token = tokens.create("ada", "test").secret();

        JsonNode paper = ask(token, "We would like to thank Henk van Elst and Thomas Buchert: who wrote that?", "papers");
        JsonNode cited = paper.path("citations").get(0);
        assertThat(cited.path("path").asString()).isEqualTo("0807.3577.pdf");
        assertThat(cited.path("pages").asString()).isEqualTo("11");
        assertThat(cited.path("uri").asString()).isEqualTo("/files/papers/0807.3577.pdf#page=11");
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/files/papers/0807.3577.pdf"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/files/papers/..%2F..%2Fetc%2Fpasswd"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isIn(400, 404);

        JsonNode wiki = ask(token, "Where does the Mid-Atlantic Ridge run in the Atlantic Ocean?", "enwiki");
        JsonNode section = wiki.path("citations").get(0);
        JsonNode hit = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/search?mode=bm25&k=1&source=papers&q=Henk+van+Elst+Thomas+Buchert"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("hits").get(0);
        assertThat(hit.path("pages").asString()).isEqualTo("11");
        assertThat(hit.path("headings").toString()).containsIgnoringCase("acknowledg");
        assertThat(section.path("title").asString()).isEqualTo("Atlantic Ocean");
        assertThat(section.path("uri").asString()).startsWith("https://en.wikipedia.org/w/index.php?title=Atlantic_Ocean#");
        // The section that says where the ridge runs ("from 87°N … to the subantarctic Bouvet Island"), not the
        // one named after it, which describes its shape.
        assertThat(section.path("headings").toString()).contains("Bathymetry");
        assertThat(section.path("uri").asString()).endsWith("#Bathymetry");
        assertThat(section.path("modified").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
    }

    private JsonNode ask(String token, String question, String source) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ask"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        java.util.Map.of("question", question, "sources", List.of(source))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("answer").asString()).as(response.body()).startsWith("Found it");
        return answer;
    }

    /** The export's header and one of its pages: the real page, without embedding 26 others. */
    private static Path onePageOf(Path export, String title, Path folder) {
        try {
            String xml = Files.readString(export);
            int firstPage = xml.indexOf("<page>");
            int start = xml.indexOf("<page>\n    <title>" + title + "</title>");
            int end = xml.indexOf("</page>", start) + "</page>".length();
            Assumptions.assumeTrue(firstPage > 0 && start > 0, "the export has no page " + title);
            Path out = folder.resolve("one-page.xml");
            Files.writeString(out, xml.substring(0, firstPage) + xml.substring(start, end) + "\n</mediawiki>\n");
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path findCorpora() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/corpora").normalize();
            if (Files.isDirectory(candidate.resolve("papers"))) {
                return candidate;
            }
        }
        return null;
    }
}

package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line as a user runs it: ingest with progress lines, then search and ask. */
class CommandLineTest {

    @TempDir
    Path dataDir;
    private final Map<String, String> properties = Map.of(
            "labrador.sources[0].name", "fixtures",
            "labrador.ollama.base-url", "http://127.0.0.1:9",
            "labrador.embedding.model", "all-minilm-l6-v2-q");

    @BeforeEach
    void configure() {
        properties.forEach(System::setProperty);
        System.setProperty("labrador.data-dir", dataDir.toString());
        System.setProperty("labrador.sources[0].path", FixtureServerTest.fixtureDocs().toString());
    }

    @AfterEach
    void clear() {
        properties.keySet().forEach(System::clearProperty);
        System.clearProperty("labrador.data-dir");
        System.clearProperty("labrador.sources[0].path");
    }

    @Test
    void ingestPrintsProgressAndASummaryThenSearchPrintsTheApiJson() throws Exception {
        String ingest = run("ingest");
        assertThat(ingest).contains("fixtures: 3/3 files (100%)").contains("3 indexed").contains("chunks/s");
        assertThat(Files.exists(dataDir.resolve("index"))).isTrue();

        String again = run("ingest", "--source", "fixtures");
        assertThat(again).contains("0 indexed").contains("3 unchanged");

        JsonNode json = JsonMapper.builder().build().readTree(run("search", "--json", "-k", "2", "--mode", "bm25", "S1", "area", "threshold"));
        JsonNode hits = json.path("hits");
        assertThat(hits.size()).isBetween(1, 2);
        assertThat(hits.get(0).path("path").asString()).isEqualTo("analysis/event-selection.md");
        assertThat(hits.get(0).propertyNames()).containsExactlyInAnyOrder(
                "path", "title", "headings", "lines", "uri", "snippet", "source", "score", "pages", "modified");
    }

    @Test
    void askWithoutAModelPrintsThePassagesTheNoticeAndTheSources() {
        run("ingest");
        String answer = run("ask", "Where", "is", "the", "S1", "area", "threshold", "set?");
        assertThat(answer).contains("ollama serve").contains("s1_area_min").contains("Sources:")
                .contains("analysis/event-selection.md");
    }

    @Test
    void evalWithGoldQuestionsPrintsHitRateAndListsTheMisses(@TempDir Path dir) throws Exception {
        run("ingest");
        Path gold = dir.resolve("gold.jsonl");
        Files.writeString(gold, """
                {"question": "Where is the S1 area threshold set?", "gold": ["analysis/event-selection.md"]}
                {"question": "How are PMT gains calibrated with the LED?", "gold": ["detector/pmt-calibration.rst"]}
                {"question": "How many cores does a batch job get?", "gold": ["nowhere/missing.md"]}
                """);
        String out = run("eval", "--questions", gold.toString(), "--source", "fixtures", "--mode", "hybrid", "-k", "3");
        assertThat(out).contains("| hybrid | 3 | 0.667 |");
        assertThat(out).contains("How many cores does a batch job get?").contains("computing/cluster.html");
    }

    @Test
    void evalScoresWhatAnswersSeeWithTheRerankerAndWithoutItWhenAsked(@TempDir Path dir) throws Exception {
        run("ingest");
        Path gold = dir.resolve("gold.jsonl");
        Files.writeString(gold, "{\"question\": \"Where is the S1 area threshold set?\", \"gold\": [\"analysis/event-selection.md\"]}\n");
        try (var reranker = org.labrador.models.rerank.testing.RerankProtocolServer.start()) {
            System.setProperty("labrador.rerank.base-url", reranker.baseUrl());
            System.setProperty("labrador.rerank.model", "bge-reranker-v2-m3");
            try {
                String with = run("eval", "--questions", gold.toString(), "--mode", "hybrid", "-k", "3");
                assertThat(with).contains("Reranked by bge-reranker-v2-m3 at " + reranker.baseUrl())
                        .contains("calls that failed: 0");
                int asked = reranker.requests().size();
                assertThat(asked).isPositive();

                String without = run("eval", "--questions", gold.toString(), "--mode", "hybrid", "-k", "3", "--no-rerank");
                assertThat(without).doesNotContain("Reranked by").contains("| all | 1 | 1.000 | 1.000 |");
                assertThat(reranker.requests()).hasSize(asked);
            } finally {
                System.clearProperty("labrador.rerank.base-url");
                System.clearProperty("labrador.rerank.model");
            }
        }
    }

    @Test
    void evalJsonPrintsTheJsonAloneOnStandardOutput(@TempDir Path dir) throws Exception {
        run("ingest");
        Path gold = dir.resolve("gold.jsonl");
        Files.writeString(gold, "{\"question\": \"Where is the S1 area threshold set?\", \"gold\": [\"analysis/event-selection.md\"]}\n");
        JsonNode reports = JsonMapper.builder().build().readTree(
                run("eval", "--questions", gold.toString(), "--mode", "bm25", "--json"));
        assertThat(reports.get(0).path("hitAtK").asDouble()).isEqualTo(1.0);

        Path beir = Files.createDirectories(dir.resolve("beir"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Xenon scintillation", "text": "Liquid xenon emits scintillation light at 178 nm."}
                {"_id": "d2", "title": "Radon backgrounds", "text": "Radon emanation is the leading background in the fiducial volume."}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"At what wavelength does xenon scintillate?\"}\n");
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
        // A fresh JVM, as `./labrador eval` runs: the logging is not configured by an earlier command there.
        Process eval = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Labrador.class.getName(),
                "eval", "--dataset", beir.toString(), "--mode", "bm25", "--json", "--embedding", "all-minilm-l6-v2-q",
                "--cache", dir.resolve("cache").toString())
                .redirectError(dir.resolve("eval.err").toFile()).start();
        String out = new String(eval.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(eval.waitFor()).as(Files.readString(dir.resolve("eval.err"))).isZero();
        assertThat(JsonMapper.builder().build().readTree(out).path("results").get(0).path("mode").asString()).isEqualTo("bm25");
        assertThat(out.strip()).startsWith("{").endsWith("}");
    }

    @Test
    void theFirstAdminAndMoreAccountsAreCreatedFromTheCommandLine() {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(run("user", "add", "ada", "--role", "admin", "--groups", "xenon,analysis"))
                    .contains("Created admin ada in groups analysis, xenon");
            // The only admin cannot step down: nobody could manage accounts afterwards.
            assertThat(new CommandLine(new Labrador()).execute("user", "set", "ada", "--role", "curator")).isNotZero();
            System.setIn(new java.io.ByteArrayInputStream("another long password\n".getBytes(StandardCharsets.UTF_8)));
            run("user", "add", "grace", "--role", "admin");
        } finally {
            System.setIn(stdin);
        }
        String token = run("user", "token", "ada", "--name", "ci").strip();
        assertThat(token).startsWith("lab_").hasSizeGreaterThan(40);
        assertThat(run("user", "set", "ada", "--role", "curator", "--groups", "lz")).contains("ada: curator, groups [lz]");
        assertThat(run("user", "list")).containsPattern("ada\\s+curator\\s+enabled\\s+lz");
        assertThat(dataDir.resolve("index")).as("account commands leave the index alone").doesNotExist();
    }

    @Test
    void serveTakesSpringPropertiesAsTheReadmeShows() {
        org.labrador.chatserver.cli.ServeCommand serve = new org.labrador.chatserver.cli.ServeCommand();
        new CommandLine(serve).parseArgs("--server.port=9090", "--labrador.data-dir=/srv/labrador");
        assertThat(serve.springArguments()).containsExactly("--server.port=9090", "--labrador.data-dir=/srv/labrador");
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Labrador()).execute(args);
            assertThat(code).as(captured.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

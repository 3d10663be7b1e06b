package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bit flipped in the index's commit file: the server does not start, and says in a few lines
 * that the index is damaged and how to recover (not a 260-line trace); {@code labrador index check}
 * finds it, and {@code labrador index rebuild} brings the index back from the sources.
 */
class DamagedIndexRecoveryTest {

    @TempDir
    Path dataDir;
    private final Map<String, String> properties = Map.of(
            "labrador.sources[0].name", "fixtures",
            "labrador.ollama.base-url", "http://127.0.0.1:9",
            "labrador.embedding.model", "all-minilm-l6-v2-q",
            "labrador.sync-on-start", "false");

    @BeforeEach
    void configure() {
        properties.forEach(System::setProperty);
        System.setProperty("labrador.data-dir", dataDir.toString());
        System.setProperty("labrador.sources-file", dataDir.resolve("none.yml").toString());
        System.setProperty("labrador.sources[0].path", FixtureServerTest.fixtureDocs().toString());
    }

    @AfterEach
    void clear() {
        properties.keySet().forEach(System::clearProperty);
        System.clearProperty("labrador.data-dir");
        System.clearProperty("labrador.sources-file");
        System.clearProperty("labrador.sources[0].path");
    }

    @Test
    void aDamagedIndexStopsTheStartWithAShortMessageAndIsRebuiltFromTheSources() throws Exception {
        assertThat(run("ingest").code()).isZero();
        Path index = dataDir.resolve("index");
        Path commit;
        try (Stream<Path> files = Files.list(index)) {
            commit = files.filter(f -> f.getFileName().toString().startsWith("segments_"))
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        }
        flipBit(commit, Files.size(commit) / 2);

        Result serve = run("serve", "--server.port=0");
        assertThat(serve.code()).isNotZero();
        assertThat(serve.all()).contains("is damaged").contains("labrador index rebuild")
                .doesNotContain("\tat org.springframework");
        assertThat(serve.all().lines().count()).as(serve.all()).isLessThan(40);

        Result search = run("search", "--json", "S1", "area", "threshold");
        assertThat(search.code()).isNotZero();
        assertThat(search.err()).contains("is damaged").contains("labrador index rebuild").doesNotContain("\tat ");

        Result check = run("index", "check");
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.err()).contains("is damaged").contains("labrador index rebuild");

        Result rebuild = run("index", "rebuild");
        assertThat(rebuild.code()).as(rebuild.all()).isZero();
        assertThat(rebuild.out()).contains("was damaged").contains("3 indexed");
        try (Stream<Path> kept = Files.list(dataDir)) {
            assertThat(kept.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("index.old-"));
        }
        assertThat(run("index", "check").out()).contains("is sound");
        Result after = run("search", "--json", "-k", "1", "--mode", "bm25", "S1", "area", "threshold");
        assertThat(after.code()).isZero();
        assertThat(JsonMapper.builder().build().readTree(after.out()).path("hits").get(0).path("path").asString())
                .isEqualTo("analysis/event-selection.md");
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try {
            CommandLine command = new CommandLine(new Labrador()).setExecutionExceptionHandler(Labrador::explain);
            command.setErr(new java.io.PrintWriter(System.err, true));
            int code = command.execute(args);
            return new Result(code, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void flipBit(Path file, long offset) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, offset);
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x04)}), offset);
        }
    }
}

package org.labrador.chatserver.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.ApiCalls;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.webui.chat.ChatAssistant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A bit flipped in a data file of the index (one Lucene reads only when it merges): the server
 * starts, finds the damage, and says so where people look (readiness, each source's state, the
 * chat page's status line) with how to recover; a sync says the same instead of "IndexWriter is
 * closed".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DamagedIndexServerTest {


    @LocalServerPort
    int port;

    private final ApiCalls api = new ApiCalls(() -> port);

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SyncService sync;

    @Autowired
    ApplicationAvailability availability;

    @Autowired
    ChatAssistant chat;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path root = Files.createTempDirectory("labrador-damaged-index");
        Path data = Files.createDirectories(root.resolve("data"));
        Path docs = Files.createDirectories(root.resolve("docs")); // sources never lie in the data dir
        Files.writeString(docs.resolve("pumps.md"), "# Pumps\n\nThe circulation pump runs at 50 slpm.\n");
        damagedInADataFile(data.resolve("index"));
        registry.add("labrador.data-dir", data::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> data.resolve("none.yml").toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9");
        registry.add("labrador.sources[0].name", () -> "docs");
        registry.add("labrador.sources[0].kind", () -> "docs");
        registry.add("labrador.sources[0].path", docs::toString);
    }

    @Test
    void theDamageAndTheWayBackShowInReadinessSourceStatusChatStatusAndSyncs() throws Exception {
        accounts.create("carol", "carol's long password", Role.CURATOR, List.of());
        String carol = tokens.create("carol", "test").secret();
        JsonNode status = null;
        for (int i = 0; i < 300; i++) { // the check runs in the background after the start
            status = json(api.call("GET", "/api/v1/sources/docs", carol, null));
            if (status.path("state").asString().equals("damaged")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status.path("state").asString()).isEqualTo("damaged");
        assertThat(status.path("error").asString()).contains("The index is damaged").contains("labrador index rebuild");
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
        // A load balancer's probe sees it without a token; an admin sees why.
        HttpResponse<String> readiness = api.call("GET", "/actuator/health/readiness", "none", null);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("OUT_OF_SERVICE").doesNotContain("rebuild");
        assertThat(api.call("GET", "/actuator/health/liveness", "none", null).statusCode()).isEqualTo(200);
        accounts.create("root", "root's long password", Role.ADMIN, List.of());
        assertThat(api.call("GET", "/actuator/health/readiness", tokens.create("root", "probe").secret(), null).body())
                .contains("damaged").contains("labrador index rebuild");
        assertThat(chat.status().sourceProblems()).singleElement().asString()
                .contains("The index is damaged").contains("labrador index rebuild");

        assertThat(api.call("POST", "/api/v1/sources/docs/sync", carol, "").statusCode()).isEqualTo(202);
        sync.syncInBackground("docs").get();
        JsonNode after = json(api.call("GET", "/api/v1/sources/docs", carol, null));
        assertThat(after.path("state").asString()).isEqualTo("damaged");
        assertThat(after.path("error").asString()).contains("labrador index rebuild").doesNotContain("IndexWriter is closed");
    }

    /** A real index with one bit flipped where opening does not look but a full check does. */
    private static void damagedInADataFile(Path index) throws IOException {
        try (ChunkIndex built = ChunkIndex.open(index)) {
            for (int d = 0; d < 10; d++) {
                String path = "page-" + d + ".md";
                List<Chunk> chunks = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    chunks.add(new Chunk(path + "#" + i, "docs", path, "Page " + d, List.of("Page " + d), 1 + i, 2 + i,
                            "Passage " + i + " of page " + d + " on the circulation pump " + (d * 10 + i), "/source/docs/" + path, "h"));
                    float[] vector = new float[384];
                    for (int k = 0; k < vector.length; k++) {
                        vector[k] = (float) Math.cos(d * 13 + i * 5 + k);
                    }
                    vectors.add(vector);
                }
                built.replaceDocument(new IndexedDocument("docs", path, "Page " + d, "h", "test", chunks.size(), Instant.now()),
                        chunks, vectors);
            }
            built.commit(Map.of());
        }
        Path largest;
        try (Stream<Path> files = Files.list(index)) {
            largest = files.max(Comparator.comparingLong(DamagedIndexServerTest::size)).orElseThrow();
        }
        for (long offset = size(largest) / 2; offset < size(largest) - 16; offset += 97) {
            flipBit(largest, offset);
            try (ChunkIndex opened = ChunkIndex.open(index)) {
                try {
                    opened.verify();
                } catch (IOException damaged) {
                    return; // opens, but the check finds it
                }
            } catch (IOException refusedAtOpen) {
                // this byte is read at open: put it back and try another
            }
            flipBit(largest, offset);
        }
        throw new IllegalStateException("no byte of " + largest + " opens damaged");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void flipBit(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, offset);
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x08)}), offset);
        }
    }


    private static JsonNode json(HttpResponse<String> response) {
        return ApiCalls.json(response, 200);
    }
}

package org.labrador.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bit flipped anywhere in a real index's files (segments, segment info, compound data) is
 * reported as damage, in one line: at open, or by {@link ChunkIndex#verify()}, and by
 * {@link ChunkIndex#check} (Lucene's CheckIndex). It never passes silently, and never surfaces
 * later as "this IndexWriter is closed".
 */
class DamagedIndexTest {

    @TempDir
    Path temp;
    private Path dir;

    @org.junit.jupiter.api.BeforeEach
    void folder() {
        dir = temp.resolve("index");
    }

    @Test
    void aSoundIndexVerifiesAndChecksClean() throws IOException {
        build(dir);
        try (ChunkIndex index = ChunkIndex.open(dir)) {
            index.verify();
            assertThat(index.damage()).isEmpty();
        }
        assertThat(ChunkIndex.check(dir)).isNull();
    }

    @Test
    void aBitFlipInAnyFileOfTheIndexIsFoundAndNamedInOneLine() throws IOException {
        build(dir);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> !f.getFileName().toString().equals("write.lock")).sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).anyMatch(n -> n.startsWith("segments_"));
        int flips = 0;
        for (Path file : files) {
            long size = Files.size(file);
            for (long offset : new long[] {size / 3, size / 2, size - 5}) {
                Path copy = temp.resolve("copy-" + flips++);
                copyIndex(dir, copy);
                flipBit(copy.resolve(file.getFileName()), offset);

                IndexDamagedException damage = damageFound(copy);
                assertThat(damage).as("a flip at byte %d of %s", offset, file.getFileName()).isNotNull();
                assertThat(damage.getMessage()).startsWith("The index at " + copy + " is damaged: ").doesNotContain("\n");
                assertThat(ChunkIndex.check(copy)).as("CheckIndex on %s", file.getFileName()).isNotNull();
            }
        }
    }

    /** The damage reported by opening the index or, when it opens, by verifying it. */
    private static IndexDamagedException damageFound(Path index) {
        Throwable failure = catchThrowable(() -> {
            try (ChunkIndex opened = ChunkIndex.open(index)) {
                try {
                    opened.verify();
                } finally {
                    if (opened.damage().isEmpty()) {
                        throw new AssertionError("verify passed but damage() is empty");
                    }
                }
            }
        });
        return failure instanceof IndexDamagedException damaged ? damaged : null;
    }

    private static void build(Path dir) throws IOException {
        try (ChunkIndex index = ChunkIndex.open(dir)) {
            for (int d = 0; d < 20; d++) {
                String path = "docs/page-" + d + ".md";
                List<Chunk> chunks = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    chunks.add(new Chunk(path + "#" + i, "docs", path, "Page " + d, List.of("Page " + d), 1 + i, 2 + i,
                            "Passage " + i + " of page " + d + " about detector calibration number " + (d * 10 + i),
                            "/source/docs/" + path, "h"));
                    float[] vector = new float[16];
                    for (int k = 0; k < vector.length; k++) {
                        vector[k] = (float) Math.sin(d * 31 + i * 7 + k);
                    }
                    vectors.add(vector);
                }
                index.replaceDocument(new IndexedDocument("docs", path, "Page " + d, "h", "test", chunks.size(),
                        Instant.now()), chunks, vectors);
            }
            index.commit(Map.of());
        }
    }

    private static void copyIndex(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static void flipBit(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.flip();
            byte b = one.get();
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x10)}), offset);
        }
    }
}

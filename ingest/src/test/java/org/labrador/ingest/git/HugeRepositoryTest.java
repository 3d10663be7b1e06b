package org.labrador.ingest.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.sync.SourceFile;

/**
 * A repository of 3,000 small files and one 50 MB file: fetching and listing are quick, the big
 * file is left out by size without being loaded, and the exclusion is counted. A full sync of
 * the 3,000 files is not run here: it spends its time chunking, embedding and committing, which
 * other tests cover, and would not fit a small CI machine's time budget.
 */
class HugeRepositoryTest {

    private static final int SMALL_FILES = 3_000;
    private static final long MAX_BYTES = 1_000_000;
    private static final int BIG_BYTES = 50 * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void aHugeRepositoryListsQuicklyAndSkipsTheBigFileWithItsReason() throws Exception {
        Path upstreamDir = tmp.resolve("upstream");
        try (Git upstream = Git.init().setDirectory(upstreamDir.toFile()).setInitialBranch("main").call()) {
            commitDirectly(upstream.getRepository());
            GitSourceSettings settings = new GitSourceSettings("straxen", upstreamDir.toString(), null, null,
                    List.of(), MAX_BYTES);
            try (GitSource source = new GitSource(settings, tmp.resolve("clone"), name -> null)) {
                source.fetch();

                long t0 = System.nanoTime();
                List<String> paths = source.list();
                long listMillis = (System.nanoTime() - t0) / 1_000_000;
                assertThat(paths).hasSize(SMALL_FILES).doesNotContain("tables/lookup_table.py");
                assertThat(listMillis).as("listing %d files took %d ms", SMALL_FILES, listMillis).isLessThan(5_000);

                assertThat(source.exclusions()).singleElement().satisfies(e -> {
                    assertThat(e.path()).isEqualTo("tables/lookup_table.py");
                    assertThat(e.kind()).isEqualTo(SkipKind.OVERSIZED);
                    assertThat(e.reason()).contains("over the limit of 1000000");
                });
                assertThat(source.excludedCounts().oversized()).isEqualTo(1);
                SourceFile read = source.read("tables/lookup_table.py");
                assertThat(read.isSkipped()).isTrue();
                assertThat(read.skipReason()).contains("over the limit");
                assertThat(source.exclusionSummary()).startsWith("0 binaries, 1 over the size limit");
                assertThat(source.read("plugins/group29/plugin2999.py").text()).contains("def compute_2999(peaks):");
            }
        }
    }

    /**
     * Writes the blobs, tree and commit straight into one pack, quickly compressed: 3,000 files
     * through a work tree and {@code git add} (3,000 loose objects) would take most of the time
     * budget on a small machine.
     */
    private static void commitDirectly(Repository repository) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        PackInserter inserter = ((FileRepository) repository).getObjectDatabase().newPackInserter();
        inserter.setCompressionLevel(1);
        try (inserter) {
            for (int i = 0; i < SMALL_FILES; i++) {
                String text = "\"\"\"Plugin " + i + ".\"\"\"\n\n\ndef compute_" + i + "(peaks):\n    return peaks * " + i + "\n";
                add(builder, inserter, "plugins/group" + i / 100 + "/plugin" + i + ".py", text.getBytes(StandardCharsets.UTF_8));
            }
            byte[] row = "TABLE.append((0.125, 0.250, 0.375, 0.500))\n".getBytes(StandardCharsets.UTF_8);
            byte[] big = new byte[BIG_BYTES];
            for (int at = 0; at < BIG_BYTES; at += row.length) {
                System.arraycopy(row, 0, big, at, Math.min(row.length, BIG_BYTES - at));
            }
            add(builder, inserter, "tables/lookup_table.py", big);
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            PersonIdent author = new PersonIdent("Ada Analyst", "ada@example.org");
            commit.setTreeId(index.writeTree(inserter));
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage("many plugins and a big table");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate head = repository.updateRef("refs/heads/main");
            head.setNewObjectId(id);
            head.update();
        }
    }

    private static void add(DirCacheBuilder builder, PackInserter inserter, String path, byte[] bytes)
            throws IOException {
        DirCacheEntry entry = new DirCacheEntry(path);
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, bytes));
        builder.add(entry);
    }
}

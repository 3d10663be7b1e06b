package org.labrador.chatserver.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.labrador.ingest.git.GitSource;
import org.labrador.ingest.git.GitSourceSettings;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.ChunkIndex;

/**
 * The Git rows of the benchmark: a full index of a real repository, then the re-sync after a
 * commit that changes one Python file. Works on a throw-away clone, so the repository given is
 * never written to.
 */
final class RepositoryBench {

    private RepositoryBench() {
    }

    static void run(String repository, Path work, LocalEmbedding embedding) throws IOException {
        Path upstream = work.resolve("upstream");
        try (Git clone = Git.cloneRepository().setURI(repository).setDirectory(upstream.toFile()).call();
             ChunkIndex index = ChunkIndex.open(work.resolve("index"));
             GitSource source = new GitSource(new GitSourceSettings("bench-repo", upstream.toString(), null, null,
                     List.of(), 5_000_000), work.resolve("clone"), System::getenv)) {
            var sync = BenchCommand.sourceSync(index, embedding);
            System.out.println();
            System.out.println("| git repository `" + repository + "` | files | chunks | seconds | chunks/s | embedding share |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            row("full index", sync.sync(source, LinkTemplate.VIEWER, p -> { }));

            Path file = firstPythonFile(upstream).orElseThrow(() -> new IOException("no Python file to change"));
            Files.writeString(file, Files.readString(file) + "\n\ndef benchmark_added_function():\n    \"\"\"Added by the benchmark.\"\"\"\n    return 42\n");
            clone.add().addFilepattern(upstream.relativize(file).toString().replace('\\', '/')).call();
            clone.commit().setMessage("benchmark: one-file change").setAuthor("bench", "bench@example.org")
                    .setCommitter("bench", "bench@example.org").call();
            row("re-sync after a one-file commit", sync.sync(source, LinkTemplate.VIEWER, p -> { }));
        } catch (GitAPIException e) {
            throw new IOException("cannot prepare the repository benchmark: " + e.getMessage(), e);
        }
    }

    private static void row(String label, SyncReport r) {
        double seconds = r.elapsed().toNanos() / 1e9;
        System.out.printf("| %s | %d (%d indexed) | %d | %.1f | %.1f | %.0f%% |%n", label, r.files(), r.indexed(), r.chunks(),
                seconds, r.chunks() / seconds, 100.0 * r.embeddingTime().toNanos() / Math.max(1, r.elapsed().toNanos()));
    }

    private static Optional<Path> firstPythonFile(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("/.git/")).sorted().findFirst();
        }
    }
}

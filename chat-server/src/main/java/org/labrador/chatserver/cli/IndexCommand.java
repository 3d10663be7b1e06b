package org.labrador.chatserver.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.labrador.chatserver.system.IndexProperties;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.index.solr.IndexMigration;
import org.labrador.index.solr.SolrPassageIndex;
import org.labrador.index.solr.SolrSettings;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.StoredPassages;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code labrador index check|rebuild|migrate}: find a damaged index, rebuild it from the sources,
 * copy the embedded index into a SolrCloud collection.
 */
@Command(name = "index", description = "Check the index, rebuild it from the sources, or copy it into SolrCloud.",
        subcommands = {IndexCommand.Check.class, IndexCommand.Rebuild.class, IndexCommand.Migrate.class})
public class IndexCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The configured index folder ({@code labrador.data-dir}/index), read without opening anything. */
    static Path indexDirectory() {
        try (ConfigurableApplicationContext context = SpringContext.start(true,
                List.of("--spring.main.lazy-initialization=true"))) {
            return context.getBean(LabradorProperties.class).dataDir().resolve("index");
        }
    }

    @Command(name = "check", description = "Check every file of the index (Lucene's CheckIndex); the server must be stopped.")
    static class Check implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Logging.quiet();
            Path index = indexDirectory();
            if (!Files.isDirectory(index)) {
                System.out.println("No index at " + index + " yet: `labrador ingest` or the server's first sync makes it.");
                return 0;
            }
            String damage = ChunkIndex.check(index);
            if (damage == null) {
                System.out.println("The index at " + index + " is sound.");
                return 0;
            }
            System.err.println(org.labrador.chatserver.sources.IndexRecovery.message(index, damage));
            return 1;
        }
    }

    @Command(name = "rebuild", description = "Keep the current index aside and build a new one from every source;"
            + " the server must be stopped.")
    static class Rebuild implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Logging.quiet();
            Path index = indexDirectory();
            if (Files.isDirectory(index)) {
                String damage = ChunkIndex.check(index); // also refuses while a server holds the index
                Path aside = index.resolveSibling("index.old-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
                Files.move(index, aside);
                System.out.println((damage == null ? "The index was sound; kept" : "The index was damaged (" + damage
                        + "); kept") + " at " + aside + " (delete it once the new index serves).");
            }
            return new IngestCommand().call();
        }
    }

    @Command(name = "migrate", description = "Copy the embedded index into the SolrCloud collection of labrador.index.solr.*"
            + " (stored embeddings, nothing re-embedded); the server must be stopped.")
    static class Migrate implements Callable<Integer> {

        @Option(names = "--collection", paramLabel = "NAME",
                description = "Copy into this collection instead of labrador.index.solr.collection.")
        String collection;

        @Override
        public Integer call() throws Exception {
            Logging.quiet();
            Path index;
            IndexProperties.Solr solr;
            try (ConfigurableApplicationContext context = SpringContext.start(true,
                    List.of("--spring.main.lazy-initialization=true"))) {
                index = context.getBean(LabradorProperties.class).dataDir().resolve("index");
                solr = context.getBean(IndexProperties.class).solr();
            }
            if (!Files.isDirectory(index)) {
                System.err.println("No embedded index at " + index + ": nothing to migrate.");
                return 1;
            }
            ChunkIndex.open(index).close(); // refuses while a server holds it; upgrades an older schema first
            try (StoredPassages from = StoredPassages.open(index)) {
                List<IndexedDocument> records = from.records();
                if (records.isEmpty()) {
                    System.out.println("The embedded index at " + index + " is empty: nothing to migrate.");
                    return 0;
                }
                int dimension = from.document(records.getFirst()).vectors().getFirst().length;
                SolrSettings settings = solr.settings(dimension);
                if (collection != null) {
                    settings = settings.withCollection(collection);
                }
                try (SolrPassageIndex to = SolrPassageIndex.connect(settings)) {
                    if (to.stats().chunks() > 0) {
                        System.err.println("The collection " + settings.collection() + " already holds passages: migrate"
                                + " into an empty collection (--collection NAME makes a new one).");
                        return 1;
                    }
                    IndexMigration.Report report = IndexMigration.copy(from, to, System.out::println);
                    if (!report.complete()) {
                        System.err.printf("Count check failed: copied %,d documents and %,d passages, the collection holds"
                                + " %,d and %,d.%n", report.documents(), report.passages(), report.collection().documents(),
                                report.collection().chunks());
                        return 1;
                    }
                    System.out.printf("Count check passed: %,d documents and %,d passages in %s. Set"
                            + " labrador.index.backend: solr to serve from it.%n", report.documents(), report.passages(),
                            settings.collection());
                    return 0;
                }
            }
        }
    }
}

package org.labrador.chatserver.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.retrieval.ChunkIndex;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code labrador index check|rebuild}: find a damaged index, and rebuild it from the sources. */
@Command(name = "index", description = "Check the index, or rebuild it from the sources.",
        subcommands = {IndexCommand.Check.class, IndexCommand.Rebuild.class})
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
}

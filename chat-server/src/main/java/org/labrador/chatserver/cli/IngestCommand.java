package org.labrador.chatserver.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.ingest.sync.SyncProgress;
import org.labrador.ingest.sync.SyncReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", description = "Sync the configured sources into the index (only changed files are re-embedded).")
public class IngestCommand implements Callable<Integer> {

    /** Progress lines at most this often, so a big sync does not flood the terminal. */
    private static final long PROGRESS_INTERVAL_MS = 1000;

    @Option(names = "--source", paramLabel = "NAME", description = "Sync only this source.")
    String source;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        try (ConfigurableApplicationContext context = SpringContext.start(false, List.of())) {
            SyncService sync = context.getBean(SyncService.class);
            long[] lastPrint = {0};
            try {
                sync.syncNow(source, p -> {
                    long now = System.currentTimeMillis();
                    if (now - lastPrint[0] >= PROGRESS_INTERVAL_MS || p.filesDone() == p.filesTotal()) {
                        lastPrint[0] = now;
                        out.println(progressLine(p));
                    }
                });
            } catch (java.io.IOException e) {
                // Reported per source below; the other sources were synced.
            }
            int failed = 0;
            for (SyncService.SourceState state : sync.states()) {
                if (state.error() != null) {
                    System.err.println(state.source() + ": sync failed: " + state.error());
                    failed++;
                } else if (state.lastReport() != null) {
                    SyncReport report = state.lastReport();
                    out.println(report.summary());
                    for (String warning : report.warnings()) {
                        System.err.println("  warning: " + warning);
                    }
                    for (SyncReport.Skipped s : report.skipped()) {
                        out.println("  skipped " + s.path() + ": " + s.reason()); // reported, not fatal
                    }
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    static String progressLine(SyncProgress p) {
        return String.format("%s: %d/%d files (%.0f%%) · %d chunks · %.1f chunks/s%s", p.source(), p.filesDone(),
                p.filesTotal(), 100 * p.fraction(), p.chunksIndexed(), p.chunksPerSecond(),
                p.currentFile().isEmpty() ? "" : " · " + p.currentFile());
    }
}

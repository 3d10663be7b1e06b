package org.labrador.chatserver.sources;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.labrador.ingest.sync.SourceSync;
import org.labrador.ingest.sync.SyncProgress;
import org.labrador.chatserver.metrics.LabradorMeters;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.PassageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Service;

/**
 * Runs source syncs one at a time (one index writer) and remembers each source's state: running
 * with its progress, or the last report with its skipped files, or the error that stopped it.
 */
@Service
public class SyncService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    /**
     * A source's sync state as shown in status lines.
     *
     * @param queued whether a sync was asked for and waits its turn (another source syncs)
     */
    public record SourceState(String source, boolean running, SyncProgress progress, SyncReport lastReport,
                              String error, boolean queued) {

        SourceState(String source, boolean running, SyncProgress progress, SyncReport lastReport, String error) {
            this(source, running, progress, lastReport, error, false);
        }
    }

    private final SourceCatalog catalog;
    private final SourceSync sourceSync;
    private final PassageIndex index;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "labrador-sync");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, SourceState> states = new ConcurrentHashMap<>();

    private final SourceStore store;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final Map<String, ScheduledFuture<?>> schedules = new ConcurrentHashMap<>();

    private final IndexReadiness readiness;

    private final LabradorMeters meters;

    public SyncService(SourceCatalog catalog, SourceSync sourceSync, PassageIndex index, SourceStore store,
                       IndexReadiness readiness, LabradorMeters meters) throws IOException {
        this.meters = meters;
        this.readiness = readiness;
        this.catalog = catalog;
        this.sourceSync = sourceSync;
        this.index = index;
        this.store = store;
        scheduler.setThreadNamePrefix("labrador-schedule-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        List<String> gone = new ArrayList<>(catalog.droppedFromConfiguration());
        gone.addAll(catalog.refusedFolders());
        for (String dropped : gone) {
            index.deleteSource(dropped);
            index.commit(Map.of());
        }
    }

    /** Starts the cron schedules of the sources that have one (the server calls this; commands do not). */
    public void startSchedules() {
        catalog.all().forEach(this::reschedule);
    }

    /** Applies a source's schedule after it was added or edited. */
    public void reschedule(SourceCatalog.ConfiguredSource source) {
        ScheduledFuture<?> old = schedules.remove(source.name());
        if (old != null) {
            old.cancel(false);
        }
        if (!source.definition().schedule().isEmpty()) {
            schedules.put(source.name(), scheduler.schedule(() -> syncInBackground(source.name()),
                    new CronTrigger(source.definition().schedule())));
        }
    }

    /**
     * Syncs one source in the background, after any sync already running; its state shows that it
     * waits, then the progress.
     */
    public Future<?> syncInBackground(String sourceName) {
        catalog.byName(sourceName).orElseThrow(() -> new IllegalArgumentException("no source named " + sourceName));
        states.compute(sourceName, (name, state) -> state == null ? new SourceState(name, false, null, null, null, true)
                : state.running() ? state : new SourceState(name, false, null, state.lastReport(), state.error(), true));
        return worker.submit(() -> {
            try {
                syncNow(sourceName, p -> { });
            } catch (IOException | RuntimeException e) {
                log.error("Sync of {} failed: {}", sourceName, e.getMessage());
            }
        });
    }

    /** Removes a source and all its passages, after any sync already running. */
    public Future<?> remove(String sourceName) {
        ScheduledFuture<?> schedule = schedules.remove(sourceName);
        if (schedule != null) {
            schedule.cancel(false);
        }
        return worker.submit(() -> {
            synchronized (this) {
                index.deleteSource(sourceName);
                index.commit(Map.of());
                catalog.remove(sourceName); // last, so that a source gone from the list has no passages left
                states.remove(sourceName);
            }
            return null;
        });
    }

    /** Excludes a document from a source at once (its passages go now) and on every later sync. */
    public void exclude(String sourceName, String path) throws IOException {
        store.flag(sourceName, path, SourceStore.Flag.EXCLUDED);
        synchronized (this) {
            index.deleteDocument(sourceName, path);
            index.commit(Map.of());
        }
    }

    /**
     * Syncs the named source (or all when null) now, on the caller's thread. A source that fails
     * does not stop the others: its error is kept in its {@link #states() state}, and the first
     * failure is thrown after every source has had its turn.
     */
    public List<SyncReport> syncNow(String sourceName, Consumer<SyncProgress> progress) throws IOException {
        List<SourceCatalog.ConfiguredSource> targets = sourceName == null ? catalog.all()
                : List.of(catalog.byName(sourceName).orElseThrow(() -> new IllegalArgumentException(
                        "no source named " + sourceName + "; configured: "
                                + catalog.all().stream().map(SourceCatalog.ConfiguredSource::name).toList())));
        List<SyncReport> reports = new ArrayList<>();
        IOException firstFailure = null;
        synchronized (this) {
            for (SourceCatalog.ConfiguredSource source : targets) {
                try {
                    reports.add(syncOne(source, progress));
                } catch (IOException e) {
                    firstFailure = firstFailure == null ? e : firstFailure;
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return reports;
    }

    /** The state of one source. */
    public SourceState state(String sourceName) {
        return states.getOrDefault(sourceName, new SourceState(sourceName, false, null, null, null));
    }

    /**
     * Checks every file of the index in the background (see {@link PassageIndex#verify}), before any
     * sync: a damaged index is reported at start, in one line, instead of as failing syncs later.
     */
    public Future<?> verifyIndexInBackground() {
        return worker.submit(() -> {
            try {
                index.verify();
            } catch (IOException | RuntimeException e) {
                indexDamage().ifPresentOrElse(this::reportDamage,
                        () -> log.error("Could not verify the index: {}", e.getMessage()));
            }
        });
    }

    /** Why the index cannot be used, with how to recover, if it cannot. */
    public Optional<String> indexDamage() {
        // Only the embedded index has files to restore or rebuild; a cluster's collection says its own reason.
        return index.damage().map(reason -> index instanceof ChunkIndex embedded
                ? IndexRecovery.message(embedded.directory(), reason) : "The index cannot be used: " + reason);
    }

    private void reportDamage(String message) {
        log.error(message);
        // Not ready: a load balancer or probe (Spring Boot's readiness state) takes the server out of rotation.
        readiness.damaged();
    }

    /** Syncs every source in the background. */
    public Future<?> syncAllInBackground() {
        return worker.submit(() -> {
            if (index.damage().isPresent()) {
                return; // reported already; every sync would fail
            }
            try {
                syncNow(null, p -> { });
            } catch (IOException | RuntimeException e) {
                log.error("Background sync failed", e);
            }
        });
    }

    private SyncReport syncOne(SourceCatalog.ConfiguredSource source, Consumer<SyncProgress> progress) throws IOException {
        String name = source.name();
        SourceState before = states.get(name);
        SyncReport last = before == null ? null : before.lastReport();
        Optional<String> damaged = indexDamage();
        if (damaged.isPresent()) {
            states.put(name, new SourceState(name, false, null, last, damaged.get()));
            throw new IOException(damaged.get());
        }
        states.put(name, new SourceState(name, true, new SyncProgress(name, 0, 0, 0, 0, ""), last, null));
        long started = System.nanoTime();
        boolean failed = true;
        try {
            java.util.Set<String> excluded = new java.util.HashSet<>();
            store.flags(name).forEach((path, flag) -> {
                if (flag == SourceStore.Flag.EXCLUDED) {
                    excluded.add(path);
                }
            });
            SyncReport report = sourceSync.sync(CuratedSource.of(source.source(), excluded), source.links(),
                    source.groups(), p -> {
                states.put(name, new SourceState(name, true, p, last, null));
                progress.accept(p);
            });
            states.put(name, new SourceState(name, false, null, report, null));
            failed = false;
            return report;
        } catch (IOException | RuntimeException e) {
            Optional<String> damage = indexDamage();
            if (damage.isPresent()) {
                // The writer stopped on a damaged file: say so and how to recover, not "IndexWriter is closed".
                reportDamage(damage.get());
                states.put(name, new SourceState(name, false, null, last, damage.get()));
                throw new IOException(damage.get(), e);
            }
            if (e instanceof IOException io) {
                log.error("Sync of {} failed: {}", name, e.getMessage());
                states.put(name, new SourceState(name, false, null, last, readable(io)));
                throw io;
            }
            log.error("Sync of {} failed", name, e);
            states.put(name, new SourceState(name, false, null, last, readable(e)));
            throw new IOException("sync of " + name + " failed: " + e, e);
        } finally {
            meters.synced(name, java.time.Duration.ofNanos(System.nanoTime() - started), failed);
        }
    }

    /** What went wrong, for a curator: the message, or the kind of error when it has none (details are in the log). */
    private static String readable(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank()
                ? "unexpected " + e.getClass().getSimpleName() + " (see the server log)" : e.getMessage();
    }

    public List<SourceState> states() {
        return catalog.all().stream()
                .map(s -> states.getOrDefault(s.name(), new SourceState(s.name(), false, null, null, null)))
                .toList();
    }

    public boolean running() {
        return states.values().stream().anyMatch(SourceState::running);
    }

    /** When the last sync of any source finished, from the index's commit data. */
    public Optional<Instant> lastSync() {
        return index.commitData().entrySet().stream()
                .filter(e -> e.getKey().startsWith("source.") && e.getKey().endsWith(".last-sync"))
                .map(e -> Instant.parse(e.getValue()))
                .max(Instant::compareTo);
    }

    @Override
    public void close() {
        scheduler.shutdown();
        worker.shutdownNow();
    }
}

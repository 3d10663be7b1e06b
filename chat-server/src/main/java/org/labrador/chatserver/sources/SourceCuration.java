package org.labrador.chatserver.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.ingest.kind.ConnectionCheck;
import org.labrador.ingest.sync.SourceSync;
import org.labrador.ingest.sync.VersionedSource;
import org.labrador.retrieval.PassageIndex;
import org.labrador.retrieval.IndexStats;
import org.springframework.stereotype.Service;

/**
 * What curators do to sources, shared by the Sources page and {@code /api/v1/sources}: list with
 * state, add, edit, remove (with its passages), test a connection, sync now, browse documents,
 * exclude or pin one.
 */
@Service
public class SourceCuration {

    /** One document of a source, as listed for curators. */
    public record DocumentEntry(String path, String title, int chunks, Instant indexedAt, String flag) {
    }

    /** The outcome of "test connection". */
    public record ConnectionTest(boolean ok, String message, int documents) {
    }

    /** Names that {@code /api/v1/sources/NAME} gives to something else. */
    private static final java.util.Set<String> RESERVED_NAMES = java.util.Set.of("kinds", "test");

    private final SourceCatalog catalog;
    private final SyncService sync;
    private final SourceStore store;
    private final PassageIndex index;
    private final GroupIsolation isolation;

    public SourceCuration(SourceCatalog catalog, SyncService sync, SourceStore store, PassageIndex index,
                          GroupIsolation isolation) {
        this.catalog = catalog;
        this.sync = sync;
        this.store = store;
        this.index = index;
        this.isolation = isolation;
    }

    /** The kinds of source that can be added, each with its settings, in the order the form offers them. */
    public List<KindDescription> kinds() {
        return catalog.kinds().all().stream().map(KindDescription::of).toList();
    }

    public List<SourceStatus> all() {
        return catalog.all().stream().map(this::status).toList();
    }

    public Optional<SourceStatus> byName(String name) {
        return catalog.byName(name).map(this::status);
    }

    private SourceStatus status(SourceCatalog.ConfiguredSource source) {
        SyncService.SourceState state = sync.state(source.name());
        Optional<String> damage = sync.indexDamage();
        // Counted, not loaded: the Sources page asks every second while it is open.
        IndexStats counts;
        try {
            counts = index.stats(source.name());
        } catch (IOException e) {
            if (damage.isEmpty()) {
                throw new UncheckedIOException(e);
            }
            counts = new IndexStats(0, 0, 0);
        }
        Map<String, String> commitData = index.commitData();
        String lastSync = commitData.get(SourceSync.lastSyncKey(source.name()));
        String stateName = damage.isPresent() ? "damaged" : state.running() ? "syncing" : state.queued() ? "queued"
                : state.error() != null ? "error" : "idle";
        // URL credentials (of sources saved before they were refused) never leave the server.
        return new SourceStatus(SourceRules.redacted(source.definition()),
                source.origin().name().toLowerCase(java.util.Locale.ROOT),
                SourceRules.redact(source.location()), stateName,
                state.running() && state.progress() != null ? state.progress().fraction() : null,
                state.running() && state.progress() != null ? state.progress().currentFile() : null,
                SourceRules.redact(damage.orElse(state.error())), counts.documents(), counts.chunks(),
                commitData.getOrDefault(SourceSync.revisionKey(source.name()), ""),
                lastSync == null ? null : Instant.parse(lastSync), state.lastReport());
    }

    /** Adds a source, or replaces one added earlier in the UI or API; returns its status. */
    public SourceStatus save(Source definition, boolean creating) {
        return save(definition, creating, false);
    }

    /**
     * {@link #save(Source, boolean)}, where an administrator may let a source open a folder or
     * repository to more readers than another source over it allows ({@code allowWiderAccess}).
     */
    public SourceStatus save(Source given, boolean creating, boolean allowWiderAccess) {
        Source definition = catalog.canonical(given);
        Optional<SourceCatalog.ConfiguredSource> existing = catalog.byName(definition.name());
        if (creating && RESERVED_NAMES.contains(definition.name())) {
            throw new IllegalArgumentException("a source cannot be named " + definition.name()
                    + ": /api/v1/sources/" + definition.name() + " is taken");
        }
        if (creating && existing.isPresent()) {
            throw new IllegalStateException("a source named " + definition.name() + " exists already");
        }
        if (!creating && existing.isEmpty()) {
            throw new java.util.NoSuchElementException("no source named " + definition.name());
        }
        if (existing.isPresent() && existing.get().origin() == SourceStore.Origin.CONFIG) {
            throw new IllegalStateException("source " + definition.name()
                    + " is declared in a configuration file; change it there");
        }
        requireWhereAllowed(definition, allowWiderAccess);
        SourceCatalog.ConfiguredSource saved = catalog.save(definition);
        sync.reschedule(saved);
        if (existing.isEmpty() || changesWhatIsIndexed(existing.get().definition(), saved.definition())) {
            // A new or changed source is synced at once: readers should not get "I don't know" until someone presses Sync now.
            sync.syncInBackground(saved.name());
        }
        return status(saved);
    }

    /** Whether a source's new definition changes its passages: suggested questions are only offered on the chat page. */
    private static boolean changesWhatIsIndexed(Source before, Source after) {
        return !before.withSuggestedQuestions(List.of()).equals(after.withSuggestedQuestions(List.of()));
    }

    /** Removes a source and, once any running sync is done, its passages. */
    public void remove(String name) {
        SourceCatalog.ConfiguredSource source = require(name);
        if (source.origin() == SourceStore.Origin.CONFIG) {
            throw new IllegalStateException("source " + name + " is declared in a configuration file; remove it there");
        }
        sync.remove(name);
    }

    public void syncNow(String name) {
        require(name);
        sync.syncInBackground(name);
    }

    /**
     * Where a source may read: under the allowed roots, outside the data dir (400), and not opening
     * to more readers what another source keeps to its groups (409, unless an administrator allows it).
     */
    private void requireWhereAllowed(Source definition, boolean allowWiderAccess) {
        catalog.folders().requireAllowed(definition);
        isolation.requireNoWiderAccess(definition, allowWiderAccess);
    }

    /**
     * Reads the source once without indexing: can its folder or repository be reached, how many
     * documents. A new Git source fetches into a scratch folder, deleted afterwards.
     */
    public ConnectionTest test(Source given) {
        Source definition;
        try {
            definition = catalog.canonical(given);
        } catch (IllegalArgumentException e) {
            return new ConnectionTest(false, SourceRules.redact(e.getMessage()), 0);
        }
        Optional<SourceCatalog.ConfiguredSource> existing = catalog.byName(definition.name())
                .filter(s -> s.definition().equals(definition));
        if (existing.isPresent()) {
            return test(existing.get());
        }
        try (SourceCatalog.Probe probe = catalog.probe(definition)) {
            return test(probe.source());
        } catch (SourceRefusedException e) {
            throw e; // not a failed test: a definition a curator may not use, refused before any connection
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return new ConnectionTest(false, SourceRules.redact(e.getMessage()), 0);
        }
    }

    private static ConnectionTest test(SourceCatalog.ConfiguredSource probe) {
        try {
            probe.source().openTo(probe.groups()); // what a sync would read: no private channel without groups
            ConnectionCheck check = probe.sourceKind().testConnection(probe.source());
            return new ConnectionTest(true, check.message(), check.documents());
        } catch (IOException | RuntimeException e) {
            return new ConnectionTest(false, SourceRules.redact(e.getMessage() == null ? e.toString() : e.getMessage()), 0);
        }
    }

    public List<DocumentEntry> documents(String name) {
        require(name);
        Map<String, SourceStore.Flag> flags = store.flags(name);
        List<DocumentEntry> out = new ArrayList<>();
        try {
            index.documents(name).values().forEach(d -> out.add(new DocumentEntry(d.path(), d.title(), d.chunks(),
                    d.indexedAt(), flagName(flags.get(d.path())))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Excluded documents are no longer indexed, but curators must see them to bring them back.
        flags.forEach((path, flag) -> {
            if (flag == SourceStore.Flag.EXCLUDED) {
                out.add(new DocumentEntry(path, "", 0, null, flagName(flag)));
            }
        });
        out.sort(java.util.Comparator.comparing(DocumentEntry::path));
        return out;
    }

    /** Sets a document's flag: {@code excluded}, {@code pinned}, or null/empty to clear it. */
    public void flag(String name, String path, String flag) throws IOException {
        require(name);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("which document? give its path");
        }
        if (flag == null || flag.isBlank() || flag.equals("none")) {
            boolean wasExcluded = store.flags(name).get(path) == SourceStore.Flag.EXCLUDED;
            store.flag(name, path, null);
            if (wasExcluded) {
                sync.syncInBackground(name); // bring it back
            }
            return;
        }
        SourceStore.Flag parsed;
        try {
            parsed = SourceStore.Flag.valueOf(flag.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flag is excluded, pinned or none, not " + flag);
        }
        if (parsed == SourceStore.Flag.EXCLUDED) {
            sync.exclude(name, path);
        } else {
            store.flag(name, path, parsed);
        }
    }

    private SourceCatalog.ConfiguredSource require(String name) {
        return catalog.byName(name).orElseThrow(() -> new java.util.NoSuchElementException("no source named " + name));
    }

    private static String flagName(SourceStore.Flag flag) {
        return flag == null ? "" : flag.name().toLowerCase(java.util.Locale.ROOT);
    }
}

package org.labrador.chatserver.sources;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.chatserver.system.SourceAccessProperties;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.kind.SourceKinds;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.retrieval.ReadAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The knowledge sources, by name. Sources declared in configuration ({@code labrador.sources} and
 * the sources file) are imported into the database at every start, replacing what an earlier start
 * imported; sources added in the UI or over the API live in the database only. Each source is read
 * by its kind ({@link SourceKinds}): the catalog checks its settings against the kind's description
 * and opens its reader, and never names a kind itself.
 */
@Component
public class SourceCatalog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceCatalog.class);

    /**
     * A source ready to sync: its definition (with its settings as its kind names them), its kind,
     * how to read it and how its citations link.
     */
    public record ConfiguredSource(Source definition, SourceKind sourceKind, DocumentSource source, String location,
                                   LinkTemplate links, SourceStore.Origin origin) {
        public String name() {
            return definition.name();
        }

        public String kind() {
            return definition.kind();
        }

        public List<String> groups() {
            return definition.groups();
        }

        /** Whether a caller with this access may read the source's passages and files. */
        public boolean readableBy(ReadAccess access) {
            return access.allows(definition.groups());
        }
    }

    private final LabradorProperties properties;
    private final SourceStore store;
    private final SourceRules rules;
    private final Map<String, ConfiguredSource> sources = new LinkedHashMap<>();
    private final List<String> droppedFromConfiguration = new ArrayList<>();
    private final List<String> refusedFolders = new ArrayList<>();
    private final SourceFolders folders;
    private final SourceKinds kinds;

    /** A catalog with the defaults: the installed kinds, the folders of the configured sources as roots, public addresses only. */
    public SourceCatalog(LabradorProperties properties, SourceStore store) {
        this(SourceKinds.installed(), properties, store);
    }

    /** A catalog of these kinds with the defaults. */
    public SourceCatalog(SourceKinds kinds, LabradorProperties properties, SourceStore store) {
        this(kinds, properties, new SourceAccessProperties(List.of(), List.of()), store,
                SourceRules.defaults(kinds, properties.secretsFile()));
    }

    @Autowired
    public SourceCatalog(SourceKinds kinds, LabradorProperties properties, SourceAccessProperties access,
                         SourceStore store, SourceRules rules) {
        this.kinds = kinds;
        this.properties = properties;
        this.store = store;
        this.rules = rules;
        List<Source> declared = declared();
        this.folders = new SourceFolders(kinds, access.allowedRoots(), declared, properties.dataDir());
        importConfiguration(declared);
        deleteQuietly(probes()); // scratch clones of tests cut short by a stop
        Map<String, SourceStore.Origin> origins = store.origins();
        for (Source source : store.all()) {
            try {
                SourceStore.Origin origin = origins.get(source.name());
                if (origin == SourceStore.Origin.UI) {
                    requireAllowedOnLoad(source);
                }
                sources.put(source.name(), configure(source, origin));
            } catch (IllegalArgumentException e) {
                log.error("Source {} cannot be used: {}", source.name(), SourceRules.redact(e.getMessage()));
            }
        }
    }

    /**
     * A source saved before the folder rule, or since outside the allowed roots, stays in the database
     * (it comes back if the roots are widened) but is not used, and its passages must go.
     */
    private void requireAllowedOnLoad(Source source) {
        try {
            folders.requireAllowed(source);
        } catch (IllegalArgumentException e) {
            refusedFolders.add(source.name());
            throw e;
        }
    }

    /** The sources of the configuration files, their settings named as their kinds name them. */
    private List<Source> declared() {
        List<Source> declared = new ArrayList<>(properties.sourceDefinitions());
        declared.addAll(sourcesFile(properties.sourcesFile()));
        return declared.stream().map(source -> {
            validate(source);
            try {
                return canonical(source, SourceStore.Origin.CONFIG);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("source " + source.name() + " in the configuration: " + e.getMessage(), e);
            }
        }).toList();
    }

    private void importConfiguration(List<Source> declared) {
        List<String> names = new ArrayList<>();
        for (Source source : declared) {
            folders.requireOutsideDataDir(source);
            if (names.contains(source.name())) {
                throw new IllegalArgumentException("two sources are named " + source.name());
            }
            names.add(source.name());
            configure(source, SourceStore.Origin.CONFIG); // fails early on a bad definition
            store.save(source, SourceStore.Origin.CONFIG);
        }
        store.origins().forEach((name, origin) -> {
            if (origin == SourceStore.Origin.CONFIG && !names.contains(name)) {
                store.delete(name);
                deleteClone(name);
                droppedFromConfiguration.add(name);
                log.info("Source {} is no longer in the configuration: removed", name);
            }
        });
    }

    private static List<Source> sourcesFile(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            var documents = new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
            List<Source> out = new ArrayList<>();
            for (var document : documents) {
                // Each entry as a map: a kind's own keys are not known here (lists come as maps keyed 0, 1, …).
                new Binder(ConfigurationPropertySources.from(document))
                        .bind("sources", Bindable.listOf(Map.class))
                        .ifBound(entries -> entries.forEach(entry -> out.add(Source.fromEntry(asEntry(entry)))));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the sources file " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asEntry(Object bound) {
        return (Map<String, Object>) bound;
    }

    /**
     * The definition with its settings as its kind names and types them. A curator's settings are
     * checked strictly (an unknown or malformed setting is refused, 400); a configuration file's and
     * the database's leniently, where a key the kind does not use is logged and dropped, as the
     * configuration once accepted every kind's keys for any kind.
     */
    private Source canonical(Source source, SourceStore.Origin origin) {
        SourceKind kind = kinds.require(source.kind());
        KindSettings settings = origin == SourceStore.Origin.CONFIG
                ? kind.readLenient(source.settings(), key -> log.warn("Source {}: {} is not a setting of kind {} ({}); ignored",
                        source.name(), key, kind.name(), String.join(", ", kind.settings().stream().map(s -> s.configKey()).toList())))
                : kind.read(source.settings());
        return source.withSettings(settings.values());
    }

    /** The kinds of source this catalog reads. */
    public SourceKinds kinds() {
        return kinds;
    }

    /**
     * A curator's definition with its settings as the kind names them, so that it compares equal to
     * the stored one when nothing changed.
     *
     * @throws IllegalArgumentException when the name, kind or settings cannot be used
     */
    public Source canonical(Source source) {
        validate(source);
        return canonical(source, SourceStore.Origin.UI);
    }

    /** Names of configuration sources removed since the last start: their passages must go too. */
    public List<String> droppedFromConfiguration() {
        return List.copyOf(droppedFromConfiguration);
    }

    /** Names of sources of the UI or API not used because they read outside the allowed folders: their passages must go. */
    public List<String> refusedFolders() {
        return List.copyOf(refusedFolders);
    }

    /** Adds or replaces a source defined in the UI or over the API. */
    public synchronized ConfiguredSource save(Source definition) {
        Source source = canonical(definition);
        folders.requireAllowed(source);
        rules.checkCuratorDefinition(source);
        ConfiguredSource configured = configure(source, SourceStore.Origin.UI);
        ConfiguredSource previous = sources.get(source.name());
        store.save(source, SourceStore.Origin.UI);
        sources.put(source.name(), configured);
        closeQuietly(previous);
        return configured;
    }

    /** Forgets a source and deletes its clone, if any (its passages are the caller's to delete). */
    public synchronized boolean remove(String name) {
        ConfiguredSource removed = sources.remove(name);
        store.delete(name);
        closeQuietly(removed);
        deleteClone(name);
        return removed != null;
    }

    /** A source's own folder for what its kind keeps between syncs (where a Git source clones). */
    public Path cloneDir(String name) {
        return properties.dataDir().resolve("repos").resolve(name);
    }

    /** Where sources may read on this server. */
    public SourceFolders folders() {
        return folders;
    }

    /**
     * A source built from its definition without keeping it, to check that the definition is usable.
     * A Git source fetches into a scratch folder of its own, deleted when the probe is closed.
     */
    public Probe probe(Source definition) {
        Source source = canonical(definition);
        rules.checkCuratorDefinition(source);
        folders.requireAllowed(source);
        Path scratch = null;
        try {
            // A work folder of its own (a Git source clones into it), gone with the probe.
            scratch = Files.createTempDirectory(Files.createDirectories(probes()), source.name() + "-");
            return new Probe(configure(source, SourceStore.Origin.UI, scratch), scratch);
        } catch (IOException e) {
            deleteQuietly(scratch);
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(scratch);
            throw e;
        }
    }

    private Path probes() {
        return properties.dataDir().resolve("probes");
    }

    /** A source built for a test: closing it releases what it holds and deletes its scratch folder. */
    public record Probe(ConfiguredSource source, Path scratch) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(source);
            deleteQuietly(scratch);
        }
    }

    /**
     * Source names become folder names (a Git source's clone) and parts of URLs: letters, digits and
     * {@code . _ -}, not starting with a dot (so never {@code .} or {@code ..}).
     */
    private void validate(Source source) {
        if (source.name() == null || !source.name().matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("a source name is 1 to 100 letters, digits or . _ -, not starting with . (got '"
                    + (source.name() == null ? null : source.name().replaceAll("\\p{Cntrl}", "?")) + "')");
        }
        if (kinds.find(source.kind()).isEmpty()) {
            throw new IllegalArgumentException("source " + source.name() + " has kind "
                    + source.kind().replaceAll("\\p{Cntrl}", "?") + "; the kinds are " + String.join(", ", kinds.names()));
        }
        if (!source.schedule().isEmpty() && !CronExpression.isValidExpression(source.schedule())) {
            throw new IllegalArgumentException("the schedule of source " + source.name() + " is not a cron expression"
                    + " (second minute hour day month weekday), such as 0 0 3 * * * for 3 am daily");
        }
    }

    private void deleteClone(String name) {
        Path clone = cloneDir(name);
        if (clone.normalize().startsWith(properties.dataDir().resolve("repos").normalize()) && Files.exists(clone)) {
            deleteQuietly(clone);
            log.info("Deleted the clone of source {} ({})", name, clone);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(folder);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", folder, e.getMessage());
        }
    }

    private ConfiguredSource configure(Source source, SourceStore.Origin origin) {
        return configure(source, origin, null);
    }

    /**
     * Opens a source's reader through its kind.
     *
     * @param workFolder the source's own folder (a Git source's clone); null for its folder under the data dir
     */
    private ConfiguredSource configure(Source source, SourceStore.Origin origin, Path workFolder) {
        SourceKind kind = kinds.require(source.kind());
        KindSettings settings = kind.readLenient(source.settings(), key -> log.debug("Source {}: setting {} ignored",
                source.name(), key));
        if (origin != SourceStore.Origin.CONFIG) {
            rules.checkTokenEnv(source); // also for sources saved before the rule: their secret is not sent
        }
        KindContext context = new KindContext(properties.ingest().maxFileBytes(), chunker(),
                new Secrets(properties.secretsFile()), rules.policyFor(source, origin),
                workFolder != null ? workFolder : cloneDir(source.name()));
        DocumentSource reader = kind.open(source.name(), settings, context);
        String link = source.link() != null ? source.link() : kind.citationLink(settings);
        return new ConfiguredSource(source, kind, reader, kind.location(settings), new LinkTemplate(link), origin);
    }

    private DocumentChunker chunker() {
        return new DocumentChunker(properties.ingest().chunkTokens(), properties.ingest().overlapTokens());
    }

    public synchronized List<ConfiguredSource> all() {
        return List.copyOf(sources.values());
    }

    public synchronized Optional<ConfiguredSource> byName(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /** The sources a caller may read, by name. */
    public List<String> readableNames(ReadAccess access) {
        return all().stream().filter(s -> s.readableBy(access)).map(ConfiguredSource::name).toList();
    }

    /** Releases what sources hold open (a Git source's repository). */
    @Override
    public synchronized void close() {
        sources.values().forEach(SourceCatalog::closeQuietly);
    }

    private static void closeQuietly(ConfiguredSource source) {
        if (source != null && source.source() instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                log.warn("Could not close source {}: {}", source.name(), e.getMessage());
            }
        }
    }
}

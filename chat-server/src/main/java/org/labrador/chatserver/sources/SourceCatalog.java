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
import org.labrador.ingest.docs.DocsFolder;
import org.labrador.ingest.git.GitLinks;
import org.labrador.ingest.git.GitSource;
import org.labrador.ingest.git.GitSourceSettings;
import org.labrador.ingest.papers.PaperFolder;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.ingest.wiki.DokuWikiPages;
import org.labrador.ingest.wiki.MediaWikiApi;
import org.labrador.ingest.wiki.MediaWikiExport;
import org.labrador.retrieval.ReadAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The knowledge sources, by name. Sources declared in configuration ({@code labrador.sources} and
 * the sources file) are imported into the database at every start, replacing what an earlier start
 * imported; sources added in the UI or over the API live in the database only.
 */
@Component
public class SourceCatalog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceCatalog.class);

    /** A source ready to sync: its definition, how to read it and how its citations link. */
    public record ConfiguredSource(Source definition, DocumentSource source, String location, LinkTemplate links,
                                   SourceStore.Origin origin) {
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

    /** A catalog with the defaults: the folders of the configured sources as roots, public addresses only. */
    public SourceCatalog(LabradorProperties properties, SourceStore store) {
        this(properties, new SourceAccessProperties(List.of(), List.of()), store,
                SourceRules.defaults(properties.secretsFile()));
    }

    @Autowired
    public SourceCatalog(LabradorProperties properties, SourceAccessProperties access, SourceStore store,
                         SourceRules rules) {
        this.properties = properties;
        this.store = store;
        this.rules = rules;
        List<Source> declared = declared();
        this.folders = new SourceFolders(access.allowedRoots(), declared, properties.dataDir());
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

    private List<Source> declared() {
        List<Source> declared = new ArrayList<>(properties.sources());
        declared.addAll(sourcesFile(properties.sourcesFile()));
        return declared;
    }

    private void importConfiguration(List<Source> declared) {
        List<String> names = new ArrayList<>();
        for (Source source : declared) {
            validate(source);
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
                new Binder(ConfigurationPropertySources.from(document))
                        .bind("sources", Bindable.listOf(Source.class)).ifBound(out::addAll);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the sources file " + file + ": " + e.getMessage(), e);
        }
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
    public synchronized ConfiguredSource save(Source source) {
        validate(source);
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

    /** Where the clone of a Git source lives. */
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
    public Probe probe(Source source) {
        validate(source);
        rules.checkCuratorDefinition(source);
        folders.requireAllowed(source);
        Path scratch = null;
        try {
            if ("git".equals(source.kind())) {
                scratch = Files.createTempDirectory(Files.createDirectories(probes()), source.name() + "-");
            }
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
    private static void validate(Source source) {
        if (source.name() == null || !source.name().matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("a source name is 1 to 100 letters, digits or . _ -, not starting with . (got '"
                    + (source.name() == null ? null : source.name().replaceAll("\\p{Cntrl}", "?")) + "')");
        }
        if (!KINDS.contains(String.valueOf(source.kind()))) {
            throw new IllegalArgumentException("source " + source.name() + " has kind " + source.kind()
                    + "; the kinds are " + String.join(", ", KINDS));
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

    /** The kinds of source, as written in configuration. */
    public static final List<String> KINDS = List.of("docs", "git", "mediawiki", "dokuwiki", "papers");

    private ConfiguredSource configure(Source source, SourceStore.Origin origin) {
        return configure(source, origin, null);
    }

    /** @param cloneDir where a Git source fetches; null for its own folder under the data dir */
    private ConfiguredSource configure(Source source, SourceStore.Origin origin, Path cloneDir) {
        if (source.kind() == null) {
            throw new IllegalArgumentException("source " + source.name() + " has no kind; the kinds are " + String.join(", ", KINDS));
        }
        if (origin != SourceStore.Origin.CONFIG) {
            rules.checkTokenEnv(source); // also for sources saved before the rule: their secret is not sent
        }
        return switch (source.kind()) {
            case "docs" -> docs(source, origin);
            case "git" -> git(source, origin, cloneDir);
            case "mediawiki" -> mediaWiki(source, origin);
            case "dokuwiki" -> new ConfiguredSource(source, new DokuWikiPages(source.name(), requirePath(source),
                    properties.ingest().maxFileBytes(), chunker()), requirePath(source).toString(),
                    new LinkTemplate(source.link()), origin);
            case "papers" -> new ConfiguredSource(source, new PaperFolder(source.name(), requirePath(source),
                    properties.ingest().maxFileBytes(), chunker()), requirePath(source).toString(),
                    // A paper opens as itself, at the cited page.
                    new LinkTemplate(source.link() != null ? source.link() : "/files/{source}/{path}#page={page}"), origin);
            default -> throw new IllegalArgumentException("source " + source.name() + " has kind " + source.kind()
                    + "; the kinds are " + String.join(", ", KINDS));
        };
    }

    /**
     * A MediaWiki: an XML export file ({@code path}) or a live wiki's {@code api.php} ({@code url}, with
     * an optional bot password {@code User@Bot:password} in the variable named by {@code token-env}).
     * Citations open the page's section on the wiki when its address is known.
     */
    private ConfiguredSource mediaWiki(Source source, SourceStore.Origin origin) {
        long limit = properties.ingest().maxFileBytes();
        if (source.url() != null) {
            java.net.URI api = java.net.URI.create(source.url());
            MediaWikiApi.BotLogin login = null;
            if (source.tokenEnv() != null) {
                String credentials = new Secrets(properties.secretsFile()).apply(source.tokenEnv());
                if (credentials == null || !credentials.contains(":")) {
                    throw new IllegalArgumentException("mediawiki source " + source.name() + ": " + source.tokenEnv()
                            + " must hold the bot password as User@Bot:password");
                }
                int colon = credentials.indexOf(':');
                login = new MediaWikiApi.BotLogin(credentials.substring(0, colon), credentials.substring(colon + 1));
            }
            // Citations go to readers: never with the credentials an administrator may have put in the URL.
            String link = source.link() != null ? source.link() : SourceRules.withoutCredentials(source.url())
                    .replaceFirst("api\\.php.*$", "index.php?title={path}#{anchor}");
            return new ConfiguredSource(source, new MediaWikiApi(source.name(), api, MediaWikiExport.DEFAULT_NAMESPACES,
                    login, limit, chunker(), rules.policyFor(source, origin)), SourceRules.redact(source.url()),
                    new LinkTemplate(link), origin);
        }
        return new ConfiguredSource(source, new MediaWikiExport(source.name(), requirePath(source), limit, chunker()),
                requirePath(source).toString(), new LinkTemplate(source.link()), origin);
    }

    private DocumentChunker chunker() {
        return new DocumentChunker(properties.ingest().chunkTokens(), properties.ingest().overlapTokens());
    }

    private static Path requirePath(Source source) {
        if (source.path() == null) {
            throw new IllegalArgumentException(source.kind() + " source " + source.name() + " has no path");
        }
        return source.path();
    }

    private ConfiguredSource docs(Source source, SourceStore.Origin origin) {
        if (source.path() == null) {
            throw new IllegalArgumentException("docs source " + source.name() + " has no path");
        }
        return new ConfiguredSource(source, new DocsFolder(source.name(), source.path(), properties.ingest().maxFileBytes()),
                source.path().toString(), new LinkTemplate(source.link()), origin);
    }

    private ConfiguredSource git(Source source, SourceStore.Origin origin, Path cloneDir) {
        String uri = source.url() != null ? source.url() : source.path() == null ? null : source.path().toString();
        if (uri == null) {
            throw new IllegalArgumentException("git source " + source.name() + " needs a url or a path");
        }
        GitSourceSettings settings = new GitSourceSettings(source.name(), uri, source.branch(), source.tokenEnv(),
                source.excludes(), properties.ingest().maxFileBytes());
        GitSource git = new GitSource(settings, cloneDir != null ? cloneDir : cloneDir(source.name()),
                new Secrets(properties.secretsFile()), rules.policyFor(source, origin));
        String template = GitLinks.forRemote(uri, source.link()).template();
        return new ConfiguredSource(source, git, settings.displayUri(), new LinkTemplate(template), origin);
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

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
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Component;

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

    /** A catalog with the default {@link SourceRules}: public addresses only, secrets by prefix or file. */
    public SourceCatalog(LabradorProperties properties, SourceStore store) {
        this(properties, store, SourceRules.defaults(properties.secretsFile()));
    }

    @org.springframework.beans.factory.annotation.Autowired
    public SourceCatalog(LabradorProperties properties, SourceStore store, SourceRules rules) {
        this.properties = properties;
        this.store = store;
        this.rules = rules;
        importConfiguration();
        for (Source source : store.all()) {
            try {
                sources.put(source.name(), configure(source, store.origins().get(source.name())));
            } catch (IllegalArgumentException e) {
                log.error("Source {} cannot be used: {}", source.name(), SourceRules.redact(e.getMessage()));
            }
        }
    }

    private void importConfiguration() {
        List<Source> declared = new ArrayList<>(properties.sources());
        declared.addAll(sourcesFile(properties.sourcesFile()));
        List<String> names = new ArrayList<>();
        for (Source source : declared) {
            validate(source);
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

    /** Adds or replaces a source defined in the UI or over the API. */
    public synchronized ConfiguredSource save(Source source) {
        validate(source);
        rules.checkCuratorDefinition(source);
        ConfiguredSource configured = configure(source, SourceStore.Origin.UI);
        ConfiguredSource previous = sources.get(source.name());
        store.save(source, SourceStore.Origin.UI);
        sources.put(source.name(), configured);
        closeQuietly(previous);
        return configured;
    }

    /** Forgets a source (its passages are the caller's to delete). */
    public synchronized boolean remove(String name) {
        ConfiguredSource removed = sources.remove(name);
        store.delete(name);
        closeQuietly(removed);
        return removed != null;
    }

    /** Builds a source from its definition without keeping it: checks that the definition is usable. */
    public ConfiguredSource probe(Source source) {
        validate(source);
        rules.checkCuratorDefinition(source);
        return configure(source, SourceStore.Origin.UI);
    }

    private static void validate(Source source) {
        if (source.name() == null || !source.name().matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("a source name is 1 to 100 letters, digits or . _ - (got '" + source.name() + "')");
        }
    }

    /** The kinds of source, as written in configuration. */
    public static final List<String> KINDS = List.of("docs", "git", "mediawiki", "dokuwiki", "papers");

    private ConfiguredSource configure(Source source, SourceStore.Origin origin) {
        if (origin != SourceStore.Origin.CONFIG) {
            rules.checkTokenEnv(source); // also for sources saved before the rule: their secret is not sent
        }
        return switch (source.kind()) {
            case "docs" -> docs(source, origin);
            case "git" -> git(source, origin);
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

    private ConfiguredSource git(Source source, SourceStore.Origin origin) {
        String uri = source.url() != null ? source.url() : source.path() == null ? null : source.path().toString();
        if (uri == null) {
            throw new IllegalArgumentException("git source " + source.name() + " needs a url or a path");
        }
        GitSourceSettings settings = new GitSourceSettings(source.name(), uri, source.branch(), source.tokenEnv(),
                source.excludes(), properties.ingest().maxFileBytes());
        GitSource git = new GitSource(settings, properties.dataDir().resolve("repos").resolve(source.name()),
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

package org.labrador.chatserver.sources;

import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.ingest.docs.DocsFolder;
import org.labrador.ingest.git.GitLinks;
import org.labrador.ingest.git.GitSource;
import org.labrador.ingest.git.GitSourceSettings;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.LinkTemplate;
import org.springframework.stereotype.Component;

/** The configured knowledge sources, by name. */
@Component
public class SourceCatalog implements AutoCloseable {

    /** A source ready to sync: how to read it and how its citations link. */
    public record ConfiguredSource(DocumentSource source, String kind, String location, LinkTemplate links) {
        public String name() {
            return source.name();
        }
    }

    private final Map<String, ConfiguredSource> sources = new LinkedHashMap<>();

    public SourceCatalog(LabradorProperties properties) {
        for (LabradorProperties.Source source : properties.sources()) {
            if (source.name() == null || source.name().isBlank()) {
                throw new IllegalArgumentException("a source in labrador.sources has no name");
            }
            if (sources.containsKey(source.name())) {
                throw new IllegalArgumentException("two sources are named " + source.name());
            }
            sources.put(source.name(), switch (source.kind()) {
                case "docs" -> docs(source, properties);
                case "git" -> git(source, properties);
                default -> throw new IllegalArgumentException("source " + source.name() + " has kind " + source.kind()
                        + "; the kinds are docs and git");
            });
        }
    }

    private static ConfiguredSource docs(LabradorProperties.Source source, LabradorProperties properties) {
        if (source.path() == null) {
            throw new IllegalArgumentException("docs source " + source.name() + " has no path");
        }
        return new ConfiguredSource(new DocsFolder(source.name(), source.path(), properties.ingest().maxFileBytes()),
                "docs", source.path().toString(), new LinkTemplate(source.link()));
    }

    private static ConfiguredSource git(LabradorProperties.Source source, LabradorProperties properties) {
        String uri = source.url() != null ? source.url() : source.path() == null ? null : source.path().toString();
        if (uri == null) {
            throw new IllegalArgumentException("git source " + source.name() + " needs a url or a path");
        }
        GitSourceSettings settings = new GitSourceSettings(source.name(), uri, source.branch(), source.tokenEnv(),
                source.excludes(), properties.ingest().maxFileBytes());
        GitSource git = new GitSource(settings, properties.dataDir().resolve("repos").resolve(source.name()),
                new Secrets(properties.secretsFile()));
        String template = GitLinks.forRemote(uri, source.link()).template();
        return new ConfiguredSource(git, "git", settings.displayUri(), new LinkTemplate(template));
    }

    public List<ConfiguredSource> all() {
        return List.copyOf(sources.values());
    }

    public Optional<ConfiguredSource> byName(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /** Releases what sources hold open (a Git source's repository). */
    @Override
    public void close() throws IOException {
        for (ConfiguredSource source : sources.values()) {
            if (source.source() instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }
}

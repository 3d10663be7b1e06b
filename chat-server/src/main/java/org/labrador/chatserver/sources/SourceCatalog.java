package org.labrador.chatserver.sources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.ingest.docs.DocsFolder;
import org.labrador.ingest.sync.LinkTemplate;
import org.springframework.stereotype.Component;

/** The configured knowledge sources, by name. */
@Component
public class SourceCatalog {

    /** A source ready to sync: how to read it and how its citations link. */
    public record ConfiguredSource(DocsFolder folder, LinkTemplate links) {
        public String name() {
            return folder.name();
        }
    }

    private final Map<String, ConfiguredSource> sources = new LinkedHashMap<>();

    public SourceCatalog(LabradorProperties properties) {
        for (LabradorProperties.Source source : properties.sources()) {
            if (source.name() == null || source.name().isBlank()) {
                throw new IllegalArgumentException("a source in labrador.sources has no name");
            }
            if (!"docs".equals(source.kind())) {
                throw new IllegalArgumentException("source " + source.name() + " has kind " + source.kind()
                        + "; this version reads sources of kind docs");
            }
            if (source.path() == null) {
                throw new IllegalArgumentException("source " + source.name() + " has no path");
            }
            if (sources.containsKey(source.name())) {
                throw new IllegalArgumentException("two sources are named " + source.name());
            }
            sources.put(source.name(), new ConfiguredSource(
                    new DocsFolder(source.name(), source.path(), properties.ingest().maxFileBytes()),
                    new LinkTemplate(source.link())));
        }
    }

    public List<ConfiguredSource> all() {
        return List.copyOf(sources.values());
    }

    public Optional<ConfiguredSource> byName(String name) {
        return Optional.ofNullable(sources.get(name));
    }
}

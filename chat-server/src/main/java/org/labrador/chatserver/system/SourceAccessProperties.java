package org.labrador.chatserver.system;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where sources added in the UI or over the API may read and fetch, under {@code labrador.sources} (next to
 * the list of sources, {@code labrador.sources[n]}, which Spring binds apart; in YAML write these keys flat,
 * {@code labrador.sources.allowed-roots: [...]}, or as environment variables
 * {@code LABRADOR_SOURCES_ALLOWEDROOTS}, {@code LABRADOR_SOURCES_ALLOWEDHOSTS}).
 *
 * @param allowedRoots folders under which such a source may read (docs, papers, DokuWiki folders, MediaWiki
 *                     exports, local Git repositories); unset means the folders of the sources declared in
 *                     the configuration files. The data dir is never allowed, even inside a root.
 * @param allowedHosts internal hosts that Git and wiki sources may fetch from although they are loopback,
 *                     link-local or private: host names as written in URLs, addresses or CIDR ranges
 *                     ({@code gitlab.internal}, {@code 10.1.0.0/16}). Empty by default: only public
 *                     addresses, plus the host of each source declared in a configuration file, which an
 *                     administrator wrote
 */
@ConfigurationProperties("labrador.sources")
public record SourceAccessProperties(List<Path> allowedRoots, List<String> allowedHosts) {

    public SourceAccessProperties {
        allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }
}

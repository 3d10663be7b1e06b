package org.labrador.chatserver.system;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where on this server curators may point folder sources: {@code labrador.sources.allowed-roots}.
 * (It sits next to the list of sources, {@code labrador.sources[n]}, which Spring binds apart.)
 *
 * @param allowedRoots folders under which a source added in the UI or over the API may read (docs,
 *                     papers, DokuWiki folders, MediaWiki exports, local Git repositories); unset
 *                     means the folders of the sources declared in the configuration files. The data
 *                     dir is never allowed, even inside a root.
 */
@ConfigurationProperties("labrador.sources")
public record SourceRoots(List<Path> allowedRoots) {

    public SourceRoots {
        allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
    }
}

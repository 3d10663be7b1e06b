package org.labrador.chatserver.system;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where sources may fetch from, under {@code labrador.sources} (next to the list of sources; in
 * YAML write the key flat, {@code labrador.sources.allowed-hosts: [...]}, or as an environment
 * variable {@code LABRADOR_SOURCES_ALLOWEDHOSTS}).
 *
 * @param allowedHosts internal hosts that Git and wiki sources may fetch from although they are
 *                     loopback, link-local or private: host names as written in URLs, addresses
 *                     or CIDR ranges ({@code gitlab.internal}, {@code 10.1.0.0/16}). Empty by
 *                     default: only public addresses, plus the host of each source declared in a
 *                     configuration file, which an administrator wrote
 */
@ConfigurationProperties("labrador.sources")
public record SourceAccessProperties(List<String> allowedHosts) {

    public SourceAccessProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }
}

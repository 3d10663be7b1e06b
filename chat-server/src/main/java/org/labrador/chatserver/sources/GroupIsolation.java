package org.labrador.chatserver.sources;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps a source's groups from being undone by another source over the same files. A folder (or
 * repository) read by a source with groups G1 may be read by another source only with groups
 * G2 ⊆ G1: an ungrouped source is open to every user, so it cannot cover a grouped folder at all.
 * Sources overlap when one's folder is the other's, or inside it (links resolved), or when both
 * read the same remote content as their kinds compare it (the same Git repository by any of its
 * URLs, the same wiki). An administrator may override the rule, which is logged.
 */
@Component
public class GroupIsolation {

    private static final Logger log = LoggerFactory.getLogger(GroupIsolation.class);

    private final SourceCatalog catalog;
    private final Callers callers;

    public GroupIsolation(SourceCatalog catalog, Callers callers) {
        this.catalog = catalog;
        this.callers = callers;
    }

    /**
     * Refuses ({@link IllegalStateException}, 409) a new or edited source that would open to more
     * readers what another source keeps to its groups, unless the caller is an administrator and
     * asked for it with {@code allowWiderAccess}.
     */
    public void requireNoWiderAccess(Source definition, boolean allowWiderAccess) {
        List<SourceCatalog.ConfiguredSource> narrower = catalog.all().stream()
                .filter(other -> !other.name().equals(definition.name()))
                .filter(other -> !other.groups().isEmpty())
                .filter(other -> definition.groups().isEmpty() || !other.groups().containsAll(definition.groups()))
                .filter(other -> overlap(definition, other.definition()))
                .toList();
        if (narrower.isEmpty()) {
            return;
        }
        String readers = definition.groups().isEmpty() ? "every user" : "groups " + definition.groups();
        String covered = String.join("; ", narrower.stream()
                .map(other -> "source " + other.name() + " (groups " + other.groups() + ")").toList());
        String problem = "source " + definition.name() + " would open to " + readers
                + " files that are kept to fewer readers by " + covered
                + ": give it groups within theirs";
        if (allowWiderAccess && callers.current().role().includes(Role.ADMIN)) {
            log.warn("Group isolation overridden by administrator {}: {}", callers.current().username(), problem);
            return;
        }
        throw new IllegalStateException(problem + (allowWiderAccess ? "; only an administrator may override this"
                : "; an administrator may override this with allowWiderAccess"));
    }

    /**
     * Whether two sources read some of the same documents: overlapping folders on this server, or
     * the same remote content as their kinds compare it (the same Git repository by any of its URLs).
     */
    boolean overlap(Source a, Source b) {
        SourceFolders folders = catalog.folders();
        List<Path> pathsA = folders.realLocalPaths(a);
        List<Path> pathsB = folders.realLocalPaths(b);
        if (!pathsA.isEmpty() && !pathsB.isEmpty()) {
            return pathsA.stream().anyMatch(pa -> pathsB.stream().anyMatch(pb -> SourceFolders.overlaps(pa, pb)));
        }
        Optional<String> remoteA = folders.remoteAddress(a);
        return remoteA.isPresent() && remoteA.equals(folders.remoteAddress(b));
    }
}

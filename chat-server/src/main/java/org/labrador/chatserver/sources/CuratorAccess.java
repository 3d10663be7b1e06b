package org.labrador.chatserver.sources;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccount;
import org.labrador.retrieval.ReadAccess;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What the calling curator may see of the sources' contents: a curator sees the documents, the
 * questions and the evaluations of the sources their groups read, as they would in an answer;
 * an admin sees all. Both the curation API and the curators' pages ask this.
 */
@Component
public class CuratorAccess {

    private final Callers callers;
    private final SourceCatalog catalog;

    public CuratorAccess(Callers callers, SourceCatalog catalog) {
        this.callers = callers;
        this.catalog = catalog;
    }

    /** What the caller may read: everything for an admin, their groups' sources otherwise. */
    public ReadAccess access() {
        UserAccount caller = callers.current();
        return caller.role().includes(Role.ADMIN) ? ReadAccess.everything() : ReadAccess.groups(caller.groups());
    }

    /** Whether the caller may see the contents of the source named {@code source} (an unknown source: admins only). */
    public boolean mayRead(String source) {
        return mayRead(access(), source);
    }

    private boolean mayRead(ReadAccess access, String source) {
        return catalog.byName(source).map(s -> access.allows(s.groups())).orElse(access.unrestricted());
    }

    /** Refuses a source whose contents the caller may not see. */
    public void requireReadable(String source) {
        if (!mayRead(source)) {
            throw new AccessDeniedException("source " + source + " is not open to your groups");
        }
    }

    /**
     * Which asked questions the caller may see, from the sources the answer cited and the groups of
     * who asked: every cited source must be readable; a question that cited none (a gap) shows only
     * when the asker's groups are all the caller's, since it may be about any source the asker reads.
     */
    public BiPredicate<Set<String>, Set<String>> questions() {
        ReadAccess access = access();
        if (access.unrestricted()) {
            return (cited, askerGroups) -> true;
        }
        Map<String, Collection<String>> groups = catalog.all().stream()
                .collect(Collectors.toMap(SourceCatalog.ConfiguredSource::name, SourceCatalog.ConfiguredSource::groups));
        return (cited, askerGroups) -> cited.isEmpty()
                ? access.groups().containsAll(askerGroups)
                : cited.stream().allMatch(s -> groups.containsKey(s) && access.allows(groups.get(s)));
    }
}

package org.labrador.retrieval;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which passages a caller may read: those of sources open to at least one of the caller's groups.
 * Every passage carries its source's groups (see {@link #EVERYONE} for sources open to all), and
 * a search adds the caller's groups to the Lucene query itself, so a passage the caller may not
 * read is never scored, returned, cited or timed.
 *
 * @param unrestricted true only for local, trusted callers (the command line, index maintenance)
 * @param groups       the caller's groups; {@link #EVERYONE} is always included
 */
public record ReadAccess(boolean unrestricted, Set<String> groups) {

    /** The group of sources that declare no groups: every signed-in user may read them. */
    public static final String EVERYONE = "*";

    public ReadAccess {
        TreeSet<String> all = new TreeSet<>(groups == null ? Set.of() : groups);
        all.add(EVERYONE);
        groups = Set.copyOf(all);
    }

    /** Everything in the index: for the command line and the server's own maintenance. */
    public static ReadAccess everything() {
        return new ReadAccess(true, Set.of());
    }

    /** A signed-in user who belongs to these groups. */
    public static ReadAccess groups(Collection<String> groups) {
        return new ReadAccess(false, Set.copyOf(groups));
    }

    /** Whether a passage open to {@code passageGroups} may be read; an empty list means everyone. */
    public boolean allows(Collection<String> passageGroups) {
        if (unrestricted || passageGroups.isEmpty()) {
            return true;
        }
        return passageGroups.stream().anyMatch(groups::contains);
    }
}

package org.labrador.chatserver.security;

import java.time.Instant;
import java.util.List;

/**
 * A user of Labrador.
 *
 * @param groups the groups the user belongs to: they open sources to the user
 */
public record UserAccount(long id, String username, Role role, List<String> groups, boolean enabled, Instant createdAt) {

    public UserAccount {
        groups = List.copyOf(groups);
    }
}

package org.labrador.chatserver.security;

import java.time.Instant;
import java.util.List;

/**
 * A user of Labrador.
 *
 * @param groups the groups the user belongs to: they open sources to the user
 */
public record UserAccount(long id, String username, Role role, List<String> groups, boolean enabled, Instant createdAt)
        implements java.security.Principal {

    /** The user name, as Spring Security and the servlet API name a principal. */
    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore // the API shows it as "username" already
    public String getName() {
        return username;
    }

    public UserAccount {
        groups = List.copyOf(groups);
    }
}

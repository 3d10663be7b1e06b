package org.labrador.chatserver.security;

import java.time.Instant;

/**
 * A personal API token as listed: never the token itself, which is shown once when created.
 *
 * @param prefix the token's first characters, to tell tokens apart in a list
 */
public record ApiToken(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}

package org.labrador.chatserver.security;

import java.util.List;
import java.util.Locale;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a user may do. Each role includes the ones below it: an admin is also a curator and a reader.
 */
public enum Role {
    /** Asks questions and reads the sources open to their groups. */
    READER,
    /** Also manages sources: adds, edits, syncs, excludes, pins; sees what was asked. */
    CURATOR,
    /** Also manages users and settings. */
    ADMIN;

    public static Role parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown role '" + name + "': the roles are reader, curator and admin");
        }
    }

    /** The Spring Security authorities: this role's and those of the roles it includes. */
    public List<SimpleGrantedAuthority> authorities() {
        return java.util.Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal())
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
    }

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

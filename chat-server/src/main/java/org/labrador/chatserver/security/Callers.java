package org.labrador.chatserver.security;

import org.labrador.retrieval.ReadAccess;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling, and what they may read. Every search, answer and opened file asks this, so that
 * one rule decides everywhere: a user reads the sources open to one of their groups.
 */
@Component
public class Callers {

    private final UserAccounts accounts;

    public Callers(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /** The signed-in account of the current request or UI session. */
    public UserAccount current() {
        return account(SecurityContextHolder.getContext().getAuthentication());
    }

    public UserAccount account(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AccessDeniedException("not signed in");
        }
        return accounts.find(authentication.getName()).filter(UserAccount::enabled)
                .orElseThrow(() -> new AccessDeniedException("no enabled account " + authentication.getName()));
    }

    /** What the current caller may read, read afresh so that a change of groups applies at once. */
    public ReadAccess access() {
        return ReadAccess.groups(current().groups());
    }
}

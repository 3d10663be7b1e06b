package org.labrador.chatserver.security;

import java.util.Optional;
import org.labrador.retrieval.ReadAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Who is calling, and what they may read. Every search, answer and opened file asks this, so that
 * one rule decides everywhere: a user reads the sources open to one of their groups.
 */
@Component
public class Callers {

    private final UserAccounts accounts;
    private final SecurityContextHolderStrategy contexts;

    /** With Vaadin's holder of the signed-in user when there is one (it also knows the UI session's user). */
    public Callers(UserAccounts accounts, ObjectProvider<SecurityContextHolderStrategy> contexts) {
        this.accounts = accounts;
        this.contexts = contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /** Where the signed-in user of the current request is kept. */
    public SecurityContextHolderStrategy contexts() {
        return contexts;
    }

    /** The signed-in account of the current request or UI session. */
    public UserAccount current() {
        return account(contexts.getContext().getAuthentication());
    }

    /** The signed-in account of the current request or UI session, or empty when nobody (enabled) is signed in. */
    public Optional<UserAccount> signedIn() {
        try {
            return Optional.of(current());
        } catch (AccessDeniedException notSignedIn) {
            return Optional.empty();
        }
    }

    public UserAccount account(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AccessDeniedException("not signed in");
        }
        if (authentication.getPrincipal() instanceof UserAccount account) {
            return account; // read with the token on this very request
        }
        return accounts.find(authentication.getName()).filter(UserAccount::enabled)
                .orElseThrow(() -> new AccessDeniedException("no enabled account " + authentication.getName()));
    }

    /** What the current caller may read, read afresh so that a change of groups applies at once. */
    public ReadAccess access() {
        return ReadAccess.groups(current().groups());
    }
}

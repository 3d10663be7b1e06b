package org.labrador.chatserver.web;

import java.util.ArrayList;
import java.util.List;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.security.FirstRunSetup;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.webui.account.SignInOptions;
import org.labrador.webui.account.SignOut;
import org.labrador.webui.account.TokenService;
import org.labrador.webui.account.UserAdmin;
import org.labrador.webui.account.Viewer;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/** The account pages' view of the application: who is signed in, how to sign in, their tokens. */
@Component
class WebAccounts implements Viewer, SignInOptions, SignOut, TokenService, UserAdmin {

    private final Callers callers;
    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final ObjectProvider<ClientRegistrationRepository> identityProviders;
    private final ObjectProvider<FirstRunSetup> setup;
    // Vaadin's, present only in the web server: the command-line context has no pages to sign out of.
    private final ObjectProvider<AuthenticationContext> authentication;

    WebAccounts(Callers callers, UserAccounts accounts, ApiTokens tokens,
                ObjectProvider<ClientRegistrationRepository> identityProviders, ObjectProvider<FirstRunSetup> setup,
                ObjectProvider<AuthenticationContext> authentication) {
        this.callers = callers;
        this.accounts = accounts;
        this.tokens = tokens;
        this.identityProviders = identityProviders;
        this.setup = setup;
        this.authentication = authentication;
    }

    @Override
    public String name() {
        return callers.current().username();
    }

    @Override
    public boolean curator() {
        return callers.current().role().includes(Role.CURATOR);
    }

    @Override
    public boolean admin() {
        return callers.current().role().includes(Role.ADMIN);
    }

    @Override
    public List<Provider> providers() {
        List<Provider> out = new ArrayList<>();
        if (identityProviders.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object r : registrations) {
                ClientRegistration registration = (ClientRegistration) r;
                out.add(new Provider(registration.getClientName(), "oauth2/authorization/" + registration.getRegistrationId()));
            }
        }
        return out;
    }

    @Override
    public boolean hasAccounts() {
        return accounts.count() > 0;
    }

    @Override
    public boolean setupOpen() {
        FirstRunSetup firstRun = setup.getIfAvailable();
        return firstRun != null && firstRun.isOpen();
    }

    @Override
    public void signOut() {
        authentication.getObject().logout();
    }

    @Override
    public List<TokenRow> list() {
        return tokens.list(name()).stream()
                .map(t -> new TokenRow(t.id(), t.name(), t.prefix(), t.createdAt(), t.lastUsedAt(), t.revoked()))
                .toList();
    }

    @Override
    public String create(String tokenName) {
        return tokens.create(name(), tokenName).secret();
    }

    @Override
    public void revoke(long id) {
        tokens.revoke(name(), id);
    }

    @Override
    public List<UserRow> users() {
        requireAdmin();
        return accounts.all().stream().map(u -> new UserRow(u.username(), u.role().label(), u.groups(), u.enabled())).toList();
    }

    @Override
    public void create(String username, String password, String role, List<String> groups) {
        requireAdmin();
        accounts.create(username, password, Role.parse(role), groups);
    }

    @Override
    public void update(String username, String role, List<String> groups, boolean enabled) {
        requireAdmin();
        if (username.equals(name()) && (!enabled || !Role.parse(role).includes(Role.ADMIN))) {
            throw new IllegalStateException("you cannot take away your own admin role or sign-in");
        }
        accounts.setRole(username, Role.parse(role));
        accounts.setGroups(username, groups);
        accounts.setEnabled(username, enabled);
    }

    @Override
    public void delete(String username) {
        requireAdmin();
        if (username.equals(name())) {
            throw new IllegalStateException("you cannot delete your own account");
        }
        accounts.delete(username);
    }

    /** The page is for admins only; so is every change it makes, whoever calls. */
    private void requireAdmin() {
        if (!admin()) {
            throw new org.springframework.security.access.AccessDeniedException("admins only");
        }
    }
}

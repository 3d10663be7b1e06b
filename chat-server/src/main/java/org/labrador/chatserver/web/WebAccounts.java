package org.labrador.chatserver.web;

import java.util.ArrayList;
import java.util.List;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.webui.account.SignInOptions;
import org.labrador.webui.account.TokenService;
import org.labrador.webui.account.Viewer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/** The account pages' view of the application: who is signed in, how to sign in, their tokens. */
@Component
class WebAccounts implements Viewer, SignInOptions, TokenService {

    private final Callers callers;
    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final ObjectProvider<ClientRegistrationRepository> identityProviders;

    WebAccounts(Callers callers, UserAccounts accounts, ApiTokens tokens,
                ObjectProvider<ClientRegistrationRepository> identityProviders) {
        this.callers = callers;
        this.accounts = accounts;
        this.tokens = tokens;
        this.identityProviders = identityProviders;
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
}

package org.labrador.chatserver.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Maps a user who signed in through OpenID Connect (an institute's SSO, Keycloak, CERN SSO,
 * GitLab) to a local account, created as a reader on first sign-in. The account's groups follow
 * the identity provider's groups claim (configurable: {@code labrador.security.oidc.groups-claim},
 * default {@code groups}) on every sign-in, so removing someone from a group at the provider closes
 * the sources of that group to them; roles stay as a Labrador admin set them.
 */
@Component
public class OidcAccounts extends OidcUserService {

    private static final Logger log = LoggerFactory.getLogger(OidcAccounts.class);

    private final UserAccounts accounts;
    private final String groupsClaim;
    private final String usernameClaim;

    public OidcAccounts(UserAccounts accounts, Environment environment) {
        this.accounts = accounts;
        this.groupsClaim = environment.getProperty("labrador.security.oidc.groups-claim", "groups");
        this.usernameClaim = environment.getProperty("labrador.security.oidc.username-claim", "preferred_username");
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = super.loadUser(request);
        String username = user.getClaimAsString(usernameClaim);
        if (username == null || username.isBlank()) {
            username = user.getEmail() != null ? user.getEmail() : user.getSubject();
        }
        List<String> groups = groups(user.getClaims().get(groupsClaim));
        UserAccount account = accounts.find(username).orElse(null);
        if (account == null) {
            account = accounts.create(username, null, Role.READER, groups);
            log.info("Created reader account {} at first sign-in through {}", username,
                    request.getClientRegistration().getRegistrationId());
        } else {
            accounts.setGroups(username, groups);
            account = accounts.find(username).orElseThrow();
        }
        if (!account.enabled()) {
            throw new OAuth2AuthenticationException("account " + username + " is disabled");
        }
        return new DefaultOidcUser(account.role().authorities(), user.getIdToken(), user.getUserInfo(),
                user.getClaimAsString(usernameClaim) != null ? usernameClaim : "sub");
    }

    private static List<String> groups(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> out.add(String.valueOf(v).replaceFirst("^/", "")));
        } else if (claim instanceof String value) {
            for (String part : value.split(",")) {
                out.add(part.trim());
            }
        }
        return out;
    }
}

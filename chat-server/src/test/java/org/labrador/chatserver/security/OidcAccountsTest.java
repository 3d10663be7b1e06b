package org.labrador.chatserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Signing in through an identity provider: the first sign-in creates a reader whose groups come
 * from the provider's groups claim; later sign-ins follow the claim (leaving a group at the
 * provider closes its sources) and keep the role an admin gave; a disabled account is refused.
 */
class OidcAccountsTest {

    private UserAccounts accounts;
    private OidcAccounts oidc;

    @BeforeEach
    void database() throws Exception {
        var dataSource = new DriverManagerDataSource("jdbc:h2:file:" + Files.createTempDirectory("labrador-oidc").resolve("db"));
        Flyway.configure().dataSource(dataSource).load().migrate();
        accounts = new UserAccounts(JdbcClient.create(dataSource), PasswordEncoderFactories.createDelegatingPasswordEncoder());
        oidc = new OidcAccounts(accounts, new MockEnvironment().withProperty("labrador.security.oidc.groups-claim", "groups"));
    }

    @Test
    void theProvidersGroupsClaimDecidesTheGroupsAtEverySignIn() {
        OidcUser first = oidc.loadUser(request(Map.of("preferred_username", "ada", "groups", List.of("/xenon", "analysis"))));
        assertThat(first.getName()).isEqualTo("ada");
        assertThat(first.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_READER");
        assertThat(accounts.find("ada").orElseThrow().groups()).containsExactly("analysis", "xenon");

        accounts.setRole("ada", Role.CURATOR);
        OidcUser later = oidc.loadUser(request(Map.of("preferred_username", "ada", "groups", List.of("xenon"))));
        assertThat(accounts.find("ada").orElseThrow().groups()).as("left 'analysis' at the provider").containsExactly("xenon");
        assertThat(later.getAuthorities()).extracting(Object::toString).contains("ROLE_CURATOR");
        assertThat(accounts.find("ada").orElseThrow().role()).isEqualTo(Role.CURATOR);

        accounts.setEnabled("ada", false);
        assertThatThrownBy(() -> oidc.loadUser(request(Map.of("preferred_username", "ada"))))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    @Test
    void withoutAUserNameClaimTheEmailNamesTheAccount() {
        oidc.loadUser(request(Map.of("email", "bob@example.org", "groups", "lz, xenon")));
        assertThat(accounts.find("bob@example.org").orElseThrow().groups()).containsExactly("lz", "xenon");
        assertThatThrownBy(() -> accounts.loadUserByUsername("bob@example.org"))
                .as("an SSO account cannot sign in with a password")
                .isInstanceOf(org.springframework.security.core.userdetails.UsernameNotFoundException.class);
    }

    private static OidcUserRequest request(Map<String, Object> claims) {
        ClientRegistration registration = ClientRegistration.withRegistrationId("sso").clientId("labrador")
                .clientSecret("secret").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid")
                .authorizationUri("https://sso.example.org/auth").tokenUri("https://sso.example.org/token")
                .jwkSetUri("https://sso.example.org/jwks").userNameAttributeName("sub").clientName("Institute SSO").build();
        Instant now = Instant.now();
        var all = new java.util.HashMap<String, Object>(claims);
        all.put("sub", "subject-" + claims.getOrDefault("preferred_username", claims.get("email")));
        all.put("iss", "https://sso.example.org");
        OidcIdToken idToken = new OidcIdToken("id-token", now, now.plusSeconds(300), all);
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(300));
        return new OidcUserRequest(registration, access, idToken);
    }
}

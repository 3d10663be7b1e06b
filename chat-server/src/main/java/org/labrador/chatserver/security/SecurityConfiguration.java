package org.labrador.chatserver.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.labrador.webui.account.LoginView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two doors, both locked. The APIs (Labrador's own, and the Ollama-, OpenAI-, Tabby- and
 * llama.cpp-compatible ones that IDE plugins call) take a personal token, keep no session, and
 * answer an anonymous call with 401 in the error shape their clients parse. Everything else (the
 * web pages, cited files) needs a signed-in session: a login form for local accounts, and
 * OpenID Connect when an identity provider is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class SecurityConfiguration {

    /** Paths of the APIs, matched as prefixes. */
    private static final Set<String> API_PREFIXES = Set.of("/api/", "/v1/", "/v1beta/", "/v3/api-docs");
    /** Single-path endpoints of llama.cpp's server that plugins call. */
    private static final Set<String> API_PATHS = Set.of("/infill", "/health", "/completion", "/v1/models");

    /**
     * A call of the APIs: by path; or a non-browser probe of {@code /} with a token (Ollama clients ask
     * it whether it runs); or a cited file fetched with a token. Browsers, with their session, take the web chain.
     */
    static boolean isApiCall(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (API_PATHS.contains(path) || API_PREFIXES.stream().anyMatch(path::startsWith)) {
            return true;
        }
        if (path.startsWith("/files/") && request.getHeader("Authorization") != null) {
            return true; // a script fetching a cited file (a paper's PDF) with its token
        }
        String accept = request.getHeader("Accept");
        return path.equals("/") && "GET".equals(request.getMethod()) && (accept == null || !accept.contains("text/html"))
                && request.getHeader("Authorization") != null;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, Callers callers) throws Exception {
        ApiAuthenticationEntryPoint refusal = new ApiAuthenticationEntryPoint();
        RequestMatcher api = SecurityConfiguration::isApiCall;
        return http.securityMatcher(api)
                .csrf(csrf -> csrf.disable()) // no cookies are accepted here, so there is nothing to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, callers.contexts()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // A streamed answer finishes in an async dispatch of a request already authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(r -> pathOf(r).startsWith("/api/v1/users")).hasRole(Role.ADMIN.name())
                        .requestMatchers(r -> pathOf(r).startsWith("/api/v1/sources")
                                || pathOf(r).startsWith("/api/v1/questions")
                                || pathOf(r).startsWith("/api/v1/evaluations")).hasRole(Role.CURATOR.name())
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(refusal).accessDeniedHandler(refusal))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> identityProviders,
                                 OidcAccounts oidcAccounts) throws Exception {
        if (identityProviders.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(info -> info.oidcUserService(oidcAccounts)));
        }
        // The style sheet holds no knowledge, and the sign-in page needs it before anyone signs in.
        http.authorizeHttpRequests(auth -> auth.requestMatchers(r -> pathOf(r).startsWith("/styles/")).permitAll());
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}

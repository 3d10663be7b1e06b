package org.labrador.chatserver.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.List;
import org.labrador.chatserver.sources.Secrets;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.webui.account.LoginView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Two doors, both locked. The APIs (Labrador's own, and the Ollama-, OpenAI-, Tabby- and
 * llama.cpp-compatible ones that IDE plugins call) take a personal token, keep no session, and
 * answer an anonymous call with 401 in the error shape their clients parse. Everything else (the
 * web pages, cited files) needs a signed-in session: a login form for local accounts, and
 * OpenID Connect when an identity provider is configured.
 *
 * <p>Every rule matches the decoded, normalised path that Spring MVC routes ({@link PathPatternRequestMatcher}),
 * never the raw request URI: {@code /api/v1/%75sers} is {@code /api/v1/users} here as it is for the
 * controller. The role-restricted controllers also carry {@code @PreAuthorize}, so that a routing
 * surprise cannot skip the check.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
@org.springframework.boot.context.properties.EnableConfigurationProperties(ScrapeToken.class)
public class SecurityConfiguration {

    /** The APIs, as path patterns. */
    private static final RequestMatcher API_PATHS = anyOf("/api/**", "/v1/**", "/v1beta/**", "/v3/api-docs/**",
            "/infill", "/health", "/completion", "/actuator/**");
    /** Probes of health, liveness and readiness: open, as load balancers call them; only admins see details. */
    private static final RequestMatcher HEALTH = anyOf("/actuator/health", "/actuator/health/**");
    /** Metrics and build information: administrators, and a Prometheus server with the scrape token. */
    private static final RequestMatcher METRICS = anyOf("/actuator/prometheus", "/actuator/info");
    private static final RequestMatcher ADMIN_PATHS = anyOf("/api/v1/users/**");
    private static final RequestMatcher CURATOR_PATHS = anyOf("/api/v1/sources/**", "/api/v1/questions/**",
            "/api/v1/evaluations/**");
    private static final RequestMatcher FILES = anyOf("/files/**");

    /**
     * Pages may run only this site's scripts and styles (Vaadin needs inline ones and {@code eval} for
     * its client), show only this site's images (an answer's Markdown cannot load a remote image), and
     * cannot be framed by another site.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; frame-src 'self'; object-src 'self'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'self'";

    /**
     * A call of the APIs: by path; or a cited file fetched with a token. The error page of a failed API call
     * is part of that call. Browsers, with their session, take the web chain. (Ollama clients' probe of
     * {@code /} is answered before any of this, by {@code OllamaProbeFilter}.)
     */
    static boolean isApiCall(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
            return isApiCall(new OriginalRequest(request, original));
        }
        return API_PATHS.matches(request) || (FILES.matches(request) && request.getHeader("Authorization") != null);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, Callers callers, SignInThrottle throttle,
                                 ScrapeToken scrapeToken, LabradorProperties properties) throws Exception {
        Secrets secrets = new Secrets(properties.secretsFile());
        ApiAuthenticationEntryPoint refusal = new ApiAuthenticationEntryPoint();
        return http.securityMatcher(SecurityConfiguration::isApiCall)
                .csrf(csrf -> csrf.disable()) // no cookies are accepted here, so there is nothing to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, callers.contexts(), throttle,
                        secret -> scrapeToken.matches(secret, secrets), METRICS),
                        AnonymousAuthenticationFilter.class)
                .headers(headers -> eagerly(headers).referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(auth -> auth
                        // A streamed answer finishes in an async dispatch of a request already authorised;
                        // the error page of an API call was authorised (or refused) as that call.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HEALTH).permitAll()
                        .requestMatchers(METRICS).hasAnyAuthority("ROLE_" + Role.ADMIN.name(), ScrapeToken.AUTHORITY)
                        .requestMatchers(ADMIN_PATHS).hasRole(Role.ADMIN.name())
                        .requestMatchers(CURATOR_PATHS).hasRole(Role.CURATOR.name())
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(refusal).accessDeniedHandler(refusal))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> identityProviders,
                                 OidcAccounts oidcAccounts, RequestUtil vaadinRequests) throws Exception {
        if (identityProviders.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(info -> info.oidcUserService(oidcAccounts)));
        }
        // The style sheet holds no knowledge, and the sign-in page needs it before anyone signs in.
        // An error page shows only a status: it is shown for requests that were let in, or refused by the firewall
        // (an encoded "..", say), which then get their 400 rather than a sign-in page.
        // The setup page's form creates the first administrator before anyone can sign in: it checks the one-time
        // code itself (FirstRunSetup), and needs the page's CSRF token like every form.
        http.authorizeHttpRequests(auth -> auth.requestMatchers(anyOf("/styles/**")).permitAll()
                // The chat page's script and the code highlighter it uses: library code, for signed-in users.
                .requestMatchers(anyOf("/scripts/**", "/webjars/highlightjs/**")).authenticated()
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/setup/admin")).permitAll());
        // Vaadin exempts its sign-in form from CSRF; here only its own requests are (they carry Vaadin's own
        // security key), so a forged form cannot sign a victim in to the attacker's account.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.headers(headers -> eagerly(headers)
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frame -> frame.sameOrigin()));
        http.exceptionHandling(e -> e.authenticationEntryPoint(signInFirst(vaadinRequests)));
        // Vaadin's own rule for other addresses is "deny all", an empty 403 even for a signed-in user. Signed in,
        // an address that is no page reaches Vaadin's router, which answers with its "Page not found" page (404)
        // and a page of another role with "needs the ... role" (403); signed out, it leads to the sign-in page.
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated)
                .enableCsrfConfiguration(false));
        // After Vaadin's configurer, which sets up the sign-in form: its failures then go to signInFailed().
        http.formLogin(form -> form.withObjectPostProcessor(new ObjectPostProcessor<UsernamePasswordAuthenticationFilter>() {
            @Override
            public <F extends UsernamePasswordAuthenticationFilter> F postProcess(F filter) {
                filter.setAuthenticationFailureHandler(signInFailed());
                return filter;
            }
        }));
        return http.build();
    }

    /**
     * A failed sign-in goes back to the sign-in page, which keeps the name typed ({@link LoginView#LAST_USER_NAME}
     * in the session) and says why: a wrong name or password ({@code ?error}), or too many failures ({@code ?blocked}).
     */
    private static AuthenticationFailureHandler signInFailed() {
        ExceptionMappingAuthenticationFailureHandler redirect = new ExceptionMappingAuthenticationFailureHandler();
        redirect.setDefaultFailureUrl("/login?error");
        redirect.setExceptionMappings(java.util.Map.of(LockedException.class.getName(), "/login?blocked"));
        return (request, response, exception) -> {
            String typed = request.getParameter("username");
            if (typed != null) {
                request.getSession().setAttribute(LoginView.LAST_USER_NAME, typed.length() > 100 ? typed.substring(0, 100) : typed);
            }
            redirect.onAuthenticationFailure(request, response, exception);
        };
    }

    /**
     * As Vaadin's own, but the redirect to the sign-in page is relative: an absolute one would be built from
     * the request's {@code Host} header, which the caller chooses.
     */
    private static AuthenticationEntryPoint signInFirst(RequestUtil vaadinRequests) {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        login.setFavorRelativeUris(true);
        // Vaadin's own requests of an expired session get a status its client understands.
        return new DelegatingAuthenticationEntryPoint(login, List.of(new RequestMatcherEntry<>(
                vaadinRequests::isFrameworkInternalRequest, new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))));
    }

    /**
     * Headers written before the request is served, not when the response is committed: Vaadin answers its
     * pages through a forward to its own servlet, and headers left for the commit never reached them.
     */
    private static HeadersConfigurer<HttpSecurity> eagerly(HeadersConfigurer<HttpSecurity> headers) {
        return headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
            @Override
            public <F extends HeaderWriterFilter> F postProcess(F filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        });
    }

    private static RequestMatcher anyOf(String... patterns) {
        var builder = PathPatternRequestMatcher.withDefaults();
        RequestMatcher[] matchers = java.util.Arrays.stream(patterns).map(builder::matcher).toArray(RequestMatcher[]::new);
        return matchers.length == 1 ? matchers[0] : new OrRequestMatcher(matchers);
    }

    /** The failed request as it was asked, seen from its error dispatch. */
    private static final class OriginalRequest extends HttpServletRequestWrapper {
        private final String uri;
        private Object parsedPath;

        OriginalRequest(HttpServletRequest request, String uri) {
            super(request);
            this.uri = uri;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public String getQueryString() {
            return null;
        }

        // The error dispatch may hold the parsed path of "/error"; the original's is parsed here, apart from it.
        @Override
        public Object getAttribute(String name) {
            return ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name) ? parsedPath : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name)) {
                parsedPath = value;
            } else {
                super.setAttribute(name, value);
            }
        }

        @Override
        public void removeAttribute(String name) {
            if (ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name)) {
                parsedPath = null;
            } else {
                super.removeAttribute(name);
            }
        }
    }
}

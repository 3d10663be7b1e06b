package org.labrador.chatserver.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in an API call that carries a personal token as {@code Authorization: Bearer lab_…}. A
 * missing, unknown or revoked token leaves the call anonymous, and the API chain refuses it. The
 * account, just read with the token, is the principal, so the request need not read it again.
 * Failed tokens are logged (by their first characters only) and counted per address: an address that
 * keeps guessing is answered 429 for a while, whatever it sends.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

    private final ApiTokens tokens;
    private final SecurityContextHolderStrategy contexts;
    private final SignInThrottle throttle;
    private final Predicate<String> isScrapeToken;
    private final RequestMatcher scrapedPaths;

    /** @param contexts where the chain keeps the signed-in user (Vaadin has its own holder for its pages) */
    BearerTokenFilter(ApiTokens tokens, SecurityContextHolderStrategy contexts, SignInThrottle throttle) {
        this(tokens, contexts, throttle, secret -> false, request -> false);
    }

    /** As above, also letting the metrics scrape token in on {@code scrapedPaths}, and nowhere else. */
    BearerTokenFilter(ApiTokens tokens, SecurityContextHolderStrategy contexts, SignInThrottle throttle,
                      Predicate<String> isScrapeToken, RequestMatcher scrapedPaths) {
        this.tokens = tokens;
        this.contexts = contexts;
        this.throttle = throttle;
        this.isScrapeToken = isScrapeToken;
        this.scrapedPaths = scrapedPaths;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String address = SignInThrottle.address(request.getRemoteAddr());
            Optional<Duration> blocked = throttle.blocked(address);
            if (blocked.isPresent()) {
                long seconds = blocked.get().toSeconds() + 1;
                response.setHeader("Retry-After", Long.toString(seconds));
                ApiAuthenticationEntryPoint.write(request, response, 429,
                        "too many failed tokens from your address; try again in " + seconds + " s", "rate_limit_exceeded");
                return;
            }
            String secret = header.substring(7).trim();
            if (scrapedPaths.matches(request) && isScrapeToken.test(secret)) {
                var context = contexts.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null,
                        ScrapeToken.AUTHORITIES));
                contexts.setContext(context);
                chain.doFilter(request, response);
                return;
            }
            var account = tokens.authenticate(secret);
            if (account.isPresent()) {
                var authentication = UsernamePasswordAuthenticationToken.authenticated(account.get(), null,
                        account.get().role().authorities());
                var context = contexts.createEmptyContext();
                context.setAuthentication(authentication);
                contexts.setContext(context);
            } else {
                throttle.addressFailed(address);
                log.warn("Refused an unknown or revoked API token '{}…' from {} for {} {}",
                        PasswordSignIn.printable(secret.substring(0, Math.min(8, secret.length()))),
                        request.getRemoteAddr(), request.getMethod(), PasswordSignIn.printable(request.getRequestURI()));
            }
        }
        chain.doFilter(request, response);
    }
}

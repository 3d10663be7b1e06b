package org.labrador.chatserver.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The token a Prometheus server scrapes {@code /actuator/prometheus} and {@code /actuator/info}
 * with, when no administrator's token should sit in its configuration. Under {@code labrador.metrics}.
 *
 * @param scrapeTokenEnv the name of the secret holding the token: an environment variable or a key of the secrets
 *                       file ({@code labrador.secrets-file}), read at each request, so a rotated token applies
 *                       at once; empty (the default): only administrators' tokens are let in
 */
@ConfigurationProperties("labrador.metrics")
public record ScrapeToken(String scrapeTokenEnv) {

    /** The one thing the scrape token allows. */
    static final String AUTHORITY = "ROLE_METRICS";
    static final List<SimpleGrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority(AUTHORITY));

    public ScrapeToken {
        scrapeTokenEnv = scrapeTokenEnv == null ? "" : scrapeTokenEnv.strip();
    }

    /**
     * Whether {@code secret} is the scrape token; false when none is configured or its secret is unset.
     *
     * @param secrets looks a secret up by name
     */
    boolean matches(String secret, Function<String, String> secrets) {
        if (scrapeTokenEnv.isEmpty()) {
            return false;
        }
        String expected = secrets.apply(scrapeTokenEnv);
        // Short tokens are refused: a guessable scrape token would expose the metrics.
        if (expected == null || expected.strip().length() < 16) {
            return false;
        }
        return MessageDigest.isEqual(expected.strip().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }
}

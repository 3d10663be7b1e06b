package org.labrador.chatserver.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which secrets a source added in the UI or over the API may name in {@code token-env}, under
 * {@code labrador.secrets}.
 *
 * @param envPrefix environment variables whose names start with this may be named (default
 *                  {@code LABRADOR_SECRET_}); so may every key of the secrets file. Any other
 *                  variable ({@code LABRADOR_ADMIN_PASSWORD}, {@code PATH}) only in a configuration
 *                  file. Empty: only keys of the secrets file
 */
@ConfigurationProperties("labrador.secrets")
public record SecretsProperties(@DefaultValue("LABRADOR_SECRET_") String envPrefix) {

    public SecretsProperties {
        envPrefix = envPrefix == null ? "" : envPrefix.strip();
    }
}

package org.labrador.models.ollama;

import io.github.ollama4j.Ollama;
import java.time.Duration;

/** What the classes of this package share about the ollama4j client. */
final class OllamaClients {

    private OllamaClients() {
    }

    /**
     * An ollama4j client for {@code baseUrl} whose requests wait at most {@code timeout} for
     * Ollama's answer to begin. ollama4j has one timeout per client, so a class that needs a quick
     * check beside a long call holds two.
     */
    static Ollama create(String baseUrl, Duration timeout) {
        Ollama ollama = new Ollama(baseUrl);
        // ollama4j counts whole seconds; round up so that 1.5 s does not become 1 s.
        ollama.setRequestTimeoutSeconds(Math.max(1, (timeout.toMillis() + 999) / 1000));
        return ollama;
    }

    /**
     * Whether {@code type} is in the cause chain: ollama4j wraps every failure in an
     * OllamaException, once or twice, with the JDK's exception underneath.
     */
    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package org.labrador.chatserver.sources;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Looks up a secret (a Git access token, the metrics scrape token) by name: first in the environment, then in the secrets
 * file, read at each look-up so that a rotated token is used at the next sync. Values are never
 * logged or shown; only the name of a missing secret is.
 */
public final class Secrets implements Function<String, String> {

    private final Path file;

    public Secrets(Path file) {
        this.file = file;
    }

    /** The names the secrets file defines (not their values); empty when there is no file. */
    Set<String> names() {
        Properties properties = read();
        return properties == null ? Set.of() : Set.copyOf(properties.stringPropertyNames());
    }

    @Override
    public String apply(String name) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            return value;
        }
        Properties properties = read();
        // a file that cannot be read is reported as a missing token by the source, with the variable's name
        String fromFile = properties == null ? null : properties.getProperty(name);
        return fromFile == null || fromFile.isBlank() ? null : fromFile.strip();
    }

    private Properties read() {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            return null;
        }
        return properties;
    }
}

package org.labrador.ingest.git;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is shown or logged: the user information of any URL
 * ({@code https://user:pass@host} becomes {@code https://***@host}) and every known secret value,
 * wherever it appears. JGit puts the remote URL, as given, into its exception messages, which is
 * why nothing of JGit's reaches a message unredacted.
 */
final class Redaction {

    private static final Pattern URL_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");
    private static final String MASK = "***";

    private final List<String> secrets;

    Redaction(List<String> secrets) {
        List<String> kept = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                kept.add(secret);
            }
        }
        this.secrets = List.copyOf(kept);
    }

    String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /** The messages of an exception and its causes, redacted, joined by ": ", without repeats. */
    String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank() || out.indexOf(message.strip()) >= 0) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(": ");
            }
            out.append(message.strip());
        }
        return apply(out.isEmpty() ? error.getClass().getSimpleName() : out.toString());
    }

    static String stripUserInfo(String uri) {
        return URL_USER_INFO.matcher(uri).replaceAll("$1");
    }
}

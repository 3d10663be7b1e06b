package org.labrador.ingest.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The base address of a web service a source reads (an Indico server, a Mattermost server, a
 * wiki), checked when the source is configured: {@code http} or {@code https}, a host, no user
 * information (credentials belong in the secret that {@code token-env} names, never in an address
 * that is shown and logged), no query or fragment. Kept without a trailing slash, so that paths
 * are appended as {@code base + "/api/…"}.
 */
public final class ServiceAddress {

    private ServiceAddress() {
    }

    /**
     * The address, checked and without trailing slashes.
     *
     * @param what what the address is, for the error message ("Indico source 'talks': url")
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static URI parse(String what, String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        URI uri;
        try {
            uri = new URI(address.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a valid address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(what + " must be an http(s) address, such as https://example.org");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " must not hold a user name or password: put the credentials"
                    + " in the secret that token-env names");
        }
        if (AddressPolicy.hostOf(uri).isEmpty()) {
            throw new IllegalArgumentException(what + " has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " must be a base address, without ?query or #fragment");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}

package org.labrador.ingest.kind;

import java.util.Locale;

/**
 * What a setting's value is, which decides how it is read, checked and asked for in a form.
 * Values are kept as JSON-friendly Java values: a string for the text-like types, a list of
 * strings for {@link #LIST}, a {@link Long} or {@link Double} for {@link #NUMBER}, a
 * {@link Boolean} for {@link #BOOLEAN}.
 */
public enum SettingType {
    /** Free text on one line. */
    TEXT,
    /** An address on the network, such as {@code https://wiki.example.org/api.php}. */
    URL,
    /** A folder or file on this server (curators are held to the allowed roots). */
    PATH,
    /**
     * The name of a secret (an environment variable or a key of the secrets file), never the secret
     * itself; curators may name only secrets meant for sources.
     */
    SECRET_ENV,
    /** Several strings, one per line in a form. */
    LIST,
    /** A number. */
    NUMBER,
    /** Yes or no. */
    BOOLEAN,
    /** One of the setting's {@link Setting#choices()}. */
    CHOICE;

    /** The name used in the kinds description of the API: {@code text}, {@code secret-env}, … */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

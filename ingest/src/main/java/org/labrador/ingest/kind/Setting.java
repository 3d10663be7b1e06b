package org.labrador.ingest.kind;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One setting of a kind of source, as the kind describes it: what the configuration file, the API
 * and the Sources page call it, what it holds, and the help a curator reads next to the field.
 * Built with {@link #required} or {@link #optional} and refined with {@link #help(String)},
 * {@link #defaultValue(String)}, {@link #choices(String...)} and {@link #schemes(String...)}.
 *
 * @param name         the key, in camelCase ({@code tokenEnv}); configuration files may write it in
 *                     kebab-case ({@code token-env}): keys are compared {@link #sameKey relaxed}
 * @param label        the form's label for the field ("Folder on this server")
 * @param type         what the value is
 * @param required     whether a source of the kind must set it
 * @param defaultValue what applies when it is not set, as text (empty for none); shown in the form
 * @param help         one or two sentences for the form and the API
 * @param choices      the allowed values of a {@link SettingType#CHOICE}, else empty
 * @param schemes      the URL schemes a curator may use in a {@link SettingType#URL}; empty means
 *                     {@code http} and {@code https}
 */
public record Setting(String name, String label, SettingType type, boolean required, String defaultValue, String help,
                      List<String> choices, List<String> schemes) {

    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    public Setting {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a setting's name is camelCase letters and digits: " + name);
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("setting " + name + " needs a label");
        }
        if (type == null) {
            throw new IllegalArgumentException("setting " + name + " needs a type");
        }
        defaultValue = defaultValue == null ? "" : defaultValue;
        help = help == null ? "" : help;
        choices = choices == null ? List.of() : List.copyOf(choices);
        schemes = schemes == null || schemes.isEmpty() ? List.of("http", "https")
                : schemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** A setting every source of the kind must give. */
    public static Setting required(SettingType type, String name, String label) {
        return new Setting(name, label, type, true, "", "", List.of(), List.of());
    }

    /** A setting a source may leave out. */
    public static Setting optional(SettingType type, String name, String label) {
        return new Setting(name, label, type, false, "", "", List.of(), List.of());
    }

    public Setting help(String text) {
        return new Setting(name, label, type, required, defaultValue, text, choices, schemes);
    }

    public Setting defaultValue(String value) {
        return new Setting(name, label, type, required, value, help, choices, schemes);
    }

    public Setting choices(String... values) {
        return new Setting(name, label, type, required, defaultValue, help, List.of(values), schemes);
    }

    public Setting schemes(String... values) {
        return new Setting(name, label, type, required, defaultValue, help, choices, List.of(values));
    }

    /** The key as configuration files write it: {@code tokenEnv} is {@code token-env}. */
    public String configKey() {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /**
     * Whether two keys name the same setting, as Spring's relaxed binding compares them:
     * {@code tokenEnv}, {@code token-env}, {@code token_env} and {@code TOKENENV} are one key.
     */
    public static boolean sameKey(String a, String b) {
        return relaxed(a).equals(relaxed(b));
    }

    static String relaxed(String key) {
        return key == null ? "" : key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}

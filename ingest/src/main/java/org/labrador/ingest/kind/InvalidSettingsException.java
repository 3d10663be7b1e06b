package org.labrador.ingest.kind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings that a kind cannot use, with one readable problem per setting (by its name), so that a
 * form can mark each field and an API caller reads them all at once.
 */
public class InvalidSettingsException extends IllegalArgumentException {

    private final transient Map<String, String> problems;

    /** @param problems what is wrong, by setting name, in the order found */
    public InvalidSettingsException(Map<String, String> problems) {
        super(String.join("; ", problems.values()));
        this.problems = Map.copyOf(new LinkedHashMap<>(problems));
    }

    /** One problem with one setting. */
    public InvalidSettingsException(String setting, String problem) {
        this(Map.of(setting, problem));
    }

    /**
     * A reader's own refusal of settings (the check in its settings record), put on the setting its
     * message names ({@code url}, {@code category}…, as configuration files write them), else on
     * {@code fallback}; the message loses its "kind source 'name':" prefix, which names no source yet.
     */
    public static InvalidSettingsException fromReader(List<Setting> description, String fallback,
                                                      IllegalArgumentException refusal) {
        String message = String.valueOf(refusal.getMessage()).replaceFirst("^\\w+ source '[^']*'(: )?", "");
        for (Setting setting : description) {
            if (Pattern.compile("(^|[^\\w-])" + Pattern.quote(setting.configKey()) + "($|[^\\w-])").matcher(message).find()) {
                return new InvalidSettingsException(setting.name(), message);
            }
        }
        return new InvalidSettingsException(fallback, message);
    }

    /** What is wrong, by setting name. */
    public Map<String, String> problems() {
        return problems;
    }
}

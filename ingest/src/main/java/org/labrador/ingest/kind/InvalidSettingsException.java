package org.labrador.ingest.kind;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** What is wrong, by setting name. */
    public Map<String, String> problems() {
        return problems;
    }
}

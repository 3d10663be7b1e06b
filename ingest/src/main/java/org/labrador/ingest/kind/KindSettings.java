package org.labrador.ingest.kind;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The settings of one source, read and checked against its kind's description: each value has the
 * Java type of its {@link SettingType}, under the setting's own name. Only what the source sets is
 * held ({@link #values()}, stored as one JSON object); the getters fall back to a setting's default.
 */
public final class KindSettings {

    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private final List<Setting> description;
    private final Map<String, Object> values;

    private KindSettings(List<Setting> description, Map<String, Object> values) {
        this.description = List.copyOf(description);
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Reads settings as a curator sent them: every key must be one of the description's (keys are
     * compared relaxed, {@code token-env} is {@code tokenEnv}); null and blank values count as unset.
     *
     * @throws InvalidSettingsException naming every unknown, missing or malformed setting
     */
    public static KindSettings read(List<Setting> description, Map<String, ?> raw) {
        return read(description, raw, null);
    }

    /**
     * Reads settings from a configuration file or the database, where a key the kind does not
     * know is passed to {@code ignored} and left out instead of refused: keys that every kind
     * once accepted, or that a kind has since dropped, must not stop a server from starting.
     *
     * @throws InvalidSettingsException naming every missing or malformed setting
     */
    public static KindSettings readLenient(List<Setting> description, Map<String, ?> raw, Consumer<String> ignored) {
        return read(description, raw, ignored == null ? key -> { } : ignored);
    }

    private static KindSettings read(List<Setting> description, Map<String, ?> raw, Consumer<String> ignored) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ?> given = raw == null ? Map.of() : raw;
        for (Map.Entry<String, ?> entry : new TreeMap<>(given).entrySet()) {
            Optional<Setting> setting = description.stream().filter(s -> Setting.sameKey(s.name(), entry.getKey())).findFirst();
            if (setting.isEmpty()) {
                if (isUnset(entry.getValue())) {
                    continue;
                }
                if (ignored != null) {
                    ignored.accept(entry.getKey());
                } else {
                    problems.put(entry.getKey(), entry.getKey() + " is not a setting of this kind (its settings are "
                            + String.join(", ", description.stream().map(Setting::name).toList()) + ")");
                }
                continue;
            }
            try {
                Object value = convert(setting.get(), entry.getValue());
                if (value != null) {
                    values.put(setting.get().name(), value);
                }
            } catch (IllegalArgumentException e) {
                problems.put(setting.get().name(), e.getMessage());
            }
        }
        for (Setting setting : description) {
            if (setting.required() && !values.containsKey(setting.name())) {
                problems.put(setting.name(), setting.label() + " (" + setting.name() + ") is required");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        // In the description's order, so that stored JSON and shown settings read like the form.
        Map<String, Object> ordered = new LinkedHashMap<>();
        description.stream().filter(s -> values.containsKey(s.name())).forEach(s -> ordered.put(s.name(), values.get(s.name())));
        return new KindSettings(description, ordered);
    }

    /** The settings as given: only those set, by name, with JSON-friendly values. */
    public Map<String, Object> values() {
        return values;
    }

    public List<Setting> description() {
        return description;
    }

    /** Whether the source sets this setting itself. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A text-like setting (text, URL, path, secret name, choice), its default, or null. */
    public String text(String name) {
        Object value = values.get(name);
        if (value != null) {
            return value.toString();
        }
        String fallback = setting(name).defaultValue();
        return fallback.isEmpty() ? null : fallback;
    }

    /** A path setting, resolved on this server, or empty. */
    public Optional<Path> path(String name) {
        return Optional.ofNullable(text(name)).map(Path::of);
    }

    /** A list setting, its default (comma-separated), or an empty list. */
    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        Object value = values.get(name);
        if (value instanceof List<?> list) {
            return (List<String>) list;
        }
        String fallback = setting(name).defaultValue();
        return fallback.isEmpty() ? List.of() : splitList(fallback);
    }

    /** A number setting, or its default, or {@code otherwise}. */
    public double number(String name, double otherwise) {
        Object value = values.get(name);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        String fallback = setting(name).defaultValue();
        return fallback.isEmpty() ? otherwise : Double.parseDouble(fallback);
    }

    /** A boolean setting, or its default ({@code false} without one). */
    public boolean flag(String name) {
        Object value = values.get(name);
        return value instanceof Boolean b ? b : Boolean.parseBoolean(setting(name).defaultValue());
    }

    /**
     * Requires at least one of the named settings, for kinds read either from a folder or over the
     * network ({@code url} or {@code path}).
     *
     * @throws InvalidSettingsException on each of them, when none is set
     */
    public void requireOneOf(String... names) {
        for (String name : names) {
            if (has(name)) {
                return;
            }
        }
        List<String> labels = new ArrayList<>();
        for (String name : names) {
            labels.add(setting(name).label() + " (" + name + ")");
        }
        String problem = "give " + String.join(" or ", labels);
        Map<String, String> problems = new LinkedHashMap<>();
        for (String name : names) {
            problems.put(name, problem);
        }
        throw new InvalidSettingsException(problems);
    }

    private Setting setting(String name) {
        return description.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting named " + name + " in this kind"));
    }

    private static boolean isUnset(Object value) {
        return value == null || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }

    /** The value as its type holds it, or null when unset; a malformed value is an {@link IllegalArgumentException}. */
    private static Object convert(Setting setting, Object raw) {
        if (isUnset(raw)) {
            return null;
        }
        String what = setting.label() + " (" + setting.name() + ")";
        return switch (setting.type()) {
            case LIST -> {
                List<String> items = listOf(raw, what);
                yield items.isEmpty() ? null : items;
            }
            case NUMBER -> number(raw, what);
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                String text = scalar(raw, what).strip();
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException(what + " is true or false, not " + printable(text));
                }
                yield Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
            }
            default -> text(setting, scalar(raw, what).strip(), what);
        };
    }

    private static String text(Setting setting, String text, String what) {
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be one line without control characters");
        }
        switch (setting.type()) {
            case URL -> {
                if (text.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException(what + " is an address without spaces, such as https://host/path");
                }
            }
            case PATH -> {
                try {
                    Path.of(text);
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException(what + " is not a path on this server: " + e.getReason());
                }
            }
            case SECRET_ENV -> {
                if (!SECRET_NAME.matcher(text).matches()) {
                    throw new IllegalArgumentException(what + " is the name of a secret (letters, digits and _),"
                            + " not the secret itself");
                }
            }
            case CHOICE -> {
                if (!setting.choices().contains(text)) {
                    throw new IllegalArgumentException(what + " is one of " + String.join(", ", setting.choices())
                            + ", not " + printable(text));
                }
            }
            default -> {
            }
        }
        return text;
    }

    private static Number number(Object raw, String what) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d : (Number) d;
        }
        String text = scalar(raw, what).strip();
        if (INTEGER.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " is a number, not " + printable(text));
    }

    /**
     * A list from a JSON array, a YAML list (which Spring's binder hands over as a map keyed 0, 1, …)
     * or text: one item per line, or comma-separated on one line (as an environment variable gives it).
     */
    private static List<String> listOf(Object raw, String what) {
        Collection<?> items;
        if (raw instanceof Collection<?> c) {
            items = c;
        } else if (raw instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k.toString().matches("\\d+"))) {
            items = new TreeMap<>(m.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    e -> Integer.parseInt(e.getKey().toString()), Map.Entry::getValue))).values();
        } else {
            return splitList(scalar(raw, what));
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            String text = scalar(item, what).strip();
            if (text.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(what + " holds an item with control characters");
            }
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> splitList(String text) {
        String separator = text.contains("\n") ? "\n" : ",";
        return java.util.Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String scalar(Object raw, String what) {
        if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
            return raw.toString();
        }
        throw new IllegalArgumentException(what + " is a single value, not " + (raw instanceof Map ? "an object" : "a list"));
    }

    private static String printable(String text) {
        String shown = text.replaceAll("\\p{Cntrl}", "?");
        return "'" + (shown.length() > 60 ? shown.substring(0, 60) + "…" : shown) + "'";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KindSettings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "KindSettings" + values.keySet(); // values may hold a URL with credentials
    }
}

package org.labrador.ingest.kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The kinds of source this server knows, by name, in the order the Sources page offers them. The
 * installed kinds are those registered with {@link ServiceLoader}: one line naming the
 * {@link SourceKind} class in {@code META-INF/services/org.labrador.ingest.kind.SourceKind}.
 */
public final class SourceKinds {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    /** Keys of a source that are every kind's, not a kind's own (see the application's source definition). */
    private static final java.util.Set<String> COMMON = java.util.Set.of("name", "kind", "link", "groups", "schedule",
            "settings", "suggestedquestions", "allowwideraccess");

    private final Map<String, SourceKind> kinds;

    private SourceKinds(List<SourceKind> kinds) {
        Map<String, SourceKind> byName = new LinkedHashMap<>();
        for (SourceKind kind : kinds) {
            if (kind.name() == null || !NAME.matcher(kind.name()).matches()) {
                throw new IllegalArgumentException("a kind's name is 1 to 20 lower-case letters, digits or -, starting"
                        + " with a letter: " + kind.name() + " (" + kind.getClass().getName() + ")");
            }
            checkSettings(kind);
            SourceKind before = byName.putIfAbsent(kind.name(), kind);
            if (before != null) {
                throw new IllegalArgumentException("two kinds are named " + kind.name() + ": "
                        + before.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        this.kinds = byName;
    }

    /** A kind's description must make a usable form: distinct names, a choice to make for each choice setting. */
    private static void checkSettings(SourceKind kind) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Setting setting : kind.settings()) {
            if (COMMON.contains(Setting.relaxed(setting.name()))) {
                throw new IllegalArgumentException("kind " + kind.name() + ": " + setting.name()
                        + " is a setting of every source, not of a kind");
            }
            if (!keys.add(Setting.relaxed(setting.name()))) {
                throw new IllegalArgumentException("kind " + kind.name() + " has two settings named " + setting.name());
            }
            if (setting.type() == SettingType.CHOICE && setting.choices().isEmpty()) {
                throw new IllegalArgumentException("kind " + kind.name() + ": choice setting " + setting.name()
                        + " needs its choices");
            }
        }
    }

    /** The kinds registered on the class path, in the order of their registration files. */
    public static SourceKinds installed() {
        List<SourceKind> found = new ArrayList<>();
        ServiceLoader.load(SourceKind.class, SourceKinds.class.getClassLoader()).forEach(found::add);
        return new SourceKinds(found);
    }

    /** Exactly these kinds. */
    public static SourceKinds of(List<SourceKind> kinds) {
        return new SourceKinds(kinds);
    }

    /** These kinds and one more, offered last. */
    public SourceKinds with(SourceKind kind) {
        List<SourceKind> all = new ArrayList<>(kinds.values());
        all.add(kind);
        return new SourceKinds(all);
    }

    public List<SourceKind> all() {
        return List.copyOf(kinds.values());
    }

    public List<String> names() {
        return List.copyOf(kinds.keySet());
    }

    public Optional<SourceKind> find(String name) {
        return Optional.ofNullable(name == null ? null : kinds.get(name));
    }

    /** The kind of this name; an {@link IllegalArgumentException} listing the kinds otherwise. */
    public SourceKind require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                (name == null ? "no kind given" : "there is no kind " + name.replaceAll("\\p{Cntrl}", "?"))
                        + "; the kinds are " + String.join(", ", names())));
    }
}

package org.labrador.chatserver.sources;

import java.util.List;
import org.labrador.ingest.kind.Setting;
import org.labrador.ingest.kind.SourceKind;

/**
 * A kind of source as {@code GET /api/v1/sources/kinds} describes it, and as the Sources page builds
 * its form from it: a new kind shows up here without any change to the server or the page.
 *
 * @param name        as written in {@code kind:}
 * @param label       the kind menu's label
 * @param description what a source of the kind reads
 * @param settings    the kind's own settings, in the form's order; name, groups, schedule and link
 *                    are every kind's and not listed
 */
public record KindDescription(String name, String label, String description, List<SettingDescription> settings) {

    /**
     * One setting of a kind.
     *
     * @param name         the key in API requests ({@code tokenEnv})
     * @param configKey    the key in configuration files ({@code token-env})
     * @param label        the form's label
     * @param type         {@code text}, {@code url}, {@code path}, {@code secret-env}, {@code list},
     *                     {@code number}, {@code boolean} or {@code choice}
     * @param required     whether a source must set it
     * @param defaultValue what applies when unset, as text, or empty
     * @param help         a sentence or two for the form
     * @param choices      the values a {@code choice} takes
     */
    public record SettingDescription(String name, String configKey, String label, String type, boolean required,
                                     String defaultValue, String help, List<String> choices) {
    }

    static KindDescription of(SourceKind kind) {
        return new KindDescription(kind.name(), kind.label(), kind.description(),
                kind.settings().stream().map(KindDescription::of).toList());
    }

    private static SettingDescription of(Setting s) {
        return new SettingDescription(s.name(), s.configKey(), s.label(), s.type().jsonName(), s.required(),
                s.defaultValue(), s.help(), s.choices());
    }
}

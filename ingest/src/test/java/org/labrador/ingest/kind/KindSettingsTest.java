package org.labrador.ingest.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are read and checked from the kind's description alone, with one readable problem per field. */
class KindSettingsTest {

    private static final List<Setting> DESCRIPTION = List.of(
            Setting.required(SettingType.URL, "url", "Server address").help("h"),
            Setting.optional(SettingType.SECRET_ENV, "tokenEnv", "Token secret").help("h"),
            Setting.optional(SettingType.LIST, "channels", "Channels").help("h").defaultValue("town-square"),
            Setting.optional(SettingType.NUMBER, "pageSize", "Page size").help("h").defaultValue("60"),
            Setting.optional(SettingType.BOOLEAN, "archived", "Include archived").help("h"),
            Setting.optional(SettingType.CHOICE, "order", "Order").help("h").choices("newest", "oldest"));

    @Test
    void valuesGetTheirTypesAndDefaults() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("url", " https://chat.example.org ");
        raw.put("token-env", "LABRADOR_SECRET_MM");
        raw.put("channels", "analysis\nshifts\n");
        raw.put("archived", "true");
        raw.put("order", "oldest");
        raw.put("page_size", null);
        KindSettings settings = KindSettings.read(DESCRIPTION, raw);
        assertThat(settings.values()).containsExactly(Map.entry("url", "https://chat.example.org"),
                Map.entry("tokenEnv", "LABRADOR_SECRET_MM"), Map.entry("channels", List.of("analysis", "shifts")),
                Map.entry("archived", true), Map.entry("order", "oldest"));
        assertThat(settings.number("pageSize", 0)).isEqualTo(60);
        assertThat(KindSettings.read(DESCRIPTION, Map.of("url", "https://x.org")).list("channels")).containsExactly("town-square");
        assertThat(KindSettings.read(DESCRIPTION, Map.of("url", "https://x.org", "pageSize", "200")).values())
                .containsEntry("pageSize", 200L);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("tokenEnv", "ghp_secret value");
        raw.put("pageSize", "many");
        raw.put("archived", "perhaps");
        raw.put("order", "random");
        raw.put("colour", "blue");
        assertThatThrownBy(() -> KindSettings.read(DESCRIPTION, raw))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .containsOnlyKeys("url", "tokenEnv", "pageSize", "archived", "order", "colour")
                        .containsEntry("url", "Server address (url) is required")
                        .containsEntry("order", "Order (order) is one of newest, oldest, not 'random'"))
                .hasMessageContaining("the name of a secret").hasMessageContaining("not a setting of this kind");
    }

    @Test
    void configurationFilesMayKeepKeysTheKindDoesNotUse() {
        List<String> ignored = new ArrayList<>();
        KindSettings settings = KindSettings.readLenient(DESCRIPTION, Map.of("url", "https://x.org", "branch", "main"),
                ignored::add);
        assertThat(ignored).containsExactly("branch");
        assertThat(settings.values()).containsOnlyKeys("url");
    }
}

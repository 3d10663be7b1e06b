package org.labrador.chatserver.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Labrador's configuration, under the {@code labrador.} prefix (see {@code config/application.yml}).
 *
 * @param dataDir     where the index and other state live
 * @param embedding   the in-process embedding model
 * @param ollama      the chat model server
 * @param ingest      chunking and file limits
 * @param answer      retrieval settings for answers
 * @param syncOnStart whether the server syncs every source when it starts
 * @param secretsFile properties file of access tokens by name, for {@code token-env} names that are
 *                    not set in the environment; kept out of version control
 * @param sourcesFile a YAML file with more sources under {@code sources:}, imported at every start
 * @param sources     the knowledge sources declared in configuration, each a flat entry of the common
 *                    keys and its kind's settings ({@link Source#fromEntry}); curators add more in the UI
 */
@ConfigurationProperties("labrador")
public record LabradorProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("./config/secrets.properties") Path secretsFile,
        @DefaultValue Embedding embedding,
        @DefaultValue Ollama ollama,
        @DefaultValue Ingest ingest,
        @DefaultValue Answer answer,
        @DefaultValue("true") boolean syncOnStart,
        @DefaultValue("./config/sources.yml") Path sourcesFile,
        List<Map<String, Object>> sources) {

    public LabradorProperties {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** The sources of {@code labrador.sources}, as definitions. */
    public List<Source> sourceDefinitions() {
        return sources.stream().map(Source::fromEntry).toList();
    }

    /** @param model {@code bge-small-en-v1.5-q} (default) or {@code all-minilm-l6-v2-q} */
    public record Embedding(@DefaultValue("bge-small-en-v1.5-q") String model) {
    }

    public record Ollama(@DefaultValue("http://localhost:11434") String baseUrl,
                         @DefaultValue("qwen2.5:3b") String model,
                         @DefaultValue("300s") Duration requestTimeout) {
    }

    public record Ingest(@DefaultValue("5000000") long maxFileBytes,
                         @DefaultValue("350") int chunkTokens,
                         @DefaultValue("40") int overlapTokens) {
    }

    /**
     * @param passages      passages given to the model
     * @param minSimilarity cosine similarity below which a passage does not count as covering the
     *                      question; unset means the embedding model's calibrated default
     */
    public record Answer(@DefaultValue("6") int passages, Double minSimilarity) {
    }

    /**
     * A source's definition: the settings every kind shares, which Labrador keeps itself, and the
     * kind's own settings (a folder's {@code path}, a repository's {@code url} and {@code branch}, …),
     * which the kind describes ({@link org.labrador.ingest.kind.SourceKind#settings()}) and which are
     * stored as one JSON object.
     *
     * @param name     unique name, shown in citations
     * @param kind     the kind's name ({@code docs}, {@code git}, {@code mediawiki}, …)
     * @param settings the kind's own settings by name, as JSON-friendly values (strings, lists of
     *                 strings, numbers, booleans)
     * @param link     optional link template with {source} {commit} {path} {start} {end} {page} {anchor};
     *                 default is the kind's (a GitHub page for a git source), else Labrador's viewer
     * @param groups   the groups whose members may read the source; empty means every signed-in user
     * @param schedule when to sync, as a Spring cron expression ({@code 0 0 3 * * *} is 3 am daily); empty for never
     */
    public record Source(String name, String kind, Map<String, Object> settings, String link, List<String> groups,
                         String schedule) {

        /** The keys of a configuration entry that are not the kind's own. */
        public static final List<String> COMMON_KEYS = List.of("name", "kind", "link", "groups", "schedule");

        public Source {
            kind = kind == null || kind.isBlank() ? "docs" : kind.strip();
            Map<String, Object> kept = new LinkedHashMap<>();
            if (settings != null) {
                settings.forEach((key, value) -> {
                    if (value != null) {
                        kept.put(key, value);
                    }
                });
            }
            settings = Collections.unmodifiableMap(kept);
            link = link == null || link.isBlank() ? null : link.strip();
            groups = groups == null ? List.of()
                    : groups.stream().map(String::trim).filter(g -> !g.isEmpty()).distinct().sorted().toList();
            schedule = schedule == null ? "" : schedule.trim();
        }

        /** A definition with no link, groups or schedule. */
        public Source(String name, String kind, Map<String, Object> settings) {
            this(name, kind, settings, null, List.of(), "");
        }

        /** The same source with other kind settings (checked and named as the kind names them). */
        public Source withSettings(Map<String, Object> newSettings) {
            return new Source(name, kind, newSettings, link, groups, schedule);
        }

        /**
         * A source as a configuration file or an API request writes it: one flat entry where the
         * {@link #COMMON_KEYS} are Labrador's and every other key is a setting of the kind (or, from
         * the API, a {@code settings} object holds them). Keys are compared relaxed, as Spring does
         * ({@code token-env} is {@code tokenEnv}); a missing kind is {@code docs}.
         */
        public static Source fromEntry(Map<String, ?> entry) {
            Map<String, Object> settings = new LinkedHashMap<>();
            String name = null;
            String kind = null;
            String link = null;
            List<String> groups = List.of();
            String schedule = null;
            for (Map.Entry<String, ?> e : entry.entrySet()) {
                Object value = e.getValue();
                switch (relaxed(e.getKey())) {
                    case "name" -> name = text(value);
                    case "kind" -> kind = text(value);
                    case "link" -> link = text(value);
                    case "groups" -> groups = strings(value);
                    case "schedule" -> schedule = text(value);
                    case "settings" -> {
                        if (value instanceof Map<?, ?> nested) {
                            nested.forEach((k, v) -> settings.put(String.valueOf(k), v));
                        } else if (value != null) {
                            throw new IllegalArgumentException("settings is an object of the kind's settings");
                        }
                    }
                    default -> settings.put(e.getKey(), value);
                }
            }
            return new Source(name, kind, settings, link, groups, schedule);
        }

        /** The flat entry a configuration file would hold for this source: {@code fromEntry(toEntry())} is this source. */
        public Map<String, Object> toEntry() {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("kind", kind);
            entry.putAll(settings);
            if (link != null) {
                entry.put("link", link);
            }
            entry.put("groups", groups);
            entry.put("schedule", schedule);
            return entry;
        }

        private static String relaxed(String key) {
            return key.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
        }

        private static String text(Object value) {
            if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                return value == null ? null : value.toString();
            }
            throw new IllegalArgumentException("expected a single value, not " + value);
        }

        /** A list as JSON, YAML (a map keyed 0, 1, … once bound by Spring) or comma-separated text gives it. */
        private static List<String> strings(Object value) {
            if (value == null) {
                return List.of();
            }
            if (value instanceof Collection<?> items) {
                return items.stream().map(String::valueOf).toList();
            }
            if (value instanceof Map<?, ?> indexed) {
                if (!indexed.keySet().stream().allMatch(key -> String.valueOf(key).matches("\\d{1,9}"))) {
                    throw new IllegalArgumentException("groups is a list of group names");
                }
                return new java.util.TreeMap<>(indexed.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        item -> Integer.parseInt(String.valueOf(item.getKey())), item -> String.valueOf(item.getValue()))))
                        .values().stream().toList();
            }
            return java.util.Arrays.stream(String.valueOf(value).split(",")).toList();
        }
    }
}

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
 * @param embedding   the embedding model, in process or served by Ollama
 * @param ollama      the chat model server
 * @param model       which engine runs the models, and the embedded engine's model file
 * @param ingest      chunking and file limits
 * @param answer      retrieval settings for answers
 * @param rerank      an optional cross-encoder that reorders the candidates of each question
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
        @DefaultValue Model model,
        @DefaultValue Ingest ingest,
        @DefaultValue Answer answer,
        @DefaultValue Rerank rerank,
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

    /**
     * @param engine         {@code in-process} (default): an ONNX model inside Labrador; {@code ollama}: an
     *                       embedding model of an Ollama server
     * @param model          in process: {@code bge-small-en-v1.5-q} (default) or {@code all-minilm-l6-v2-q};
     *                       with Ollama: the model's name there, e.g. {@code nomic-embed-text}
     * @param baseUrl        the Ollama server for embeddings; default: {@code labrador.ollama.base-url}
     * @param dimension      the served model's vector length; 0: known from its family, or asked once at start
     * @param requestTimeout how long one request of 32 passages to the served model may take
     */
    public record Embedding(@DefaultValue("in-process") String engine,
                            @DefaultValue("bge-small-en-v1.5-q") String model,
                            String baseUrl,
                            @DefaultValue("0") int dimension,
                            @DefaultValue("120s") Duration requestTimeout) {

        public static final String IN_PROCESS = "in-process";
        public static final String OLLAMA = "ollama";

        public Embedding {
            engine = engine == null || engine.isBlank() ? IN_PROCESS : engine.strip().toLowerCase(java.util.Locale.ROOT);
            if (!engine.equals(IN_PROCESS) && !engine.equals(OLLAMA)) {
                throw new IllegalArgumentException("labrador.embedding.engine must be in-process or ollama, not '"
                        + engine + "'");
            }
            if (engine.equals(OLLAMA) && org.labrador.models.embedding.LocalEmbedding.KNOWN_NAMES.contains(model)) {
                throw new IllegalArgumentException("labrador.embedding.engine is ollama: set labrador.embedding.model "
                        + "to an embedding model of the Ollama server (e.g. nomic-embed-text), not the in-process "
                        + model);
            }
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(120) : requestTimeout;
        }
    }

    public record Ollama(@DefaultValue("http://localhost:11434") String baseUrl,
                         @DefaultValue("qwen2.5:3b") String model,
                         @DefaultValue("300s") Duration requestTimeout) {
    }

    /**
     * @param engine        {@code ollama} (default): the models of the Ollama server under {@code labrador.ollama};
     *                      {@code embedded}: the GGUF file at {@code path}, run by llama.cpp inside Labrador,
     *                      for chat and code completion
     * @param path          the embedded engine's GGUF file
     * @param name          the embedded model's name in answers and model lists; default: the file name
     *                      without {@code .gguf}
     * @param contextTokens the largest context window a model runs with, prompt and answer together; the
     *                      embedded engine runs with this or the model's trained length, whichever is smaller
     * @param answerTokens  tokens of the window kept free for the answer, and the longest answer (see the
     *                      context budget in the ask package)
     * @param threads       CPU threads of the embedded engine; 0 for llama.cpp's choice (the physical cores)
     * @param parallel      requests the embedded engine runs at once, each with the whole window (memory
     *                      grows with it); more wait their turn
     * @param servers       with {@code engine: servers}: the model servers (Ollama or OpenAI-compatible) that
     *                      run the chat and completion models, used together
     * @param healthInterval how often each server's health is checked
     * @param queueWait     how long a request may wait for a busy server before it fails
     */
    public record Model(@DefaultValue("ollama") Engine engine, Path path, String name,
                        @DefaultValue("8192") int contextTokens, @DefaultValue("1024") int answerTokens,
                        @DefaultValue("0") int threads, @DefaultValue("1") int parallel, List<Server> servers,
                        @DefaultValue("10s") Duration healthInterval, @DefaultValue("5m") Duration queueWait) {

        public Model {
            servers = servers == null ? List.of() : List.copyOf(servers);
        }

        /** What runs the models. */
        public enum Engine { OLLAMA, EMBEDDED, SERVERS }

        /**
         * One model server of {@code engine: servers}.
         *
         * @param url           Ollama's address ({@code http://gpu1:11434}), or an OpenAI-compatible API's base
         *                      ({@code http://gpu2:8000/v1})
         * @param protocol      {@code ollama} (default) or {@code openai}
         * @param model         the chat model's name on this server; default {@code labrador.ollama.model}
         * @param apiKeyEnv     the secret (environment variable or key of the secrets file) holding its API key
         * @param maxConcurrent requests it serves at once; more wait in a queue that takes turns between people
         * @param contextTokens the window an OpenAI-compatible server runs the model with (its protocol does not
         *                      say); Ollama's is read from the server
         */
        public record Server(String url, @DefaultValue("ollama") Protocol protocol, String model, String apiKeyEnv,
                             @DefaultValue("4") int maxConcurrent, @DefaultValue("0") int contextTokens) {

            /** How Labrador talks to the server. */
            public enum Protocol { OLLAMA, OPENAI }
        }
    }

    public record Ingest(@DefaultValue("5000000") long maxFileBytes,
                         @DefaultValue("350") int chunkTokens,
                         @DefaultValue("40") int overlapTokens) {
    }

    /**
     * @param passages      passages given to the model
     * @param minSimilarity cosine similarity below which a passage does not count as covering the
     *                      question; unset means the embedding model's calibrated default
     * @param followUpRewrite how long the chat model may take to rewrite a follow-up ("and where do I change
     *                      it?") into a question that can be searched alone; 0 turns the rewrite off
     */
    public record Answer(@DefaultValue("6") int passages, Double minSimilarity,
                         @DefaultValue("20s") Duration followUpRewrite) {

        public Answer {
            followUpRewrite = followUpRewrite == null || followUpRewrite.isNegative() ? Duration.ZERO : followUpRewrite;
        }
    }

    /**
     * A cross-encoder that reorders each question's first candidates (docs/configuration.md, "Reranking"):
     * a model served with the {@code /rerank} protocol of llama.cpp's server, vLLM or Infinity. Off unless
     * {@code base-url} is set.
     *
     * @param baseUrl    the server's API base, e.g. {@code http://gpu1:8012/v1} ({@code /rerank} is appended)
     * @param model      the reranking model as the server names it, e.g. {@code bge-reranker-v2-m3}
     * @param apiKeyEnv  the secret (environment variable or key of the secrets file) holding its API key, if any
     * @param candidates how many of the first fused passages it reads for each question (2 to 100)
     * @param timeout    how long one call may take; after it the search order stands
     */
    public record Rerank(String baseUrl, String model, String apiKeyEnv, @DefaultValue("30") int candidates,
                         @DefaultValue("10s") Duration timeout) {

        public Rerank {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
            timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(10) : timeout;
            if (candidates < 2 || candidates > org.labrador.retrieval.Reranking.MAX_CANDIDATES) {
                throw new IllegalArgumentException("labrador.rerank.candidates must be 2 to "
                        + org.labrador.retrieval.Reranking.MAX_CANDIDATES + ", not " + candidates);
            }
            if (baseUrl != null && (model == null || model.isBlank())) {
                throw new IllegalArgumentException("labrador.rerank.base-url is set: set labrador.rerank.model to the"
                        + " reranking model's name on that server (e.g. bge-reranker-v2-m3)");
            }
        }

        public boolean enabled() {
            return baseUrl != null;
        }
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
     * @param suggestedQuestions questions the empty chat page offers to newcomers who may read this source
     */
    public record Source(String name, String kind, Map<String, Object> settings, String link, List<String> groups,
                         String schedule, List<String> suggestedQuestions) {

        /** The keys of a configuration entry that are not the kind's own. */
        public static final List<String> COMMON_KEYS = List.of("name", "kind", "link", "groups", "schedule",
                "suggested-questions");

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
            // One question per entry: stored one per line, so a line break inside one would split it.
            suggestedQuestions = suggestedQuestions == null ? List.of()
                    : suggestedQuestions.stream().filter(q -> q != null && !q.isBlank())
                            .map(q -> q.strip().replaceAll("\\s+", " ")).distinct().toList();
        }

        /** A source without suggested questions. */
        public Source(String name, String kind, Map<String, Object> settings, String link, List<String> groups,
                      String schedule) {
            this(name, kind, settings, link, groups, schedule, List.of());
        }

        /** This source with other suggested questions. */
        public Source withSuggestedQuestions(List<String> questions) {
            return new Source(name, kind, settings, link, groups, schedule, questions);
        }

        /** A definition with no link, groups or schedule. */
        public Source(String name, String kind, Map<String, Object> settings) {
            this(name, kind, settings, null, List.of(), "");
        }

        /** The same source with other kind settings (checked and named as the kind names them). */
        public Source withSettings(Map<String, Object> newSettings) {
            return new Source(name, kind, newSettings, link, groups, schedule, suggestedQuestions);
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
            List<String> questions = List.of();
            for (Map.Entry<String, ?> e : entry.entrySet()) {
                Object value = e.getValue();
                switch (relaxed(e.getKey())) {
                    case "name" -> name = text(value);
                    case "kind" -> kind = text(value);
                    case "link" -> link = text(value);
                    case "groups" -> groups = strings(value);
                    case "schedule" -> schedule = text(value);
                    case "suggestedquestions" -> questions = lines(value);
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
            return new Source(name, kind, settings, link, groups, schedule, questions);
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
            if (!suggestedQuestions.isEmpty()) {
                entry.put("suggested-questions", suggestedQuestions);
            }
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

        /** Questions as a list (JSON, YAML), or one per line; a question may hold commas. */
        private static List<String> lines(Object value) {
            return value instanceof String text ? List.of(text.split("\\R")) : strings(value);
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

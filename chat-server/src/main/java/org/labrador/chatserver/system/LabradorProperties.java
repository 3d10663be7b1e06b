package org.labrador.chatserver.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Labrador's configuration, under the {@code labrador.} prefix (see {@code config/application.yml}).
 *
 * @param dataDir     where the index and other state live
 * @param embedding   the in-process embedding model
 * @param ollama      the chat model server
 * @param model       which engine runs the models, and the embedded engine's model file
 * @param ingest      chunking and file limits
 * @param answer      retrieval settings for answers
 * @param syncOnStart whether the server syncs every source when it starts
 * @param secretsFile properties file of access tokens by name, for {@code token-env} names that are
 *                    not set in the environment; kept out of version control
 * @param sourcesFile a YAML file with more sources under {@code sources:}, imported at every start
 * @param sources     the knowledge sources declared in configuration; curators add more in the UI
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
        @DefaultValue("true") boolean syncOnStart,
        @DefaultValue("./config/sources.yml") Path sourcesFile,
        List<Source> sources) {

    public LabradorProperties {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** @param model {@code bge-small-en-v1.5-q} (default) or {@code all-minilm-l6-v2-q} */
    public record Embedding(@DefaultValue("bge-small-en-v1.5-q") String model) {
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
     */
    public record Answer(@DefaultValue("6") int passages, Double minSimilarity) {
    }

    /**
     * @param name     unique name, shown in citations
     * @param kind     {@code docs} (a folder) or {@code git} (a repository)
     * @param path     folder to read ({@code docs}), or a local repository ({@code git})
     * @param url      repository URL ({@code git}: https or file)
     * @param branch   branch to index ({@code git}); default is the remote's default branch
     * @param tokenEnv name of the environment variable holding an access token ({@code git} over https)
     * @param excludes glob patterns of paths not to index ({@code git})
     * @param link     optional link template with {source} {commit} {path} {start} {end} {page} {anchor};
     *                 default is the GitHub/GitLab page of a git source, else Labrador's viewer
     * @param groups   the groups whose members may read the source; empty means every signed-in user
     * @param schedule when to sync, as a Spring cron expression ({@code 0 0 3 * * *} is 3 am daily); empty for never
     * @param suggestedQuestions questions the empty chat page offers to newcomers who may read this source
     */
    public record Source(String name, @DefaultValue("docs") String kind, Path path, String url, String branch,
                         String tokenEnv, List<String> excludes, String link, List<String> groups, String schedule,
                         List<String> suggestedQuestions) {

        /** The constructor the configuration binds (a record with more than one needs saying which). */
        @ConstructorBinding
        public Source {
            excludes = excludes == null ? List.of() : List.copyOf(excludes);
            groups = groups == null ? List.of()
                    : groups.stream().map(String::trim).filter(g -> !g.isEmpty()).distinct().sorted().toList();
            schedule = schedule == null ? "" : schedule.trim();
            // One question per entry: stored one per line, so a line break inside one would split it.
            suggestedQuestions = suggestedQuestions == null ? List.of()
                    : suggestedQuestions.stream().filter(q -> q != null && !q.isBlank())
                            .map(q -> q.strip().replaceAll("\\s+", " ")).distinct().toList();
        }

        /** A source without suggested questions. */
        public Source(String name, String kind, Path path, String url, String branch, String tokenEnv,
                      List<String> excludes, String link, List<String> groups, String schedule) {
            this(name, kind, path, url, branch, tokenEnv, excludes, link, groups, schedule, List.of());
        }

        /** This source with other suggested questions. */
        public Source withSuggestedQuestions(List<String> questions) {
            return new Source(name, kind, path, url, branch, tokenEnv, excludes, link, groups, schedule, questions);
        }
    }
}

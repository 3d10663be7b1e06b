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

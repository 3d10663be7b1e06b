package org.labrador.chatserver.system;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.labrador.chatserver.metrics.LabradorMeters;
import org.labrador.chatserver.sources.Secrets;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.code.CodeChunker;
import org.labrador.ingest.kind.SourceKinds;
import org.labrador.ingest.sync.SourceSync;
import org.labrador.models.ChatModel;
import org.labrador.models.TextGenerator;
import org.labrador.models.backends.Backend;
import org.labrador.models.backends.Backends;
import org.labrador.models.embedded.EmbeddedEngine;
import org.labrador.models.embedded.EmbeddedSettings;
import org.labrador.models.EmbeddingUnavailableException;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.models.ollama.OllamaChat;
import org.labrador.models.ollama.OllamaGenerate;
import org.labrador.models.ollama.OllamaModels;
import org.labrador.models.ollama.OllamaSettings;
import org.labrador.models.openai.OpenAiChat;
import org.labrador.models.openai.OpenAiGenerate;
import org.labrador.models.openai.OpenAiModels;
import org.labrador.models.openai.OpenAiSettings;
import org.labrador.models.rerank.RerankServer;
import org.labrador.index.solr.SolrPassageIndex;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.PassageIndex;
import org.labrador.retrieval.Reranking;
import org.labrador.retrieval.RetrievalPipeline;
import org.labrador.retrieval.Retriever;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The building blocks from the lower modules, wired from {@link LabradorProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LabradorProperties.class, SourceAccessProperties.class, SecretsProperties.class,
        IndexProperties.class})
public class LabradorConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LabradorConfiguration.class);

    /**
     * The embedded H2 database gets its generated password and owner-only files before the pool
     * opens it (see {@link EmbeddedDatabase}); a configured PostgreSQL (or H2 with a password) is left as set.
     */
    @Bean
    static BeanPostProcessor embeddedDatabasePassword() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSourceProperties properties
                        && EmbeddedDatabase.managed(properties.determineUrl(), properties.getPassword())) {
                    String user = properties.determineUsername();
                    properties.setPassword(EmbeddedDatabase.prepare(properties.determineUrl(),
                            user == null || user.isEmpty() ? "sa" : user));
                }
                return bean;
            }
        };
    }

    @Bean
    LocalEmbedding localEmbedding(LabradorProperties properties) {
        LabradorProperties.Embedding embedding = properties.embedding();
        if (embedding.engine().equals(LabradorProperties.Embedding.OLLAMA)) {
            String baseUrl = embedding.baseUrl() == null || embedding.baseUrl().isBlank()
                    ? properties.ollama().baseUrl() : embedding.baseUrl();
            LocalEmbedding served = LocalEmbedding.ollama(baseUrl, embedding.model(), embedding.requestTimeout(),
                    embedding.dimension());
            try {
                served.checkDimension(); // a wrong length would otherwise reach the index
            } catch (EmbeddingUnavailableException e) {
                log.warn("The embedding model's vector length could not be checked at start: {}", e.getMessage());
            }
            return served;
        }
        return LocalEmbedding.named(embedding.model());
    }

    /** The embedded Lucene index in the data folder, or a SolrCloud collection ({@code labrador.index.backend}). */
    @Bean(destroyMethod = "close")
    PassageIndex passageIndex(LabradorProperties properties, IndexProperties index, LocalEmbedding embedding) throws IOException {
        return switch (index.backend()) {
            case LUCENE -> checkedDimension(ChunkIndex.open(properties.dataDir().resolve("index")), embedding);
            case SOLR -> SolrPassageIndex.connect(index.solr().settings(embedding.dimension()));
        };
    }

    /** The index, if its vectors have the embedding model's length; a change of model needs a rebuild. */
    private static ChunkIndex checkedDimension(ChunkIndex index, LocalEmbedding embedding) throws IOException {
        int held = index.vectorDimension();
        if (held != 0 && held != embedding.dimension()) {
            index.close();
            throw new StartFailures.EmbeddingChangedException(index.directory(), held, embedding);
        }
        return index;
    }

    @Bean
    Retriever retriever(PassageIndex index, LocalEmbedding embedding, LabradorMeters meters) {
        return new Retriever(index, embedding.model(), embedding.queryPrefix(), meters.searchTimings());
    }

    /** Chat answers, the search API, the IDE chat and eval choose passages through this one pipeline. */
    @Bean
    RetrievalPipeline retrievalPipeline(Retriever retriever, LocalEmbedding embedding, LabradorProperties properties,
                                        LabradorMeters meters) {
        LabradorProperties.Answer answer = properties.answer();
        double minSimilarity = answer.minSimilarity() != null ? answer.minSimilarity() : embedding.relevanceThreshold();
        Reranking reranking = reranking(properties);
        meters.watch(reranking);
        return new RetrievalPipeline(retriever, new RetrievalPipeline.Settings(answer.passages(),
                RetrievalPipeline.PASSAGES_PER_DOCUMENT, minSimilarity), reranking);
    }

    /** The cross-encoder of {@code labrador.rerank}, or none. */
    private static Reranking reranking(LabradorProperties properties) {
        LabradorProperties.Rerank rerank = properties.rerank();
        if (!rerank.enabled()) {
            return Reranking.NONE;
        }
        String key = null;
        if (rerank.apiKeyEnv() != null && !rerank.apiKeyEnv().isBlank()) {
            key = new Secrets(properties.secretsFile()).apply(rerank.apiKeyEnv());
            if (key == null) {
                throw new IllegalStateException("the reranker's API key is in " + rerank.apiKeyEnv()
                        + ", which is not set (environment or secrets file)");
            }
        }
        RerankServer server = new RerankServer(rerank.baseUrl(), rerank.model(), key, rerank.timeout());
        log.info("Reranking the first {} candidates of each question with {}", rerank.candidates(), server);
        return new Reranking(server, rerank.candidates());
    }

    @Bean
    SourceSync sourceSync(PassageIndex index, LocalEmbedding embedding, LabradorProperties properties) {
        LabradorProperties.Ingest ingest = properties.ingest();
        return new SourceSync(index, embedding, new DocumentChunker(ingest.chunkTokens(), ingest.overlapTokens()),
                new CodeChunker(ingest.chunkTokens()));
    }

    /** The kinds of source installed with the server (see {@link SourceKinds#installed()}). */
    @Bean
    SourceKinds sourceKinds() {
        return SourceKinds.installed();
    }

    @Bean
    @Conditional(ModelEngines.Ollama.class)
    OllamaChat ollamaChat(LabradorProperties properties) {
        LabradorProperties.Ollama ollama = properties.ollama();
        return new OllamaChat(new OllamaSettings(ollama.baseUrl(), ollama.model(), ollama.requestTimeout(),
                java.time.Duration.ofSeconds(2)));
    }

    /**
     * With {@code labrador.model.engine: embedded}, the chat model and the text generator: the GGUF
     * file loaded when the application starts. A missing or damaged file does not stop the start; the
     * engine's status says what to fix, and answers come without a model meanwhile.
     */
    @Bean(destroyMethod = "close")
    @Conditional(ModelEngines.Embedded.class)
    EmbeddedEngine embeddedEngine(LabradorProperties properties) {
        LabradorProperties.Model model = properties.model();
        return new EmbeddedEngine(new EmbeddedSettings(model.path(), model.name(), model.contextTokens(),
                model.threads(), model.parallel()));
    }

    /**
     * The chat model the application talks to, whichever engine runs it, with its calls measured
     * ({@code labrador.model.*} meters). Everything that asks a {@link ChatModel} gets this one; the
     * engine's own bean stays available by its class (the embedded model list needs it).
     */
    @Bean
    @Primary
    ChatModel chatModel(ObjectProvider<OllamaChat> ollama, ObjectProvider<EmbeddedEngine> embedded,
                        ObjectProvider<Backends> servers, LabradorMeters meters) {
        ChatModel engine = embedded.getIfAvailable();
        Backends pool = servers.getIfAvailable();
        return meters.metered(engine != null ? engine : pool != null ? pool.chat() : ollama.getObject());
    }

    /** The completions' generator, measured the same way: Ollama's generate endpoint, the servers or the embedded engine. */
    @Bean
    @Primary
    TextGenerator textGenerator(ObjectProvider<OllamaGenerate> ollama, ObjectProvider<EmbeddedEngine> embedded,
                                ObjectProvider<Backends> servers, LabradorMeters meters) {
        TextGenerator engine = embedded.getIfAvailable();
        Backends pool = servers.getIfAvailable();
        return meters.metered(engine != null ? engine : pool != null ? pool.completion() : ollama.getObject());
    }

    /**
     * With {@code labrador.model.engine: servers}, the model servers listed under {@code labrador.model.servers},
     * used together: health-checked, failed over, each with its limit, the waiting taking turns by person.
     */
    @Bean(destroyMethod = "close")
    @Conditional(ModelEngines.Servers.class)
    Backends modelServers(LabradorProperties properties) {
        LabradorProperties.Model model = properties.model();
        if (model.servers().isEmpty()) {
            throw new IllegalStateException("labrador.model.engine is servers, but labrador.model.servers lists none");
        }
        Secrets secrets = new Secrets(properties.secretsFile());
        List<Backend> backends = new ArrayList<>();
        for (LabradorProperties.Model.Server server : model.servers()) {
            if (server.url() == null || server.url().isBlank()) {
                throw new IllegalStateException("a server in labrador.model.servers has no url");
            }
            String chatModel = server.model() != null && !server.model().isBlank() ? server.model() : properties.ollama().model();
            Duration health = Duration.ofSeconds(2);
            if (server.protocol() == LabradorProperties.Model.Server.Protocol.OPENAI) {
                String key = server.apiKeyEnv() == null || server.apiKeyEnv().isBlank() ? null : secrets.apply(server.apiKeyEnv());
                if (server.apiKeyEnv() != null && !server.apiKeyEnv().isBlank() && key == null) {
                    throw new IllegalStateException("the API key of the model server " + server.url() + " is in "
                            + server.apiKeyEnv() + ", which is not set (environment or secrets file)");
                }
                OpenAiSettings settings = new OpenAiSettings(server.url(), chatModel, key, server.contextTokens(),
                        properties.ollama().requestTimeout(), health);
                backends.add(new Backend(settings.baseUrl(), new OpenAiChat(settings), new OpenAiGenerate(settings),
                        new OpenAiModels(settings), server.maxConcurrent()));
            } else {
                OllamaSettings settings = new OllamaSettings(server.url(), chatModel, properties.ollama().requestTimeout(), health);
                backends.add(new Backend(settings.baseUrl(), new OllamaChat(settings),
                        new OllamaGenerate(settings.baseUrl(), health), new OllamaModels(settings.baseUrl(), health),
                        server.maxConcurrent()));
            }
        }
        return new Backends(backends, model.healthInterval(), model.queueWait());
    }
}

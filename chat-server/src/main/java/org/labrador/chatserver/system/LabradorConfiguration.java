package org.labrador.chatserver.system;

import java.io.IOException;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.code.CodeChunker;
import org.labrador.ingest.sync.SourceSync;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.models.ollama.OllamaChat;
import org.labrador.models.ollama.OllamaSettings;
import org.labrador.index.solr.SolrPassageIndex;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.PassageIndex;
import org.labrador.retrieval.RetrievalPipeline;
import org.labrador.retrieval.Retriever;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The building blocks from the lower modules, wired from {@link LabradorProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LabradorProperties.class, SourceAccessProperties.class, SecretsProperties.class,
        IndexProperties.class})
public class LabradorConfiguration {

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
        return LocalEmbedding.named(properties.embedding().model());
    }

    /** The embedded Lucene index in the data folder, or a SolrCloud collection ({@code labrador.index.backend}). */
    @Bean(destroyMethod = "close")
    PassageIndex passageIndex(LabradorProperties properties, IndexProperties index, LocalEmbedding embedding) throws IOException {
        return switch (index.backend()) {
            case LUCENE -> ChunkIndex.open(properties.dataDir().resolve("index"));
            case SOLR -> SolrPassageIndex.connect(index.solr().settings(embedding.dimension()));
        };
    }

    @Bean
    Retriever retriever(PassageIndex index, LocalEmbedding embedding) {
        return new Retriever(index, embedding.model(), embedding.queryPrefix());
    }

    /** Chat answers, the search API, the IDE chat and eval choose passages through this one pipeline. */
    @Bean
    RetrievalPipeline retrievalPipeline(Retriever retriever, LocalEmbedding embedding, LabradorProperties properties) {
        LabradorProperties.Answer answer = properties.answer();
        double minSimilarity = answer.minSimilarity() != null ? answer.minSimilarity() : embedding.relevanceThreshold();
        return new RetrievalPipeline(retriever, new RetrievalPipeline.Settings(answer.passages(),
                RetrievalPipeline.PASSAGES_PER_DOCUMENT, minSimilarity));
    }

    @Bean
    SourceSync sourceSync(PassageIndex index, LocalEmbedding embedding, LabradorProperties properties) {
        LabradorProperties.Ingest ingest = properties.ingest();
        return new SourceSync(index, embedding, new DocumentChunker(ingest.chunkTokens(), ingest.overlapTokens()),
                new CodeChunker(ingest.chunkTokens()));
    }

    @Bean
    OllamaChat ollamaChat(LabradorProperties properties) {
        LabradorProperties.Ollama ollama = properties.ollama();
        return new OllamaChat(new OllamaSettings(ollama.baseUrl(), ollama.model(), ollama.requestTimeout(),
                java.time.Duration.ofSeconds(2)));
    }
}

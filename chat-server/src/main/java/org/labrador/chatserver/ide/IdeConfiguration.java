package org.labrador.chatserver.ide;

import java.time.Duration;
import java.util.List;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.chatserver.system.ModelEngines;
import org.labrador.models.ModelListing;
import org.labrador.models.backends.Backends;
import org.labrador.models.embedded.EmbeddedEngine;
import org.labrador.models.embedded.EmbeddedModels;
import org.labrador.models.ollama.OllamaGenerate;
import org.labrador.models.ollama.OllamaModels;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The IDE endpoints' model backends and their settings: the Ollama server's generate endpoint and
 * model list, or with {@code labrador.model.engine: embedded} the embedded engine (which is the
 * text generator itself) and its model list.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdeProperties.class)
public class IdeConfiguration {

    @Bean
    @Conditional(ModelEngines.Ollama.class)
    OllamaGenerate ollamaGenerate(LabradorProperties properties) {
        return new OllamaGenerate(properties.ollama().baseUrl(), Duration.ofSeconds(2));
    }

    @Bean
    @Conditional(ModelEngines.Ollama.class)
    OllamaModels ollamaModels(LabradorProperties properties) {
        return new OllamaModels(properties.ollama().baseUrl(), Duration.ofSeconds(2));
    }

    /** With {@code engine: servers}, the models every healthy server lists. */
    @Bean
    @Conditional(ModelEngines.Servers.class)
    ModelListing serverModels(Backends servers) {
        return servers.models();
    }

    @Bean
    @Conditional(ModelEngines.Embedded.class)
    EmbeddedModels embeddedModels(EmbeddedEngine engine) {
        return new EmbeddedModels(List.of(engine));
    }

    @Bean
    FimFormats fimFormats(IdeProperties properties) {
        return FimFormats.withOverrides(properties.fimFormats());
    }
}

package org.labrador.chatserver.ide;

import java.time.Duration;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.models.ollama.OllamaGenerate;
import org.labrador.models.ollama.OllamaModels;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The IDE endpoints' clients of the Ollama server and their settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdeProperties.class)
public class IdeConfiguration {

    @Bean
    OllamaGenerate ollamaGenerate(LabradorProperties properties) {
        return new OllamaGenerate(properties.ollama().baseUrl(), Duration.ofSeconds(2));
    }

    @Bean
    OllamaModels ollamaModels(LabradorProperties properties) {
        return new OllamaModels(properties.ollama().baseUrl(), Duration.ofSeconds(2));
    }

    @Bean
    FimFormats fimFormats(IdeProperties properties) {
        return FimFormats.withOverrides(properties.fimFormats());
    }
}

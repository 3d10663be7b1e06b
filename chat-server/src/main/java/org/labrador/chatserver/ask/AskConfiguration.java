package org.labrador.chatserver.ask;

import org.labrador.chatserver.system.LabradorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The context budget, from {@code labrador.model.context-tokens} and {@code answer-tokens}. */
@Configuration(proxyBeanMethods = false)
class AskConfiguration {

    @Bean
    ContextBudget contextBudget(LabradorProperties properties) {
        return new ContextBudget(properties.model().contextTokens(), properties.model().answerTokens());
    }
}

package org.labrador.chatserver.ask;

import org.labrador.chatserver.system.LabradorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The context budget, from {@code labrador.model.context-tokens} and {@code answer-tokens}, and the
 * rewrite of follow-ups, from {@code labrador.answer.follow-up-rewrite}.
 */
@Configuration(proxyBeanMethods = false)
class AskConfiguration {

    @Bean
    ContextBudget contextBudget(LabradorProperties properties) {
        return new ContextBudget(properties.model().contextTokens(), properties.model().answerTokens());
    }

    @Bean
    FollowUps followUps(org.labrador.models.ChatModel chat, LabradorProperties properties, ContextBudget budget) {
        return new FollowUps(chat, properties.answer().followUpRewrite(), budget);
    }
}

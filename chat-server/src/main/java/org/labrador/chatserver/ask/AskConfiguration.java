package org.labrador.chatserver.ask;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Reads the context budget's settings ({@code labrador.model.}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContextBudget.class)
class AskConfiguration {
}

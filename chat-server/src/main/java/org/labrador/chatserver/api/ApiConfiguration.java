package org.labrador.chatserver.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link InputLimits} from {@code labrador.limits.}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InputLimits.class)
public class ApiConfiguration {
}

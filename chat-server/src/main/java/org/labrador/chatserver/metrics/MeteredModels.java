package org.labrador.chatserver.metrics;

import org.labrador.models.ChatModel;
import org.labrador.models.TextGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Measures every model the application talks to, whichever engine serves it (Ollama, the embedded
 * one): the {@link ChatModel} and {@link TextGenerator} beans are handed out wrapped in their
 * metered form, so that callers record nothing themselves.
 */
@Component
class MeteredModels implements BeanPostProcessor {

    // Looked up when the first model bean is made, not when this post-processor is: the registry
    // is made late, with everything the metrics auto-configuration needs.
    private final ObjectProvider<LabradorMeters> meters;

    MeteredModels(ObjectProvider<LabradorMeters> meters) {
        this.meters = meters;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ChatModel chat && !(bean instanceof MeteredChatModel)) {
            return new MeteredChatModel(chat, meters.getObject());
        }
        if (bean instanceof TextGenerator generator && !(bean instanceof MeteredTextGenerator)) {
            return new MeteredTextGenerator(generator, meters.getObject());
        }
        return bean;
    }
}

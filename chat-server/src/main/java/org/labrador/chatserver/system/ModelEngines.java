package org.labrador.chatserver.system;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Conditions on {@code labrador.model.engine}, for the beans of one engine or another: with
 * {@code embedded} the embedded engine is the chat model, the text generator and the model list; with
 * {@code servers} the model servers under {@code labrador.model.servers} together are; with
 * {@code ollama} (the default) the Ollama clients are. A value that is neither stops the start with
 * the binder's message naming the key.
 */
public final class ModelEngines {

    private ModelEngines() {
    }

    static LabradorProperties.Model.Engine selected(ConditionContext context) {
        return Binder.get(context.getEnvironment())
                .bind("labrador.model.engine", LabradorProperties.Model.Engine.class)
                .orElse(LabradorProperties.Model.Engine.OLLAMA);
    }

    /** {@code labrador.model.engine: embedded}. */
    public static final class Embedded implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return selected(context) == LabradorProperties.Model.Engine.EMBEDDED;
        }
    }

    /** {@code labrador.model.engine: ollama}, or not set. */
    public static final class Ollama implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return selected(context) == LabradorProperties.Model.Engine.OLLAMA;
        }
    }

    /** {@code labrador.model.engine: servers}: several Ollama or OpenAI-compatible servers. */
    public static final class Servers implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return selected(context) == LabradorProperties.Model.Engine.SERVERS;
        }
    }
}

package org.labrador.models.backends;

import java.util.Objects;
import org.labrador.models.ChatModel;
import org.labrador.models.ModelListing;
import org.labrador.models.TextGenerator;

/**
 * One model server: its chat model, its completions, its model list, and how many requests it
 * takes at once.
 *
 * @param label         how logs and notices name it (its URL)
 * @param maxConcurrent requests it serves at once; more wait in the queue
 */
public record Backend(String label, ChatModel chat, TextGenerator completion, ModelListing models, int maxConcurrent) {

    public Backend {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(models, "models");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
    }
}

package org.labrador.chatserver.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.labrador.models.ChatModel;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.ChunkIndex;
import org.labrador.retrieval.PassageIndex;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * What {@code /actuator/info} says besides the build (version, time): the index schema this build
 * writes and the one on disk, the embedding model, and the chat model. Read when asked, never
 * opening anything a command-line run has not opened.
 */
@Component
class ServerInfo implements InfoContributor {

    private final ObjectProvider<PassageIndex> index;
    private final ObjectProvider<LocalEmbedding> embedding;
    private final ObjectProvider<ChatModel> chat;

    ServerInfo(ObjectProvider<PassageIndex> index, ObjectProvider<LocalEmbedding> embedding, ObjectProvider<ChatModel> chat) {
        this.index = index;
        this.embedding = embedding;
        this.chat = chat;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> indexInfo = new LinkedHashMap<>();
        indexInfo.put("schema", ChunkIndex.schemaVersion());
        PassageIndex open = index.getIfAvailable();
        if (open != null) {
            indexInfo.put("schemaOnDisk", open.commitData().getOrDefault("labrador.index-schema", ""));
        }
        LocalEmbedding model = embedding.getIfAvailable();
        if (model != null) {
            indexInfo.put("embeddingModel", model.name());
            indexInfo.put("dimension", model.dimension());
        }
        builder.withDetail("index", indexInfo);
        ChatModel answering = chat.getIfAvailable();
        if (answering != null) {
            builder.withDetail("chatModel", Map.of("name", answering.name(),
                    "contextTokens", answering.contextWindow().tokens()));
        }
    }
}

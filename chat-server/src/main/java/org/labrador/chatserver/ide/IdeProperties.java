package org.labrador.chatserver.ide;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the IDE endpoints, under {@code labrador.ide.}.
 *
 * @param completionModel   the code model for completions when a request names none (an Ollama name)
 * @param completionTimeout hard time budget of one completion, context lookup and generation together;
 *                          when it runs out the text so far is returned, ending with reason {@code length}
 * @param maxTokens         tokens a completion may generate when the request does not say
 * @param contextTokens     how many tokens of repository code a completion prompt may carry
 * @param hitsPerFile       at most this many passages of one file in a completion's context
 * @param contextBudget     how long the repository lookup may take; past it the completion goes without context
 * @param modelListTtl      how long the upstream model list is reused
 * @param fimFormats        fill-in-the-middle formats by name, added to or replacing the built-in ones
 *                          ({@code qwen}, {@code starcoder}, {@code codellama}, {@code deepseek}, {@code codestral})
 */
@ConfigurationProperties("labrador.ide")
public record IdeProperties(
        @DefaultValue("qwen2.5-coder:1.5b") String completionModel,
        @DefaultValue("5s") Duration completionTimeout,
        @DefaultValue("128") int maxTokens,
        @DefaultValue("1024") int contextTokens,
        @DefaultValue("2") int hitsPerFile,
        @DefaultValue("80ms") Duration contextBudget,
        @DefaultValue("10s") Duration modelListTtl,
        Map<String, Format> fimFormats) {

    public IdeProperties {
        fimFormats = fimFormats == null ? Map.of() : Map.copyOf(fimFormats);
    }

    /**
     * A fill-in-the-middle format; see {@link FimFormat} for the meaning of each field. Unset
     * fields of a format that replaces a built-in one keep the built-in values.
     */
    public record Format(String models, String prefix, String suffix, String middle, Boolean suffixFirst,
                         String repoHeader, String fileHeader, List<String> stop) {
    }
}

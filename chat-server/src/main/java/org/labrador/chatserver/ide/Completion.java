package org.labrador.chatserver.ide;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A completion request as the IDE endpoints receive it, whatever the API.
 *
 * @param model     the model asked for; blank for the configured completion model
 * @param prompt    the code before the cursor, or a whole raw prompt
 * @param suffix    the code after the cursor; null when the request has none
 * @param raw       whether the client formatted the prompt itself
 * @param system    a system message for plain generation, or null
 * @param options   Ollama model options ({@code num_predict}, {@code stop}, …)
 * @param keepAlive Ollama's {@code keep_alive}, passed on, or null
 * @param path      the file being edited, if the client says; "" otherwise
 * @param sources   sources to take context from; empty for all the caller may read
 * @param clientContext code the client sent along as context (llama.cpp's {@code input_extra}, Tabby's
 *                  declarations and snippets): it comes first in the prompt, before the repository's
 */
public record Completion(String model, String prompt, String suffix, boolean raw, String system,
                         Map<String, Object> options, Object keepAlive, String path, Set<String> sources,
                         List<CodeSnippet> clientContext) {

    /** A completion without context from the client. */
    public Completion(String model, String prompt, String suffix, boolean raw, String system,
                      Map<String, Object> options, Object keepAlive, String path, Set<String> sources) {
        this(model, prompt, suffix, raw, system, options, keepAlive, path, sources, List.of());
    }

    public Completion {
        model = model == null ? "" : model.strip();
        prompt = prompt == null ? "" : prompt;
        options = options == null ? Map.of() : options;
        path = path == null ? "" : path;
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        clientContext = clientContext == null ? List.of() : List.copyOf(clientContext);
    }
}
